package dev.roster.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server tests create their databases on: the one named by the environment (by
 * default {@code localhost:5432}), or a Testcontainers one when none answers and Docker runs.
 */
record PostgresServer(String host, int port, String adminDatabase, String username, String password) {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
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
        String url = env("ROSTER_TEST_POSTGRES_URL", "jdbc:postgresql://localhost:5432/postgres");
        URI uri = URI.create(url.substring("jdbc:".length()));
        PostgresServer configured = new PostgresServer(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(),
                uri.getPath().isEmpty() ? "postgres" : uri.getPath().substring(1),
                env("ROSTER_TEST_POSTGRES_USER", "postgres"), env("ROSTER_TEST_POSTGRES_PASSWORD", ""));
        try (Connection ignored = configured.adminConnection()) {
            return configured;
        }
        catch (SQLException unreachable) {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                throw new IllegalStateException("No PostgreSQL answers at " + url
                        + " and Docker is not available: start PostgreSQL or set ROSTER_TEST_POSTGRES_URL",
                        unreachable);
            }
            log.info("No PostgreSQL at {}; starting one with Testcontainers", url);
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "postgres-container-stop"));
            return new PostgresServer(container.getHost(), container.getMappedPort(5432),
                    container.getDatabaseName(), container.getUsername(), container.getPassword());
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
