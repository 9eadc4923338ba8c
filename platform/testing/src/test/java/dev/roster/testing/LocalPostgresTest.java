package dev.roster.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL a machine with only a JDK runs: a real server from Maven's binaries that keeps its data across a
 * stop and a start on the same port (as the local stack and the fault suite need), and the test databases, which
 * come from it wherever nothing answers on localhost:5432.
 */
class LocalPostgresTest {

    @Test
    void aDurableServerKeepsItsDataAcrossAStopAndAStartOnTheSamePort(@TempDir Path data) throws Exception {
        int port = freePort();
        Path log = data.resolve("postgres.log");
        try (LocalPostgres postgres = LocalPostgres.durable(data.resolve("postgres"), port, log)) {
            assertThat(postgres.port()).isEqualTo(port);
            execute(postgres, "CREATE TABLE kept (name text)", "INSERT INTO kept VALUES ('before the restart')");

            postgres.stop();
            assertThat(LocalPostgres.answers("localhost", port)).as("port %d after stop", port).isFalse();
            assertThatThrownBy(() -> connect(postgres).close()).isInstanceOf(SQLException.class);

            postgres.start();
            assertThat(LocalPostgres.answers("localhost", port)).isTrue();
            try (Connection connection = connect(postgres); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT name, current_setting('fsync') FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("before the restart");
                assertThat(rows.getString(2)).as("fsync of a server people keep work in").isEqualTo("on");
            }
        }
        assertThat(log).content().contains("database system is ready to accept connections", "database system is shut down");
    }

    @Test
    void aThrowawayServerTakesAFreePortAndIsGoneWhenStopped() throws Exception {
        LocalPostgres postgres = LocalPostgres.throwaway();
        int port = postgres.port();
        try {
            assertThat(port).isPositive();
            execute(postgres, "SELECT 1");
        }
        finally {
            postgres.close();
        }
        assertThat(LocalPostgres.answers("localhost", port)).isFalse();
    }

    /** Wherever the tests run (a PostgreSQL on localhost:5432, or an embedded one when none answers), a database is there. */
    @Test
    void aTestDatabaseIsCreatedOnWhicheverServerTheTestsFound() throws Exception {
        TestDatabase database = TestDatabase.create();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_database(), current_setting('server_version_num')::int")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo(database.name());
            assertThat(row.getInt(2)).as("the schema's features need PostgreSQL 15 or newer").isGreaterThanOrEqualTo(150000);
        }
        finally {
            database.drop();
        }
    }

    private static void execute(LocalPostgres postgres, String... statements) throws SQLException {
        try (Connection connection = connect(postgres); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static Connection connect(LocalPostgres postgres) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/postgres",
                LocalPostgres.USER, "");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
