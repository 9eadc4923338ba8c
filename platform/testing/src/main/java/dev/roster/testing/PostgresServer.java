package dev.roster.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server tests create their databases on: the one named by {@code ROSTER_TEST_POSTGRES_URL}, else the
 * one on {@code localhost:5432}, else, when nothing answers there, an embedded one this JVM starts ({@link LocalPostgres}),
 * so that a machine with only a JDK runs every test.
 */
record PostgresServer(String host, int port, String adminDatabase, String username, String password) {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/postgres";
    private static volatile PostgresServer instance;

    static PostgresServer get() {
        PostgresServer server = instance;
        if (server == null) {
            synchronized (PostgresServer.class) {
                server = instance;
                if (server == null) {
                    server = locate();
                    instance = server;
                }
            }
        }
        return server;
    }

    Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/" + adminDatabase, username, password);
    }

    private static PostgresServer locate() {
        String configuredUrl = System.getenv("ROSTER_TEST_POSTGRES_URL");
        boolean named = configuredUrl != null && !configuredUrl.isBlank();
        String url = named ? configuredUrl : DEFAULT_URL;
        URI uri = URI.create(url.substring("jdbc:".length()));
        PostgresServer configured = new PostgresServer(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(),
                uri.getPath().isEmpty() ? "postgres" : uri.getPath().substring(1),
                env("ROSTER_TEST_POSTGRES_USER", "postgres"), env("ROSTER_TEST_POSTGRES_PASSWORD", ""));
        if (!named && !LocalPostgres.answers(configured.host(), configured.port())) {
            LocalPostgres embedded = LocalPostgres.throwaway();
            log.warn("Nothing answers at {} and ROSTER_TEST_POSTGRES_URL is not set: the tests run on an {}", url, embedded);
            return new PostgresServer(embedded.host(), embedded.port(), "postgres", LocalPostgres.USER, "");
        }
        try (Connection ignored = configured.adminConnection()) {
            return configured;
        }
        catch (SQLException unreachable) {
            throw new IllegalStateException("PostgreSQL at " + url + " refuses the tests' connection as "
                    + configured.username() + " (set ROSTER_TEST_POSTGRES_URL, ROSTER_TEST_POSTGRES_USER, "
                    + "ROSTER_TEST_POSTGRES_PASSWORD): " + unreachable.getMessage(), unreachable);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
