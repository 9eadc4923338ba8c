package dev.roster.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One of Roster's services as the local stack runs it: its module, its public port, its management port
 * (actuator: health probes and metrics, never on the public listener) and its database.
 */
record RosterService(String name, int basePort, int baseManagementPort, String database) {

    static final List<RosterService> ALL = List.of(
            new RosterService("user-service", 8081, 9081, "roster_users"),
            new RosterService("training-service", 8082, 9082, "roster_trainings"),
            new RosterService("notification-service", 8083, 9083, "roster_notifications"),
            new RosterService("import-service", 8084, 9084, "roster_imports"),
            new RosterService("gateway", 8080, 9080, null));

    int port(LocalSettings settings) {
        return basePort + settings.portOffset();
    }

    int managementPort(LocalSettings settings) {
        return baseManagementPort + settings.portOffset();
    }

    /** The service's executable jar, built by {@code ./mvnw package}. */
    Path jar(LocalSettings settings) {
        Path target = settings.root().resolve(name).resolve("target");
        try (var jars = Files.list(target)) {
            return jars.filter(path -> path.getFileName().toString().matches(Pattern.quote(name) + "-[\\w.-]+\\.jar"))
                    .filter(path -> !path.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No jar in " + target + ": build with ./mvnw package"));
        }
        catch (IOException ex) {
            throw new IllegalStateException("No jar in " + target + ": build with ./mvnw package", ex);
        }
    }
}
