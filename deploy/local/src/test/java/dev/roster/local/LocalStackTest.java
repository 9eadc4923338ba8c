package dev.roster.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.RequiresTools;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's run command: the whole system comes up (real broker, SMTP, five service processes),
 * every service is ready, and stopping leaves no process and no open port behind. Runs on ports
 * moved by an offset so it does not collide with a local stack that is already running. The tests run in any order:
 * each changes only users it creates itself, and the stop is checked once all of them are done.
 */
class LocalStackTest {

    static final int OFFSET = 137;

    static LocalSettings settings;
    static LocalStack stack;
    /** Whether the stack runs its own PostgreSQL: nothing answered on localhost:5432 and no server was named. */
    static boolean embeddedPostgres;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("ROSTER_PORT_OFFSET", String.valueOf(OFFSET));
        if (System.getenv("ROSTER_TEST_POSTGRES_URL") != null) {
            env.put("ROSTER_POSTGRES_URL", System.getenv("ROSTER_TEST_POSTGRES_URL"));
        }
        env.put("ROSTER_POSTGRES_USER", System.getenv().getOrDefault("ROSTER_TEST_POSTGRES_USER", "postgres"));
        env.put("ROSTER_POSTGRES_PASSWORD", System.getenv().getOrDefault("ROSTER_TEST_POSTGRES_PASSWORD", ""));
        settings = LocalSettings.from(env);
        stack = new LocalStack(settings);
        stack.start();
        embeddedPostgres = stack.runsPostgres();
    }

    /** Stopping leaves no process and no open port behind: checked once every test is done with the stack. */
    @AfterAll
    static void stopsWithoutLeavingAProcessBehindAndCleansUp() throws Exception {
        try {
            if (stack != null) {
                stopAndCheck();
            }
        }
        finally {
            cleanUp();
        }
    }

    private static void stopAndCheck() throws Exception {
        List<ProcessHandle> processes = stack.serviceProcesses();
        boolean allRan = processes.size() == 5 && processes.stream().allMatch(ProcessHandle::isAlive);
        stack.stop();
        assertThat(allRan).as("the five service processes ran until the stop: %s", processes).isTrue();

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        for (int port : stack.servicePorts()) {
            assertThat(isOpen(port)).as("port %d after stop", port).isFalse();
        }
        for (int port : stack.managementPorts()) {
            assertThat(isOpen(port)).as("management port %d after stop", port).isFalse();
        }
        assertThat(isOpen(settings.kafkaPort())).isFalse();
        assertThat(isOpen(settings.smtpPort())).isFalse();
        if (embeddedPostgres) {
            assertThat(isOpen(settings.embeddedPostgresPort())).as("the embedded PostgreSQL's port after stop").isFalse();
        }
    }

    private static void cleanUp() throws Exception {
        if (!embeddedPostgres) {
            String url = "jdbc:postgresql://" + settings.postgresHost() + ":" + settings.postgresPort() + "/postgres";
            try (Connection connection = DriverManager.getConnection(url, settings.postgresUser(), settings.postgresPassword());
                    Statement statement = connection.createStatement()) {
                for (RosterService service : RosterService.ALL) {
                    if (service.database() != null) {
                        statement.execute("DROP DATABASE IF EXISTS " + service.database() + "_" + OFFSET + " WITH (FORCE)");
                    }
                }
            }
        }
        try (Stream<Path> paths = Files.walk(settings.dataDirectory())) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /**
     * The promise users care most about, through the gateway only: a learner whose employment ends is
     * refused at once, on their open session and at sign-in; reactivated, they sign in again.
     */
    @Test
    void anEndedLearnersSessionIsRefusedAtOnceAndAReactivatedLearnerSignsInAgain() throws Exception {
        GatewayClient gateway = new GatewayClient(settings.gatewayPort());
        String owner = gateway.token("demo", "owner", DemoSeed.PASSWORD);
        HttpResponse<String> created = gateway.post("/users", owner, """
                {"login":"newbie","email":"newbie@demo.roster.dev","firstName":"Nina","lastName":"Newbie",
                 "password":"newbie-password"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String learnerId = GatewayClient.field(created.body(), "id");
        String learner = gateway.token("demo", "newbie", "newbie-password");
        assertThat(gateway.get("/me", learner).statusCode()).isEqualTo(200);

        HttpResponse<String> ended = gateway.post("/users/" + learnerId + "/status", owner, "{\"status\":\"EMPLOYMENT_ENDED\"}");
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> gateway.get("/me", learner).statusCode() == 401);
        assertThat(gateway.get("/me", learner).body()).contains("access-revoked");
        assertThat(gateway.signIn("demo", "newbie", "newbie-password").statusCode()).isEqualTo(403);

        HttpResponse<String> reactivated = gateway.post("/users/" + learnerId + "/status", owner, "{\"status\":\"ACTIVE\"}");
        assertThat(reactivated.statusCode()).as(reactivated.body()).isEqualTo(200);
        String fresh = gateway.token("demo", "newbie", "newbie-password");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> gateway.get("/me", fresh).statusCode() == 200);
        assertThat(gateway.get("/me", learner).statusCode()).as("the old session stays ended").isEqualTo(401);
    }

    /**
     * The training promise through the gateway only: a learner switches session and unenrolls; when a
     * seated learner's employment ends, the seat goes to the next learner on the waitlist, as the impact preview said
     * before.
     */
    @Test
    void aLearnerSwitchesAndUnenrollsAndAnEndedLearnersSeatGoesToTheWaitlist() throws Exception {
        GatewayClient gateway = new GatewayClient(settings.gatewayPort());
        String owner = gateway.token("demo", "owner", DemoSeed.PASSWORD);
        HttpResponse<String> catalogue = gateway.get("/trainings?q=Negotiation", owner);
        assertThat(catalogue.body()).as("the demo trainings were seeded").contains("Negotiation Skills");

        String training = GatewayClient.field(gateway.post("/trainings", owner, """
                {"title":"Presenting with confidence","timeZone":"Europe/Berlin"}""").body(), "id");
        String small = GatewayClient.field(gateway.post("/trainings/" + training + "/sessions", owner, """
                {"startsAt":"2099-03-01T09:00:00Z","endsAt":"2099-03-01T17:00:00Z","location":"Room 1","capacity":1}""")
                .body(), "id");
        String large = GatewayClient.field(gateway.post("/trainings/" + training + "/sessions", owner, """
                {"startsAt":"2099-03-08T09:00:00Z","endsAt":"2099-03-08T17:00:00Z","location":"Room 2","capacity":20}""")
                .body(), "id");
        String first = newLearner(gateway, owner, "presenter.one");
        String second = newLearner(gateway, owner, "presenter.two");
        String firstToken = gateway.token("demo", "presenter.one", "presenter-password");
        String secondToken = gateway.token("demo", "presenter.two", "presenter-password");
        String enrollInSmall = "{\"sessionId\":\"" + small + "\"}";

        // training-service learns about new users from user-service's events
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> gateway.post("/me/trainings/" + training + "/enrollment", firstToken, enrollInSmall)
                        .statusCode() == 201);
        HttpResponse<String> switched = gateway.put("/me/trainings/" + training + "/enrollment", firstToken,
                "{\"sessionId\":\"" + large + "\"}");
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
        assertThat(switched.body()).contains("\"sessionId\":\"" + large + "\"");
        HttpResponse<String> unenrolled = gateway.delete("/me/trainings/" + training + "/enrollment", firstToken);
        assertThat(unenrolled.statusCode()).as(unenrolled.body()).isEqualTo(204);

        assertThat(gateway.post("/me/trainings/" + training + "/enrollment", firstToken, enrollInSmall).body())
                .contains("\"status\":\"ENROLLED\"");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> gateway.post("/me/trainings/" + training + "/enrollment", secondToken, enrollInSmall)
                        .statusCode() == 201);
        assertThat(gateway.get("/me/trainings/" + training, secondToken).body()).contains("\"status\":\"WAITLISTED\"");

        // before the change, the administrator sees what it will do: user-service asks training-service (and
        // notification-service) for their parts, over HTTP, with the owner's token
        HttpResponse<String> impact = gateway.post("/users/status-impact", owner,
                "{\"status\":\"EMPLOYMENT_ENDED\",\"userIds\":[\"" + first + "\"]}");
        assertThat(impact.statusCode()).as(impact.body()).isEqualTo(200);
        assertThat(impact.body()).as("every part answered").contains("\"unknown\":[]")
                .contains("\"sessionsCut\":1").contains("\"trainingTitle\":\"Presenting with confidence\"")
                .contains("\"seatGoesTo\":{\"userId\":\"" + second + "\"").contains("\"queuedEmailsCancelled\":");
        assertThat(gateway.get("/me/trainings/" + training, secondToken).body()).as("a preview changes nothing")
                .contains("\"status\":\"WAITLISTED\"");

        HttpResponse<String> ended = gateway.post("/users/" + first + "/status", owner, "{\"status\":\"EMPLOYMENT_ENDED\"}");
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> gateway.get("/me/trainings/" + training, secondToken).body().contains("\"status\":\"ENROLLED\""));
        HttpResponse<String> participants = gateway.get("/trainings/" + training + "/participants?status=DROPPED", owner);
        assertThat(participants.body()).contains(first).contains("EMPLOYMENT_ENDED");
        assertThat(gateway.get("/trainings/" + training + "/participants", owner).body()).contains(second)
                .doesNotContain(first);

        // the change is one trace: user-service logs it under the gateway's request id, and training-service drops
        // the enrollment in the same trace, with the same request id (through the outbox and Kafka)
        String requestId = ended.headers().firstValue("X-Request-Id").orElseThrow();
        String changed = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> logLine("user-service", requestId, "Changed the status of 1 users to EMPLOYMENT_ENDED"),
                        java.util.Objects::nonNull);
        String trace = correlation(changed)[0];
        assertThat(trace).matches("[0-9a-f]{32}");
        String dropped = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> logLine("training-service", trace, "Dropped 1 enrollments"), java.util.Objects::nonNull);
        assertThat(correlation(dropped)[0]).isEqualTo(trace);
        assertThat(correlation(dropped)[2]).isEqualTo(requestId);
    }

    /**
     * Deprovisioning at the identity provider, through the gateway only: Entra ID's SCIM PATCH ({@code "active":
     * "False"}) ends the employment (the account says deprovisioning means that), the learner's open session is refused
     * at once and their upcoming enrollment dropped, with nobody uploading a spreadsheet.
     */
    @Test
    void anIdentityProviderEndsAnEmploymentThroughScimAndTheLearnerIsRefusedAtOnce() throws Exception {
        GatewayClient gateway = new GatewayClient(settings.gatewayPort());
        String owner = gateway.token("demo", "owner", DemoSeed.PASSWORD);
        assertThat(gateway.put("/account/scim-settings", owner, "{\"deprovision\":\"EMPLOYMENT_ENDED\"}").statusCode())
                .isEqualTo(200);
        String scimToken = GatewayClient.field(gateway.post("/account/scim-tokens", owner, "{\"name\":\"Entra ID\"}").body(),
                "token");
        try {
            HttpResponse<String> created = gateway.scim("POST", "/Users", scimToken, """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"externalId":"e-4711",
                     "userName":"ivy@contoso.example","active":true,"emails":[{"primary":true,"type":"work",
                     "value":"ivy@contoso.example"}],"name":{"givenName":"Ivy","familyName":"Idp"}}""");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = GatewayClient.field(created.body(), "id");
            assertThat(gateway.post("/users/" + id + "/password", owner, "{\"newPassword\":\"ivy-password-1\"}")
                    .statusCode()).isEqualTo(204);
            String ivy = gateway.token("demo", "ivy@contoso.example", "ivy-password-1");
            String training = GatewayClient.field(gateway.post("/trainings", owner, """
                    {"title":"Onboarding for Ivy","timeZone":"Europe/Berlin"}""").body(), "id");
            String session = GatewayClient.field(gateway.post("/trainings/" + training + "/sessions", owner, """
                    {"startsAt":"2099-04-01T09:00:00Z","endsAt":"2099-04-01T17:00:00Z","location":"Room 3","capacity":5}""")
                    .body(), "id");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> gateway.post("/me/trainings/" + training + "/enrollment", ivy,
                            "{\"sessionId\":\"" + session + "\"}").statusCode() == 201);

            HttpResponse<String> disabled = gateway.scim("PATCH", "/Users/" + id, scimToken, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
            assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> gateway.get("/me", ivy).statusCode() == 401);
            assertThat(gateway.signIn("demo", "ivy@contoso.example", "ivy-password-1").statusCode()).isEqualTo(403);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> gateway.get("/trainings/" + training + "/participants?status=DROPPED", owner).body()
                            .contains(id));
            assertThat(gateway.get("/users/" + id, owner).body()).contains("\"status\":\"EMPLOYMENT_ENDED\"");
        }
        finally {
            gateway.put("/account/scim-settings", owner, "{\"deprovision\":\"INACTIVE\"}");
        }
    }

    /** The first line of {@code service}'s log that contains both {@code correlation} and {@code text}, or null. */
    private static String logLine(String service, String correlation, String text) throws java.io.IOException {
        try (Stream<String> lines = Files.lines(settings.logDirectory().resolve(service + ".log"))) {
            return lines.filter(line -> line.contains(correlation) && line.contains(text)).findFirst().orElse(null);
        }
    }

    /** A plain-text log line's {@code [trace span request]}: the three ids (the request id may be missing). */
    private static String[] correlation(String line) {
        java.util.regex.Matcher ids = java.util.regex.Pattern.compile("\\[([0-9a-f]{32}) ([0-9a-f]{16}) ?([^\\]]*)]")
                .matcher(line);
        assertThat(ids.find()).as(line).isTrue();
        return new String[] {ids.group(1), ids.group(2), ids.group(3)};
    }

    private static String newLearner(GatewayClient gateway, String owner, String login) throws Exception {
        HttpResponse<String> created = gateway.post("/users", owner, """
                {"login":"%s","email":"%s@demo.roster.dev","firstName":"Pat","lastName":"Presenter",
                 "password":"presenter-password"}""".formatted(login, login));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return GatewayClient.field(created.body(), "id");
    }

    /**
     * The notification promise through the gateway only: a learner unenrolls, their supervisor's email
     * arrives at the SMTP server and the notice appears in the supervisor's notification center, live on
     * an open stream too.
     */
    @Test
    void aSupervisorHearsOfAnUnenrollmentByEmailAndInTheNotificationCenter() throws Exception {
        GatewayClient gateway = new GatewayClient(settings.gatewayPort());
        String owner = gateway.token("demo", "owner", DemoSeed.PASSWORD);
        String supervisorId = GatewayClient.field(gateway.get("/users?q=Supervisor", owner).body(), "id");
        HttpResponse<String> created = gateway.post("/users", owner, """
                {"login":"reporting.learner","email":"reporting.learner@demo.roster.dev","firstName":"Rosa",
                 "lastName":"Reporter","password":"reporter-password","supervisorId":"%s"}""".formatted(supervisorId));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String learner = gateway.token("demo", "reporting.learner", "reporter-password");
        String supervisor = gateway.token("demo", "supervisor", DemoSeed.PASSWORD);
        String training = GatewayClient.field(gateway.post("/trainings", owner, """
                {"title":"Time Management","timeZone":"Europe/Berlin"}""").body(), "id");
        String session = GatewayClient.field(gateway.post("/trainings/" + training + "/sessions", owner, """
                {"startsAt":"2099-04-01T08:00:00Z","endsAt":"2099-04-01T16:00:00Z","location":"Room 3","capacity":5}""")
                .body(), "id");

        List<String> streamed = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpResponse<java.util.stream.Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + settings.gatewayPort() + "/api/v1/notifications/stream"))
                .header("Authorization", "Bearer " + supervisor).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = Thread.ofVirtual().start(() -> stream.body().forEach(streamed::add));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> streamed.contains("event:ready"));

        String enroll = "{\"sessionId\":\"" + session + "\"}";
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> gateway.post("/me/trainings/" + training + "/enrollment", learner, enroll).statusCode() == 201);
        assertThat(gateway.delete("/me/trainings/" + training + "/enrollment", learner).statusCode()).isEqualTo(204);

        String subject = "Rosa Reporter unenrolled from Time Management";
        Path mail = settings.dataDirectory().resolve("mail");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> Files.list(mail).anyMatch(file -> contains(file, subject)
                        && contains(file, "supervisor@demo.roster.dev")));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.get("/notifications", supervisor).body().contains(subject));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> streamed.stream().anyMatch(line -> line.startsWith("data:") && line.contains(subject)));
        reader.interrupt();
        stream.body().close();
        assertThat(gateway.get("/notifications/unread-count", supervisor).body()).doesNotContain("\"count\":0");
    }

    /**
     * The import promise through the gateway only: download the template, upload a filled file, see the
     * preview, confirm, see the users changed and the report; the export has the new user.
     */
    @Test
    void anAdministratorImportsUsersFromAFileAndExportsThem() throws Exception {
        GatewayClient gateway = new GatewayClient(settings.gatewayPort());
        String owner = gateway.token("demo", "owner", DemoSeed.PASSWORD);
        HttpResponse<byte[]> template = gateway.download("/imports/template?format=xlsx", owner);
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(template.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");

        HttpResponse<String> leaver = gateway.post("/users", owner, """
                {"login":"import.leaver","email":"import.leaver@demo.roster.dev","firstName":"Lea","lastName":"Leaver"}""");
        assertThat(leaver.statusCode()).as(leaver.body()).isEqualTo(201);

        // import-service knows the demo users and departments from user-service's events
        String file = """
                Login,Email,First name,Last name,Department,Supervisor login,Status,Employment end date
                imported.one,imported.one@demo.roster.dev,Ivy,Imported,My Company / Sales Department,supervisor,Active,
                import.leaver,,,,,,Employment Ended,2026-11-30
                """;
        java.util.concurrent.atomic.AtomicReference<String> preview = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> uploaded = gateway.upload("/imports", owner, "users.csv",
                    file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            preview.set(uploaded.body());
            return uploaded.statusCode() == 201 && uploaded.body().contains("\"create\":1")
                    && uploaded.body().contains("\"statusChange\":1");
        });
        String importId = GatewayClient.field(preview.get(), "id");

        HttpResponse<String> confirmed = gateway.post("/imports/" + importId + "/confirm", owner, "");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(202);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> gateway.get("/imports/" + importId, owner).body().contains("\"state\":\"COMPLETED\""));
        assertThat(gateway.get("/imports/" + importId, owner).body()).contains("\"applied\":2").contains("\"refused\":0");

        assertThat(gateway.get("/users?q=imported.one", owner).body()).contains("\"login\":\"imported.one\"")
                .contains("\"status\":\"ACTIVE\"");
        assertThat(gateway.get("/users?q=import.leaver", owner).body()).contains("\"status\":\"EMPLOYMENT_ENDED\"")
                .contains("\"employmentEndedOn\":\"2026-11-30\"");
        HttpResponse<byte[]> report = gateway.download("/imports/" + importId + "/report", owner);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body().length).isPositive();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> new String(
                gateway.download("/exports/users?format=csv", owner).body(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("imported.one,imported.one@demo.roster.dev,Ivy,Imported"));
    }

    /**
     * Consistency a person can see (DESIGN §11), through the gateway: an administrator who creates a user and
     * exports at once, sending back the token the creation answered with, finds the new user in the file, ten times
     * in a row; an invitation followed at once by a deactivation sends nothing, while one left alone arrives.
     */
    @Test
    void anAdministratorSeesTheirOwnWritesAndNobodyDeactivatedAMomentLaterIsMailed() throws Exception {
        GatewayClient gateway = new GatewayClient(settings.gatewayPort());
        String owner = gateway.token("demo", "owner", DemoSeed.PASSWORD);
        List<String> created = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String login = "fresh.%d".formatted(i);
            HttpResponse<String> create = gateway.post("/users", owner, """
                    {"login":"%s","email":"%s@demo.roster.dev","firstName":"Fresh","lastName":"Number%d"}"""
                    .formatted(login, login, i));
            assertThat(create.statusCode()).as(create.body()).isEqualTo(201);
            created.add(GatewayClient.field(create.body(), "id"));
            String written = create.headers().firstValue("Roster-Consistency").orElseThrow();

            HttpResponse<byte[]> export = gateway.download("/exports/users?format=csv", owner, written);
            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(new String(export.body(), java.nio.charset.StandardCharsets.UTF_8)).as("export %d", i)
                    .contains(login + "," + login + "@demo.roster.dev,Fresh,Number" + i);
        }

        // the race of issue 14: invite, deactivate at once; the last one is left alone and is mailed
        for (int i = 0; i < created.size(); i++) {
            HttpResponse<String> invited = gateway.post("/users/" + created.get(i) + "/invitation", owner, "");
            assertThat(invited.statusCode()).as(invited.body()).isEqualTo(202);
            if (i < created.size() - 1) {
                HttpResponse<String> deactivated = gateway.post("/users/" + created.get(i) + "/status", owner,
                        "{\"status\":\"INACTIVE\"}");
                assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);
            }
        }
        Path mail = settings.dataDirectory().resolve("mail");
        String last = "fresh.%d@demo.roster.dev".formatted(created.size() - 1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> Files.list(mail).anyMatch(file -> contains(file, last)));
        List<String> deactivated = java.util.stream.IntStream.range(0, created.size() - 1)
                .mapToObj("fresh.%d@demo.roster.dev"::formatted).toList();
        org.awaitility.Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> {
            try (Stream<Path> files = Files.list(mail)) {
                return files.noneMatch(file -> deactivated.stream().anyMatch(address -> contains(file, address)));
            }
        });
    }

    /**
     * The console in a real browser (Debian's Chromium, driven by Playwright: {@code console/e2e/run.mjs}) through
     * the gateway: a refused and a good sign-in, the users list, two users deactivated on a date and one employment
     * ended now from the list with the impact preview, the user card (a save, another person's change in between
     * explained, an employment ended from the card), a phone's width, sign-out, and an invited person setting a
     * password from the email's link and signing in; axe-core on every screen, any console error fails it.
     */
    @Test
    @RequiresTools("chromium")
    void administratorsAndInvitedPeopleUseTheConsoleInABrowser() throws Exception {
        GatewayClient gateway = new GatewayClient(settings.gatewayPort());
        String owner = gateway.token("demo", "owner", DemoSeed.PASSWORD);
        HttpResponse<String> created = gateway.post("/users", owner, """
                {"login":"invited.console","email":"invited.console@demo.roster.dev","firstName":"Ines","lastName":"Invited"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> invited = gateway.post("/users/" + GatewayClient.field(created.body(), "id") + "/invitation",
                owner, "");
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(202);
        Path mail = settings.dataDirectory().resolve("mail");
        String[] link = new String[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            try (Stream<Path> files = Files.list(mail)) {
                files.filter(file -> contains(file, "invited.console@demo.roster.dev")).findFirst()
                        .ifPresent(file -> link[0] = setPasswordLink(file));
            }
            return link[0] != null;
        });

        Path console = Path.of("..", "..", "console").toAbsolutePath().normalize();
        Path output = console.resolve("target/e2e/run.log");
        Files.createDirectories(output.getParent());
        ProcessBuilder walk = new ProcessBuilder("node", "e2e/run.mjs").directory(console.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        walk.environment().putAll(Map.of("ROSTER_URL", "http://localhost:" + settings.gatewayPort(),
                "ROSTER_ACCOUNT", "demo", "ROSTER_LOGIN", "owner", "ROSTER_PASSWORD", DemoSeed.PASSWORD,
                "ROSTER_INVITATION", link[0], "ROSTER_INVITED_LOGIN", "invited.console",
                "ROSTER_SCREENSHOTS", console.resolve("target/e2e").toString()));
        Process process = walk.start();
        boolean ended = process.waitFor(12, java.util.concurrent.TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String log = Files.readString(output);
        assertThat(ended).as("the browser walk ended within 12 minutes:%n%s", log).isTrue();
        assertThat(process.exitValue()).as("the browser walk:%n%s", log).isZero();
        assertThat(log).contains("flow(s) passed");
        for (String screen : List.of("sign-in-refused", "users", "bulk-deactivate-on-a-date", "bulk-end-employment-preview",
                "users-after-bulk", "user-card-conflict", "user-card", "user-card-groups", "user-card-audit", "users-phone",
                "import-start", "import-preview", "import-done", "departments", "groups", "roles", "account", "trainings",
                "training-sessions", "training-participants", "courses", "catalog", "my-trainings", "switch-session",
                "my-courses", "notifications", "supervisor-popup", "set-password", "learner-start")) {
            assertThat(console.resolve("target/e2e/" + screen + ".png")).as("screenshot of %s", screen).isNotEmptyFile();
        }
    }

    @Test
    void startsEverythingReadyAndKeepsMail() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int port : stack.managementPorts()) {
            HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).as("readiness on %d", port).isEqualTo(200);
            assertThat(readiness.body()).contains("\"UP\"");
        }

        // the demo account was seeded through the gateway; its users sign in there
        HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + settings.gatewayPort() + "/api/v1/auth/sign-in"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"account\":\"demo\",\"login\":\"agata.brown\",\"password\":\""
                        + DemoSeed.PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        assertThat(signIn.body()).contains("accessToken");

        String token = signIn.body().replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");

        // through the gateway, with the token checked against user-service's published keys
        HttpResponse<String> me = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + settings.gatewayPort() + "/api/v1/me"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"login\":\"agata.brown\"");

        // a path nobody owns is a problem, not a crash
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + settings.gatewayPort() + "/api/v1/nothing-here"))
                .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // the owner ends a learner's employment: their open session is refused at the gateway at once (a learner of
        // this test's own: the others sign in as the seeded users)
        GatewayClient gateway = new GatewayClient(settings.gatewayPort());
        String ownerToken = gateway.token("demo", "owner", DemoSeed.PASSWORD);
        HttpResponse<String> created = gateway.post("/users", ownerToken, """
                {"login":"ready.leaver","email":"ready.leaver@demo.roster.dev","firstName":"Rey","lastName":"Leaver",
                 "password":"ready-leaver-password"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String leaver = gateway.token("demo", "ready.leaver", "ready-leaver-password");
        HttpResponse<String> ended = gateway.post("/users/" + GatewayClient.field(created.body(), "id") + "/status",
                ownerToken, "{\"status\":\"EMPLOYMENT_ENDED\"}");
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> gateway.get("/me", leaver).body().contains("access-revoked"));

        // one Swagger UI at the gateway, over every service's OpenAPI document
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + settings.gatewayPort() + "/v3/api-docs/user-service")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        // paths relative to the public base URL, no internal server named
        assertThat(docs.body()).contains("\"openapi\"").contains("\"url\":\"/api/v1\"").contains("\"/users/{id}/status\"")
                .doesNotContain("localhost:" + (8081 + settings.portOffset()));
        HttpResponse<String> ui = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + settings.gatewayPort() + "/webjars/swagger-ui/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);

        sendMail("supervisor@example.com", "Agata unenrolled");
        Path mail = settings.dataDirectory().resolve("mail");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.list(mail).anyMatch(file -> contains(file, "Agata unenrolled")));

    }

    private static void sendMail(String to, String subject) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", settings.smtpHost());
        properties.put("mail.smtp.port", String.valueOf(settings.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("roster@example.com"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("They will not attend.");
        Transport.send(message);
    }

    /** The path and query of the set-password link in an invitation email (its text part, decoded). */
    private static String setPasswordLink(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("/set-password\\?token=[A-Za-z0-9_\\-.~%]+")
                    .matcher(text(message.getContent()));
            return link.find() ? link.group() : null;
        }
        catch (IOException | jakarta.mail.MessagingException ex) {
            return null;
        }
    }

    private static String text(Object content) throws IOException, jakarta.mail.MessagingException {
        if (content instanceof jakarta.mail.Multipart parts) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < parts.getCount(); i++) {
                all.append(text(parts.getBodyPart(i).getContent())).append('\n');
            }
            return all.toString();
        }
        return String.valueOf(content);
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static boolean isOpen(int port) {
        try (Socket ignored = new Socket("localhost", port)) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}
