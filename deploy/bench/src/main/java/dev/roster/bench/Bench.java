package dev.roster.bench;

import dev.roster.local.LocalStack;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;

/** What every scenario works with: the running stack, the API through the gateway and straight at each service. */
final class Bench {

    static final String PASSWORD = "bench-password-1";

    final LocalStack stack;
    final Sizes sizes;
    final Report report;
    final Path charts;
    final Api gateway;
    final Metrics metrics = new Metrics();

    Bench(LocalStack stack, Sizes sizes, Report report, Path charts) {
        this.stack = stack;
        this.sizes = sizes;
        this.report = report;
        this.charts = charts;
        this.gateway = new Api(stack.port("gateway"));
    }

    /** The API straight at one service, past the gateway. */
    Api direct(String service) {
        return new Api(stack.port(service));
    }

    /** An account created for a scenario: its id and its owner's token. */
    record Account(UUID id, String ownerToken) {
    }

    /** An account of its own for a scenario, with room for every user it creates. */
    Account createAccount(String slug) {
        String id = gateway.post("/accounts", null, Map.of("slug", slug, "name", "Bench " + slug, "timeZone", "Europe/Berlin",
                        "seatLimit", 1_000_000,
                        "owner", Map.of("login", "owner", "email", "owner@" + slug + ".bench.roster.dev",
                                "firstName", "Olivia", "lastName", "Owner", "password", PASSWORD)),
                "X-Operator-Token", stack.operatorToken()).expect(201).text("id");
        return new Account(UUID.fromString(id), signIn(slug, "owner"));
    }

    String signIn(String account, String login) {
        return gateway.post("/auth/sign-in", null, Map.of("account", account, "login", login, "password", PASSWORD))
                .expect(200).text("accessToken");
    }

    /** Every user of the account, by login. */
    Map<String, UUID> usersByLogin(String token) {
        Map<String, UUID> users = new HashMap<>();
        for (int page = 0; ; page++) {
            JsonNode answer = gateway.get("/users?size=500&sort=login&page=" + page, token).expect(200).json();
            for (JsonNode user : answer.path("items")) {
                users.put(user.path("login").asString(), UUID.fromString(user.path("id").asString()));
            }
            if (answer.path("items").size() < 500) {
                return users;
            }
        }
    }

    /** What an import took: preview and applying, and the services' peak heap meanwhile. */
    record ImportRun(long previewMillis, long appliedMillis, double importHeapPeak, double userHeapPeak, JsonNode job,
            Map<String, Double> applyingCpuSeconds) {

        /** The CPU seconds each part spent while the rows were applied, largest first, as a sentence. */
        String applyingCpu() {
            return applyingCpuSeconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .map(part -> "%s %.1f".formatted(part.getKey(), part.getValue()))
                    .collect(java.util.stream.Collectors.joining(", ")) + " s";
        }
    }

    /** Uploads a file, waits for its preview, confirms it and waits until every row is applied. */
    ImportRun runImport(String token, String fileName, byte[] content, Duration timeout) {
        HeapWatch heap = new HeapWatch(metrics, stack.managementPort("import-service"), stack.managementPort("user-service"));
        heap.start();
        try {
            long start = System.nanoTime();
            JsonNode job = gateway.upload("/imports", token, fileName, content).expect(201).json();
            String id = job.path("id").asString();
            job = awaitJob(token, id, "PREVIEW", timeout);
            long preview = millisSince(start);
            Map<String, Double> cpuBefore = cpuNow();
            long confirm = System.nanoTime();
            gateway.post("/imports/" + id + "/confirm", token, Map.of()).expect(202);
            job = awaitJob(token, id, "COMPLETED", timeout);
            long applied = millisSince(confirm);
            Map<String, Double> cpu = Metrics.cpuSecondsBetween(cpuBefore, cpuNow());
            return new ImportRun(preview, applied, heap.peak(0), heap.peak(1), job, cpu);
        }
        finally {
            heap.stop();
        }
    }

    private Map<String, Double> cpuNow() {
        try {
            return Metrics.cpuSecondsByPart(stack.processesByService());
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private JsonNode awaitJob(String token, String id, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode job = gateway.get("/imports/" + id, token).expect(200).json();
            String now = job.path("state").asString();
            if (now.equals(state)) {
                return job;
            }
            if (now.equals("CANCELLED") || System.nanoTime() > deadline) {
                throw new IllegalStateException("Import " + id + " is " + now + ", not " + state + ": " + job);
            }
            sleep(Duration.ofMillis(100));
        }
    }

    /** Waits until the condition holds; false when it did not within the timeout. */
    static boolean await(BooleanSupplier condition, Duration timeout, Duration every) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(every);
        }
        return condition.getAsBoolean();
    }

    /** A connection to a service's own database, to watch its effects arrive (read only). */
    Connection database(String service) throws SQLException {
        Connection connection = DriverManager.getConnection(stack.jdbcUrl(service), stack.postgresUser(), stack.postgresPassword());
        connection.setReadOnly(true);
        return connection;
    }

    static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    static String seconds(long millis) {
        return String.format("%.2f s", millis / 1000.0);
    }

    static String millis(double millis) {
        return millis >= 100 ? String.format("%.0f ms", millis) : String.format("%.1f ms", millis);
    }

    static String megabytes(double bytes) {
        return String.format("%.0f MB", bytes / (1024 * 1024));
    }

    /** The value at a percentile of sorted values. */
    static double percentile(List<Long> sorted, double percentile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Samples the heap in use of some services every 200 ms and keeps the highest value of each. */
    static final class HeapWatch {

        private final Metrics metrics;
        private final int[] ports;
        private final double[] peaks;
        private volatile boolean running = true;
        private Thread thread;

        HeapWatch(Metrics metrics, int... ports) {
            this.metrics = metrics;
            this.ports = ports;
            this.peaks = new double[ports.length];
        }

        void start() {
            thread = Thread.ofVirtual().start(() -> {
                while (running) {
                    for (int i = 0; i < ports.length; i++) {
                        try {
                            peaks[i] = Math.max(peaks[i], metrics.heapUsed(ports[i]));
                        }
                        catch (Exception ignored) {
                            // a busy service answers the next time
                        }
                    }
                    try {
                        Thread.sleep(200);
                    }
                    catch (InterruptedException ex) {
                        return;
                    }
                }
            });
        }

        double peak(int index) {
            return peaks[index];
        }

        void stop() {
            running = false;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }
}
