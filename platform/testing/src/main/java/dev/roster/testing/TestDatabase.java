package dev.roster.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh PostgreSQL database for one test context. Its name carries its creation time, so that
 * databases left behind by a killed test run are dropped by a later one.
 */
public final class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static final String PREFIX = "roster_test_";
    private static final Duration STALE_AFTER = Duration.ofHours(3);

    private final PostgresServer server;
    private final String name;

    private TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /** Creates a new, empty database on the test server. */
    public static TestDatabase create() {
        PostgresServer server = PostgresServer.get();
        String name = PREFIX + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection admin = server.adminConnection(); Statement statement = admin.createStatement()) {
            dropStale(admin);
            statement.execute("CREATE DATABASE " + name);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create test database " + name + " on " + server, ex);
        }
        return new TestDatabase(server, name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + name;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + server.host() + ":" + server.port() + "/" + name;
    }

    public String username() {
        return server.username();
    }

    public String password() {
        return server.password();
    }

    /** A plain JDBC connection, for test set-up and assertions that want to look at the tables directly. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), password());
    }

    List<String> springProperties() {
        return List.of(
                "spring.r2dbc.url=" + r2dbcUrl(),
                "spring.r2dbc.username=" + username(),
                "spring.r2dbc.password=" + password(),
                "spring.flyway.url=" + jdbcUrl(),
                "spring.flyway.user=" + username(),
                "spring.flyway.password=" + password());
    }

    void drop() {
        try (Connection admin = server.adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        catch (SQLException ex) {
            log.warn("Could not drop test database {}: {}", name, ex.getMessage());
        }
    }

    private static void dropStale(Connection admin) throws SQLException {
        long cutoff = Instant.now().minus(STALE_AFTER).getEpochSecond();
        List<String> stale = new ArrayList<>();
        try (Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT datname FROM pg_database WHERE datname LIKE '" + PREFIX + "%'")) {
            while (rows.next()) {
                String candidate = rows.getString(1);
                String[] parts = candidate.substring(PREFIX.length()).split("_");
                if (parts.length == 2 && parts[0].matches("\\d+") && Long.parseLong(parts[0]) < cutoff) {
                    stale.add(candidate);
                }
            }
        }
        for (String database : stale) {
            try (Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    @Override
    public String toString() {
        return jdbcUrl();
    }
}
