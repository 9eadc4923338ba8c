package dev.roster.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the local stack is configured with, from the environment (DESIGN §9): PostgreSQL
 * ({@code ROSTER_POSTGRES_URL}, {@code ROSTER_POSTGRES_USER}, {@code ROSTER_POSTGRES_PASSWORD}; unset, the server on
 * {@code localhost:5432}, or an embedded one when nothing answers there),
 * SMTP ({@code ROSTER_SMTP_HOST}, {@code ROSTER_SMTP_PORT}; unset: an embedded server), the
 * operator token ({@code ROSTER_OPERATOR_TOKEN}), the keys that encrypt secrets at rest
 * ({@code ROSTER_SIGNING_KEY_SECRET}, {@code ROSTER_NOTIFICATION_SECRET_KEY}; fixed local defaults), and the ports ({@code ROSTER_PORT_OFFSET} moves
 * all of them, for running a second stack beside the first), and the services' JVM options
 * ({@code ROSTER_JAVA_OPTS}).
 */
record LocalSettings(
        Path root,
        String postgresHost,
        int postgresPort,
        String postgresUser,
        String postgresPassword,
        boolean postgresConfigured,
        String smtpHost,
        int smtpPort,
        boolean embeddedSmtp,
        String operatorToken,
        String signingKeySecret,
        String notificationSecretKey,
        int kafkaPort,
        int gatewayPort,
        int portOffset,
        List<String> javaOptions,
        Map<String, List<String>> serviceJavaOptions) {

    static final int GATEWAY_PORT = 8080;
    static final int KAFKA_PORT = 9092;
    static final int EMBEDDED_SMTP_PORT = 2525;
    /** Where the embedded PostgreSQL listens (moved by the offset): not 5432, where a server installed later will. */
    static final int EMBEDDED_POSTGRES_PORT = 15432;

    /** Quick to start and small, for a laptop; {@code ROSTER_JAVA_OPTS} replaces them (the benchmark runs with production settings). */
    static final String DEFAULT_JAVA_OPTIONS = "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    static LocalSettings from(Map<String, String> env) {
        Path root = findRoot(Path.of(env.getOrDefault("ROSTER_HOME", ".")).toAbsolutePath().normalize());
        String postgresUrl = env.get("ROSTER_POSTGRES_URL");
        boolean postgresConfigured = postgresUrl != null && !postgresUrl.isBlank();
        URI postgres = URI.create((postgresConfigured ? postgresUrl : "jdbc:postgresql://localhost:5432").replaceFirst("^jdbc:", ""));
        int offset = Integer.parseInt(env.getOrDefault("ROSTER_PORT_OFFSET", "0"));
        String smtpHost = env.get("ROSTER_SMTP_HOST");
        boolean embeddedSmtp = smtpHost == null || smtpHost.isBlank();
        int smtpPort = embeddedSmtp ? EMBEDDED_SMTP_PORT + offset
                : Integer.parseInt(env.getOrDefault("ROSTER_SMTP_PORT", "25"));
        return new LocalSettings(
                root,
                postgres.getHost() == null ? "localhost" : postgres.getHost(),
                postgres.getPort() == -1 ? 5432 : postgres.getPort(),
                env.getOrDefault("ROSTER_POSTGRES_USER", "postgres"),
                env.getOrDefault("ROSTER_POSTGRES_PASSWORD", ""),
                postgresConfigured,
                embeddedSmtp ? "localhost" : smtpHost,
                smtpPort,
                embeddedSmtp,
                env.getOrDefault("ROSTER_OPERATOR_TOKEN", "local-operator-token"),
                // the local stack's own keys; a real deployment sets random ones and keeps them
                env.getOrDefault("ROSTER_SIGNING_KEY_SECRET", "local-signing-key-secret-not-for-production"),
                env.getOrDefault("ROSTER_NOTIFICATION_SECRET_KEY", "local-notification-secret-key-not-for-production"),
                KAFKA_PORT + offset,
                GATEWAY_PORT + offset,
                offset,
                List.of(env.getOrDefault("ROSTER_JAVA_OPTS", DEFAULT_JAVA_OPTIONS).trim().split("\\s+")),
                serviceJavaOptions(env));
    }

    /**
     * Options for one service after the common ones (a later {@code -Xmx} wins): {@code ROSTER_JAVA_OPTS_IMPORT_SERVICE}
     * for import-service, say.
     */
    static Map<String, List<String>> serviceJavaOptions(Map<String, String> env) {
        Map<String, List<String>> options = new HashMap<>();
        for (RosterService service : RosterService.ALL) {
            String value = env.get("ROSTER_JAVA_OPTS_" + service.name().toUpperCase(Locale.ROOT).replace('-', '_'));
            if (value != null && !value.isBlank()) {
                options.put(service.name(), List.of(value.trim().split("\\s+")));
            }
        }
        return Map.copyOf(options);
    }

    /** These settings with the PostgreSQL server the stack started itself: {@code localhost:port}, user postgres. */
    LocalSettings withEmbeddedPostgres(int port) {
        return new LocalSettings(root, "localhost", port, "postgres", "", false, smtpHost, smtpPort, embeddedSmtp, operatorToken,
                signingKeySecret, notificationSecretKey, kafkaPort, gatewayPort, portOffset, javaOptions, serviceJavaOptions);
    }

    int embeddedPostgresPort() {
        return EMBEDDED_POSTGRES_PORT + portOffset;
    }

    /** The JVM options of {@code service}: the common ones, then its own. */
    List<String> javaOptions(String service) {
        List<String> options = new ArrayList<>(javaOptions);
        options.addAll(serviceJavaOptions.getOrDefault(service, List.of()));
        return options;
    }

    Path dataDirectory() {
        return root.resolve("deploy/local/data" + (portOffset == 0 ? "" : "-" + portOffset));
    }

    Path logDirectory() {
        return dataDirectory().resolve("logs");
    }

    String kafkaBootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    private static Path findRoot(Path start) {
        for (Path candidate = start; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("mvnw")) && Files.isDirectory(candidate.resolve("deploy/local"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Run the local stack from the Roster repository (or set ROSTER_HOME)");
    }
}
