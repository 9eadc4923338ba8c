package dev.roster.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.roster.testing.KraftBroker;
import dev.roster.testing.LocalPostgres;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the whole of Roster on this machine: PostgreSQL databases (on the server named by the
 * environment, created if missing; when none is named and nothing answers on {@code localhost:5432}, on an embedded
 * server whose binaries come from Maven), a real Kafka broker in KRaft mode, an SMTP server that keeps and
 * logs every mail, and the five services as separate processes. Waits until all are ready, prints
 * where they are, and stops everything on Ctrl-C.
 */
public final class LocalStack {

    /** Three minutes; {@code ROSTER_READY_TIMEOUT_SECONDS} gives a busy machine longer. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("ROSTER_READY_TIMEOUT_SECONDS", "180")));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private volatile LocalSettings settings;
    private LocalPostgres postgres;
    private final Map<RosterService, Process> processes = new LinkedHashMap<>();
    private final ScheduledExecutorService mailWatcher = Executors.newSingleThreadScheduledExecutor();
    private KraftBroker broker;
    private GreenMail smtp;
    private final Set<String> seenMail = new HashSet<>();
    private final List<Map.Entry<String, String>> keptMail = new ArrayList<>();
    private volatile boolean stopping;
    private String demo = "";

    LocalStack(LocalSettings settings) {
        this.settings = settings;
    }

    /** A stack configured from these environment variables (see the README), for tools that run it, such as the benchmark. */
    public static LocalStack fromEnvironment(Map<String, String> env) {
        return new LocalStack(LocalSettings.from(env));
    }

    public static void main(String[] args) throws Exception {
        LocalStack stack = new LocalStack(LocalSettings.from(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
        }
        catch (Exception ex) {
            log("Could not start Roster: " + ex.getMessage()
                    + (ex.getCause() != null ? " (" + ex.getCause() + ")" : ""));
            System.exit(1);
        }
        stack.printSummary();
        stack.watchServices();
    }

    public void start() throws Exception {
        Files.createDirectories(settings.logDirectory());
        startPostgresWhenNoneAnswers();
        createDatabases();
        log("Starting Kafka (KRaft) on " + settings.kafkaBootstrapServers());
        broker = KraftBroker.start(settings.kafkaPort(), settings.kafkaPort() + 1, 6, settings.dataDirectory().resolve("kafka"),
                false);
        if (settings.embeddedSmtp()) {
            startSmtp();
        }
        for (RosterService service : RosterService.ALL) {
            processes.put(service, launch(service));
        }
        awaitReady();
        demo = new DemoSeed(settings).run();
    }

    /** Stops the services (gracefully, then forcibly), the SMTP server and the broker. Idempotent. */
    public synchronized void stop() {
        if (stopping && processes.isEmpty() && broker == null) {
            return;
        }
        stopping = true;
        log("Stopping Roster");
        processes.values().forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        });
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Process process : processes.values()) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
        mailWatcher.shutdownNow();
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (postgres != null) {
            postgres.stop();
            postgres = null;
        }
        log("Stopped");
    }

    // --- faults, for the fault suite (deploy/bench, FaultSuite): each part of the system stopped and started on its own

    /** Stops the broker (cleanly; its data stays). */
    public synchronized void stopBroker() {
        if (broker != null) {
            log("Stopping Kafka");
            broker.close();
            broker = null;
        }
    }

    /** Starts the broker again on the same port and data. */
    public synchronized void startBroker() {
        if (broker == null) {
            log("Starting Kafka again on " + settings.kafkaBootstrapServers());
            broker = KraftBroker.start(settings.kafkaPort(), settings.kafkaPort() + 1, 6,
                    settings.dataDirectory().resolve("kafka"), false);
        }
    }

    /** Whether this stack runs its own PostgreSQL (embedded), which {@link #stopPostgres()} and {@link #startPostgres()} control. */
    public boolean runsPostgres() {
        return postgres != null;
    }

    /** Stops the stack's own PostgreSQL fast ({@code -m fast}: every connection cut; its data stays). */
    public synchronized void stopPostgres() {
        log("Stopping PostgreSQL");
        embeddedPostgres().stop();
    }

    /** Starts the stack's own PostgreSQL again on the same port and data. */
    public synchronized void startPostgres() {
        log("Starting PostgreSQL again on localhost:" + settings.postgresPort());
        embeddedPostgres().start();
    }

    private LocalPostgres embeddedPostgres() {
        if (postgres == null) {
            throw new IllegalStateException("This stack uses the PostgreSQL at " + settings.postgresHost() + ":"
                    + settings.postgresPort() + ", which it does not run");
        }
        return postgres;
    }

    /** Ends a service's process: {@code forcibly} as {@code kill -9} (nothing runs after), else as SIGTERM (a graceful shutdown). */
    public void end(String service, boolean forcibly) throws InterruptedException {
        Process process = processes.get(byName(service));
        log((forcibly ? "Killing " : "Stopping ") + service);
        if (forcibly) {
            process.destroyForcibly();
        }
        else {
            process.destroy();
        }
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(service + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
        }
    }

    /** Starts a service again (after {@link #end}) and waits until it is ready. */
    public void restart(String service) throws IOException, InterruptedException {
        RosterService which = byName(service);
        processes.put(which, launch(which, true));
        awaitReady(List.of(which));
    }

    /** Whether a service answers ready on its management port now. */
    public boolean ready(String service) {
        return isReady(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(), byName(service));
    }

    /** Stops the embedded SMTP server (what it received so far is kept); mail cannot be delivered until {@link #restartSmtp()}. */
    public synchronized void stopSmtp() {
        if (smtp != null) {
            collectMail();
            log("Stopping SMTP");
            smtp.stop();
        }
    }

    /** Starts the embedded SMTP server again on its port, after {@link #stopSmtp()}. */
    public synchronized void restartSmtp() {
        if (smtp != null) {
            log("Starting SMTP again on localhost:" + settings.smtpPort());
            smtp.start();
        }
    }

    /** Every mail the embedded SMTP server received since the stack started: one (recipient, subject) per recipient of each. */
    public synchronized List<Map.Entry<String, String>> mails() {
        collectMail();
        return List.copyOf(keptMail);
    }

    public String kafkaBootstrapServers() {
        return settings.kafkaBootstrapServers();
    }

    List<Integer> servicePorts() {
        return RosterService.ALL.stream().map(service -> service.port(settings)).toList();
    }

    /** The services' management ports, where their health probes answer. */
    List<Integer> managementPorts() {
        return RosterService.ALL.stream().map(service -> service.managementPort(settings)).toList();
    }

    List<ProcessHandle> serviceProcesses() {
        return processes.values().stream().map(Process::toHandle).toList();
    }

    /** Each service's process, by the service's name ({@code gateway}, {@code user-service}, …). */
    public Map<String, ProcessHandle> processesByService() {
        Map<String, ProcessHandle> byName = new LinkedHashMap<>();
        processes.forEach((service, process) -> byName.put(service.name(), process.toHandle()));
        return byName;
    }

    /** The public port of a service, by its name. */
    public int port(String service) {
        return byName(service).port(settings);
    }

    /** The management port (actuator) of a service, by its name. */
    public int managementPort(String service) {
        return byName(service).managementPort(settings);
    }

    /** A JDBC URL of a service's database, by the service's name, for tools that observe its effects. */
    public String jdbcUrl(String service) {
        return "jdbc:postgresql://" + settings.postgresHost() + ":" + settings.postgresPort() + "/" + databaseName(byName(service));
    }

    public String postgresUser() {
        return settings.postgresUser();
    }

    public String postgresPassword() {
        return settings.postgresPassword();
    }

    public String operatorToken() {
        return settings.operatorToken();
    }

    public List<String> javaOptions() {
        return settings.javaOptions();
    }

    /**
     * Drops this stack's databases and its broker's data, for a run that must start empty (the benchmark runs on its
     * own port offset, so this never touches the databases of the stack people use). Call before {@link #start()}.
     */
    public void discardData() throws SQLException, IOException {
        if (settings.portOffset() == 0) {
            throw new IllegalStateException("Refusing to discard the data of the default stack (port offset 0)");
        }
        if (usesEmbeddedPostgres()) {
            delete(settings.dataDirectory().resolve("postgres"));
        }
        else {
            String url = "jdbc:postgresql://" + settings.postgresHost() + ":" + settings.postgresPort() + "/postgres";
            try (Connection connection = DriverManager.getConnection(url, settings.postgresUser(), settings.postgresPassword());
                    Statement statement = connection.createStatement()) {
                for (RosterService service : RosterService.ALL) {
                    if (service.database() != null) {
                        statement.execute("DROP DATABASE IF EXISTS " + databaseName(service) + " WITH (FORCE)");
                    }
                }
            }
        }
        delete(settings.dataDirectory().resolve("kafka"));
    }

    private static void delete(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** No server named ({@code ROSTER_POSTGRES_URL}) and none on {@code localhost:5432}: the stack runs its own. */
    private boolean usesEmbeddedPostgres() {
        return !settings.postgresConfigured() && !LocalPostgres.answers(settings.postgresHost(), settings.postgresPort());
    }

    private void startPostgresWhenNoneAnswers() {
        if (usesEmbeddedPostgres()) {
            Path data = settings.dataDirectory().resolve("postgres");
            log("No PostgreSQL answers at " + settings.postgresHost() + ":" + settings.postgresPort()
                    + " and ROSTER_POSTGRES_URL is not set: starting an embedded PostgreSQL 17 (binaries from Maven) on localhost:"
                    + settings.embeddedPostgresPort() + ", data kept in " + data + ", log in "
                    + settings.logDirectory().resolve("postgres.log"));
            postgres = LocalPostgres.durable(data, settings.embeddedPostgresPort(), settings.logDirectory().resolve("postgres.log"));
            settings = settings.withEmbeddedPostgres(postgres.port());
        }
    }

    private RosterService byName(String name) {
        return RosterService.ALL.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    private void createDatabases() throws SQLException {
        String url = "jdbc:postgresql://" + settings.postgresHost() + ":" + settings.postgresPort() + "/postgres";
        log("Using PostgreSQL at " + settings.postgresHost() + ":" + settings.postgresPort());
        try (Connection connection = DriverManager.getConnection(url, settings.postgresUser(), settings.postgresPassword())) {
            for (RosterService service : RosterService.ALL) {
                if (service.database() == null) {
                    continue;
                }
                String database = databaseName(service);
                try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet row = exists.executeQuery()) {
                        if (!row.next()) {
                            try (Statement create = connection.createStatement()) {
                                create.execute("CREATE DATABASE " + database);
                            }
                            log("Created database " + database);
                        }
                    }
                }
            }
        }
        catch (SQLException ex) {
            throw new SQLException("PostgreSQL does not answer at " + url
                    + " (set ROSTER_POSTGRES_URL, ROSTER_POSTGRES_USER, ROSTER_POSTGRES_PASSWORD): " + ex.getMessage(), ex);
        }
    }

    private String databaseName(RosterService service) {
        return settings.portOffset() == 0 ? service.database() : service.database() + "_" + settings.portOffset();
    }

    private void startSmtp() throws IOException {
        Path mailDirectory = settings.dataDirectory().resolve("mail");
        Files.createDirectories(mailDirectory);
        smtp = new GreenMail(new ServerSetup(settings.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        log("SMTP server on localhost:" + settings.smtpPort() + " keeps every mail in " + mailDirectory);
        // GreenMail answers every mail received so far, mailbox by mailbox, not in the order they arrived: a mail is
        // new when its Message-ID was not seen before (the services' mails all carry one)
        mailWatcher.scheduleWithFixedDelay(this::collectMail, 1, 1, TimeUnit.SECONDS);
    }

    /** Keeps (logs, writes as a file, remembers) every mail received since the last look. */
    private synchronized void collectMail() {
        if (smtp == null) {
            return;
        }
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (seenMail.add(messageId(message))) {
                keep(message, settings.dataDirectory().resolve("mail"), seenMail.size());
                try {
                    for (jakarta.mail.Address to : message.getAllRecipients()) {
                        keptMail.add(Map.entry(to.toString(), message.getSubject()));
                    }
                }
                catch (jakarta.mail.MessagingException ex) {
                    log("Could not read a mail's recipients: " + ex.getMessage());
                }
            }
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            String id = message.getMessageID();
            return id != null ? id : "identity-" + System.identityHashCode(message);
        }
        catch (jakarta.mail.MessagingException ex) {
            return "identity-" + System.identityHashCode(message);
        }
    }

    private static void keep(MimeMessage message, Path directory, int index) {
        try {
            Path file = directory.resolve(Instant.now().toEpochMilli() + "-" + index + ".eml");
            try (OutputStream out = Files.newOutputStream(file)) {
                message.writeTo(out);
            }
            log("MAIL to " + String.join(", ", java.util.Arrays.stream(message.getAllRecipients())
                    .map(Object::toString).toList()) + ": \"" + message.getSubject() + "\" (" + file.getFileName() + ")");
        }
        catch (Exception ex) {
            log("Could not keep a mail: " + ex.getMessage());
        }
    }

    private Process launch(RosterService service) throws IOException {
        return launch(service, false);
    }

    /** Starts a service's process; its log starts afresh, or continues after what an earlier process of it wrote. */
    private Process launch(RosterService service, boolean appendToLog) throws IOException {
        Path logFile = settings.logDirectory().resolve(service.name() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.javaOptions(service.name()));
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-jar", service.jar(settings).toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(settings.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(appendToLog ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                        : ProcessBuilder.Redirect.to(logFile.toFile()));
        Map<String, String> env = builder.environment();
        env.put("PORT", String.valueOf(service.port(settings)));
        env.put("MANAGEMENT_PORT", String.valueOf(service.managementPort(settings)));
        env.put("ROSTER_POSTGRES_HOST", settings.postgresHost());
        env.put("ROSTER_POSTGRES_PORT", String.valueOf(settings.postgresPort()));
        env.put("ROSTER_POSTGRES_USER", settings.postgresUser());
        env.put("ROSTER_POSTGRES_PASSWORD", settings.postgresPassword());
        if (service.database() != null) {
            env.put("ROSTER_POSTGRES_DATABASE", databaseName(service));
        }
        env.put("ROSTER_KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrapServers());
        env.put("ROSTER_OPERATOR_TOKEN", settings.operatorToken());
        // each key only to the service that encrypts with it
        env.remove("ROSTER_SIGNING_KEY_SECRET");
        env.remove("ROSTER_NOTIFICATION_SECRET_KEY");
        if (service.name().equals("user-service")) {
            env.put("ROSTER_SIGNING_KEY_SECRET", settings.signingKeySecret());
        }
        if (service.name().equals("notification-service")) {
            env.put("ROSTER_NOTIFICATION_SECRET_KEY", settings.notificationSecretKey());
        }
        env.put("ROSTER_SMTP_HOST", settings.smtpHost());
        env.put("ROSTER_SMTP_PORT", String.valueOf(settings.smtpPort()));
        for (RosterService other : RosterService.ALL) {
            String variable = "ROSTER_" + other.name().toUpperCase().replace('-', '_') + "_URL";
            env.put(variable, "http://localhost:" + other.port(settings));
        }
        // links in emails (an invitation's set-password page) lead to the console this stack's gateway serves
        env.put("ROSTER_PORTAL_URL", "http://localhost:" + settings.gatewayPort());
        // people read these logs: plain text rather than the JSON lines of production
        env.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "");
        log("Starting " + service.name() + " on port " + service.port(settings) + " (log: " + logFile + ")");
        return builder.start();
    }

    private void awaitReady() throws InterruptedException {
        awaitReady(RosterService.ALL);
    }

    private void awaitReady(List<RosterService> services) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<RosterService> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (RosterService service : List.copyOf(waiting)) {
                Process process = processes.get(service);
                if (!process.isAlive()) {
                    throw new IllegalStateException(service.name() + " exited with code " + process.exitValue()
                            + "; see " + settings.logDirectory().resolve(service.name() + ".log"));
                }
                if (isReady(http, service)) {
                    log(service.name() + " is ready");
                    waiting.remove(service);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not ready within " + READY_TIMEOUT.toSeconds() + " s: "
                        + waiting.stream().map(RosterService::name).toList());
            }
            Thread.sleep(500);
        }
    }

    private boolean isReady(HttpClient http, RosterService service) {
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://localhost:" + service.managementPort(settings) + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void printSummary() {
        StringBuilder summary = new StringBuilder("\n  Roster is running.\n\n");
        summary.append("  Console (browser):  http://localhost:").append(settings.gatewayPort())
                .append("/ (sign in with the demo account below)\n");
        summary.append("  Gateway (the API):  http://localhost:").append(settings.gatewayPort()).append("/api/v1\n");
        for (RosterService service : RosterService.ALL) {
            summary.append(String.format("  %-21s http://localhost:%d (health: http://localhost:%d/actuator/health)%n",
                    service.name() + ":", service.port(settings), service.managementPort(settings)));
        }
        summary.append("  Kafka:               ").append(settings.kafkaBootstrapServers()).append('\n');
        summary.append("  SMTP:                ").append(settings.smtpHost()).append(':').append(settings.smtpPort())
                .append(settings.embeddedSmtp() ? " (embedded; mails are logged here and kept in "
                        + settings.dataDirectory().resolve("mail") + ")" : "").append('\n');
        summary.append("  Operator token:      ").append(settings.operatorToken()).append('\n');
        summary.append(demo);
        summary.append("  Logs:                ").append(settings.logDirectory()).append("\n\n");
        summary.append("  Press Ctrl-C to stop everything.\n");
        System.out.println(summary);
    }

    /** Blocks until Ctrl-C; says so when a service dies meanwhile. */
    private void watchServices() {
        processes.forEach((service, process) -> process.onExit().thenAccept(exited -> {
            if (!stopping) {
                log(service.name() + " exited with code " + exited.exitValue() + "; see its log");
            }
        }));
        while (!stopping) {
            java.util.concurrent.locks.LockSupport.park(this);
        }
    }

    static void log(String message) {
        System.out.println("[roster-local] " + message);
    }
}
