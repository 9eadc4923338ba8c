package dev.roster.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.testing.RequiresTools;
import dev.roster.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;

/**
 * The five images as {@code deploy/images/build.sh} builds them (buildah, no Docker daemon): each runs as the
 * user roster (10001), starts the service from its entrypoint without a shell, exposes the API and the management
 * port, sizes the heap from the container's limit, keeps dependencies and the application in separate layers on a
 * base without a shell; and each service starts inside its image.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresTools(value = {"buildah", "mmdebstrap"}, root = true)
class ImagesTest {

    static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent().getParent();
    static final Path IMAGES = REPOSITORY.resolve("target/images");
    static final List<String> SERVICES = List.of("user-service", "training-service", "notification-service",
            "import-service", "gateway");
    static final String TAG = "0.1.0";

    private final Map<String, OciArchive> archives = new HashMap<>();
    private final List<Process> started = new ArrayList<>();
    private final List<String> containers = new ArrayList<>();

    @BeforeAll
    void build() throws Exception {
        Path log = Files.createTempFile("roster-images", ".log");
        ProcessBuilder build = new ProcessBuilder("bash", "deploy/images/build.sh")
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        build.environment().put("ROSTER_SKIP_BUILD", "true");
        Process building = build.start();
        assertThat(building.waitFor(30, TimeUnit.MINUTES)).as("build.sh finished").isTrue();
        assertThat(building.exitValue()).as("build.sh: %s", Files.readString(log)).isZero();
        for (String service : SERVICES) {
            archives.put(service, OciArchive.read(IMAGES.resolve(service + ".tar")));
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        for (String container : containers) {
            buildah("rm", container).start().waitFor(60, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void runsAsRosterFromItsEntrypointWithoutAShellOnTheApiAndManagementPorts(String service) {
        JsonNode config = archives.get(service).config().get("config");
        assertThat(config.get("User").asString()).isEqualTo("10001:10001");
        assertThat(strings(config.get("Entrypoint"))).containsExactly("/opt/java/bin/java", "-jar", "/app/service.jar");
        assertThat(config.get("Cmd") == null || config.get("Cmd").isNull() || config.get("Cmd").isEmpty()).isTrue();
        assertThat(names(config.get("ExposedPorts"))).containsExactlyInAnyOrder("8080/tcp", "9090/tcp");
        assertThat(strings(config.get("Env"))).contains("PORT=8080", "MANAGEMENT_PORT=9090")
                .anySatisfy(env -> assertThat(env).startsWith("JAVA_TOOL_OPTIONS=").contains("-XX:MaxRAMPercentage="))
                .noneSatisfy(env -> assertThat(env).contains("-Xmx"));
        assertThat(config.get("Labels").get("org.opencontainers.image.title").asString()).isEqualTo(service);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void keepsTheDependenciesApartFromTheApplicationOnABaseWithoutAShell(String service) {
        List<OciArchive.Layer> layers = archives.get(service).layers();
        assertThat(layers).hasSizeGreaterThanOrEqualTo(3);
        OciArchive.Layer base = layers.getFirst();
        assertThat(base.paths()).contains("opt/java/bin/java", "etc/passwd")
                .noneMatch(path -> path.matches("(usr/)?bin/(sh|bash|dash)"))
                .noneMatch(path -> path.matches("(usr/)?bin/(apt|apt-get|dpkg)"));
        OciArchive.Layer dependencies = layers.stream().filter(layer -> layer.paths().stream()
                .anyMatch(path -> path.matches("app/lib/spring-core-.*\\.jar"))).findFirst().orElseThrow();
        OciArchive.Layer application = layers.getLast();
        assertThat(application.paths()).contains("app/service.jar")
                .noneMatch(path -> path.matches("app/lib/spring-.*\\.jar"));
        // a new build with the same libraries changes only the small last layer
        assertThat(application.size()).isLessThan(dependencies.size() / 10);
    }

    /** Every service, started from its image's entrypoint as its user, answers its liveness probe. */
    @Test
    void everyServiceStartsInsideItsImage() throws Exception {
        Map<String, Integer> managementPorts = new HashMap<>();
        for (String service : SERVICES) {
            JsonNode config = archives.get(service).config().get("config");
            int port = freePort();
            int management = freePort();
            managementPorts.put(service, management);
            List<String> command = new ArrayList<>(List.of("run", "--isolation", "chroot"));
            for (Map.Entry<String, String> env : environment(service, port, management).entrySet()) {
                command.addAll(List.of("--env", env.getKey() + "=" + env.getValue()));
            }
            Process from = buildah("from", "--quiet", "roster/" + service + ":" + TAG).start();
            String container = new String(from.getInputStream().readAllBytes()).strip();
            assertThat(from.waitFor()).as("buildah from roster/%s", service).isZero();
            containers.add(container);
            command.add(container);
            command.add("--");
            command.addAll(strings(config.get("Entrypoint")));
            Path output = IMAGES.resolve(service + "-started.log");
            started.add(buildah(command.toArray(String[]::new)).redirectOutput(output.toFile()).redirectErrorStream(true).start());
        }
        HttpClient http = HttpClient.newHttpClient();
        for (String service : SERVICES) {
            await(service + " answers its liveness probe").atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(URI.create(
                            "http://localhost:" + managementPorts.get(service) + "/actuator/health/liveness")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        }
        // as the image's user, not root
        List<Long> javaUids = ProcessHandle.allProcesses()
                // the JVMs themselves (buildah's chroot helper runs as the image's user too, before it execs java)
                .filter(process -> commandLine(process.pid()).equals("/opt/java/bin/java -jar /app/service.jar"))
                .map(process -> uid(process.pid()))
                .toList();
        assertThat(javaUids).hasSize(SERVICES.size()).containsOnly(10001L);
    }

    private static Map<String, String> environment(String service, int port, int management) {
        Map<String, String> env = new HashMap<>(Map.of(
                "PORT", String.valueOf(port),
                "MANAGEMENT_PORT", String.valueOf(management),
                // no broker: a service starts without one and says so; liveness does not depend on it
                "ROSTER_KAFKA_BOOTSTRAP_SERVERS", "localhost:" + freePort(),
                "JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=10 -XX:TieredStopAtLevel=1"));
        if (!service.equals("gateway")) {
            TestDatabase database = TestDatabase.create();
            URI url = URI.create(database.jdbcUrl().substring("jdbc:".length()));
            env.putAll(Map.of(
                    "ROSTER_POSTGRES_HOST", url.getHost(),
                    "ROSTER_POSTGRES_PORT", String.valueOf(url.getPort() == -1 ? 5432 : url.getPort()),
                    "ROSTER_POSTGRES_DATABASE", database.name(),
                    "ROSTER_POSTGRES_USER", database.username(),
                    "ROSTER_POSTGRES_PASSWORD", database.password()));
        }
        env.put("ROSTER_SIGNING_KEY_SECRET", "images-test-signing-key-secret-0123456789");
        env.put("ROSTER_NOTIFICATION_SECRET_KEY", "images-test-notification-secret-0123456789");
        env.put("ROSTER_USER_SERVICE_URL", "http://localhost:1");
        return env;
    }

    private static ProcessBuilder buildah(String... arguments) {
        List<String> command = new ArrayList<>(List.of("buildah", "--storage-driver", "vfs"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    /** As the process was started (ProcessHandle would name the executable by its path outside the chroot). */
    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).replace('\0', ' ').strip();
        }
        catch (IOException ex) {
            return "";
        }
    }

    private static long uid(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("Uid:")).map(line -> Long.parseLong(line.split("\\s+")[1]))
                    .findFirst().orElse(-1L);
        }
        catch (IOException ex) {
            return -1;
        }
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }

    private static List<String> names(JsonNode object) {
        return List.copyOf(object.propertyNames());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
