package dev.roster.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds the demo account through the public API, as a client would: the operator creates the
 * account with its owner, the owner adds an administrator, a supervisor and learners who report to
 * the supervisor. Runs once: when the account exists already, it only reprints the sign-in details.
 */
final class DemoSeed {

    static final String SLUG = "demo";
    static final String PASSWORD = "roster-demo-1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String operatorToken;

    DemoSeed(LocalSettings settings) {
        this.gateway = "http://localhost:" + settings.gatewayPort() + "/api/v1";
        this.operatorToken = settings.operatorToken();
    }

    /** Seeds the account if it is not there; returns the lines to print. */
    String run() throws IOException, InterruptedException {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(gateway + "/accounts"))
                .header("X-Operator-Token", operatorToken), """
                {"slug":"%s","name":"My Company","timeZone":"Europe/Berlin","seatLimit":50,
                 "owner":{"login":"owner","email":"owner@demo.roster.dev","firstName":"Olivia","lastName":"Owner",
                          "password":"%s"}}""".formatted(SLUG, PASSWORD));
        if (created.statusCode() == 201) {
            String token = field(signIn("owner"), "accessToken");
            String adminRole = roleId(token, "ADMINISTRATOR");
            String ownerId = field(created.body(), "ownerId");
            createUser(token, "admin", "Adam", "Admin", "Administrator", null, "\"roleIds\":[\"" + adminRole + "\"],");
            String supervisor = field(createUser(token, "supervisor", "Sofia", "Supervisor", "Sales Lead", ownerId, ""), "id");
            String root = field(get(token, "/departments"), "id");
            String sales = department(token, "Sales Department", root, supervisor);
            String care = department(token, "Customer Care", sales, null);
            String product = department(token, "Product Development", root, null);
            createUser(token, "agata.brown", "Agata", "Brown", "Sales Manager", supervisor, inDepartment(sales));
            createUser(token, "julie.gibson", "Julie", "Gibson", "Customer Care", supervisor, inDepartment(care));
            createUser(token, "earl.miller", "Earl", "Miller", "Technician", supervisor, inDepartment(product));
            createUser(token, "harry.evans", "Harry", "Evans", "Engineer", null, inDepartment(product));
        }
        else if (created.statusCode() != 409) {
            throw new IOException("Could not seed the demo account: " + created.statusCode() + " " + created.body());
        }
        seedTrainings(field(signIn("owner"), "accessToken"));
        return """
                  Demo account:        %s (password for every demo user: %s)
                  Demo users:          owner, admin, supervisor, agata.brown, julie.gibson, earl.miller, harry.evans
                  Demo trainings:      Negotiation Skills (learners pick a session), Fire Safety Briefing (preset),
                                       Customer Care Masterclass (2 seats, waitlist); course and program "Sales Onboarding"
                  Sign in:             curl -s %s/auth/sign-in -H 'Content-Type: application/json' \\
                                         -d '{"account":"%s","login":"owner","password":"%s"}'
                """.formatted(SLUG, PASSWORD, gateway, SLUG, PASSWORD);
    }

    /**
     * Demo trainings, once (also into a demo account seeded before trainings existed): sessions in the
     * coming weeks, counted from today, so the catalog always has something open.
     */
    private void seedTrainings(String token) throws IOException, InterruptedException {
        if (!get(token, "/trainings").contains("\"totalElements\":0")) {
            return;
        }
        Instant nextWeek = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(7)).plus(Duration.ofHours(8));
        String negotiation = training(token, """
                {"title":"Negotiation Skills","description":"Two days on preparing, anchoring and closing.",
                 "timeZone":"Europe/Berlin","sessionSelection":"LEARNER",
                 "stopRegistrationBefore":{"amount":1,"unit":"DAYS"},"stopCancellationBefore":{"amount":2,"unit":"DAYS"}}""");
        session(token, negotiation, nextWeek, "Berlin, Room Spree", 10);
        session(token, negotiation, nextWeek.plus(Duration.ofDays(14)), "Online", 12);
        String safety = training(token, """
                {"title":"Fire Safety Briefing","description":"The yearly briefing; sessions are assigned by HR.",
                 "timeZone":"Europe/Berlin","sessionSelection":"PRESET"}""");
        session(token, safety, nextWeek.plus(Duration.ofDays(3)), "Canteen", 40);
        String care = training(token, """
                {"title":"Customer Care Masterclass","description":"Small group, hands-on.","timeZone":"Europe/Berlin",
                 "sessionSelection":"LEARNER","stopCancellationBefore":{"amount":24,"unit":"HOURS"}}""");
        session(token, care, nextWeek.plus(Duration.ofDays(2)), "Munich, Room Isar", 2);
        String orientation = field(expect(send(HttpRequest.newBuilder(URI.create(gateway + "/courses"))
                .header("Authorization", "Bearer " + token), """
                {"title":"Company Orientation","description":"Who we are and how we work."}"""), 201), "id");
        String products = field(expect(send(HttpRequest.newBuilder(URI.create(gateway + "/courses"))
                .header("Authorization", "Bearer " + token), """
                {"title":"Our Products","description":"The catalogue in an hour."}"""), 201), "id");
        expect(send(HttpRequest.newBuilder(URI.create(gateway + "/programs")).header("Authorization", "Bearer " + token),
                """
                {"title":"Sales Onboarding","courseIds":["%s","%s"]}""".formatted(orientation, products)), 201);
    }

    private String training(String token, String json) throws IOException, InterruptedException {
        return field(expect(send(HttpRequest.newBuilder(URI.create(gateway + "/trainings"))
                .header("Authorization", "Bearer " + token), json), 201), "id");
    }

    private void session(String token, String trainingId, Instant startsAt, String location, int capacity)
            throws IOException, InterruptedException {
        expect(send(HttpRequest.newBuilder(URI.create(gateway + "/trainings/" + trainingId + "/sessions"))
                .header("Authorization", "Bearer " + token), """
                {"startsAt":"%s","endsAt":"%s","location":"%s","capacity":%d}"""
                .formatted(startsAt, startsAt.plus(Duration.ofHours(8)), location, capacity)), 201);
    }

    private String signIn(String login) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(gateway + "/auth/sign-in")),
                "{\"account\":\"%s\",\"login\":\"%s\",\"password\":\"%s\"}".formatted(SLUG, login, PASSWORD));
        return expect(response, 200);
    }

    private String department(String token, String name, String parentId, String supervisorId)
            throws IOException, InterruptedException {
        String body = "{\"name\":\"%s\",\"parentId\":\"%s\"%s}".formatted(name, parentId,
                supervisorId == null ? "" : ",\"supervisorIds\":[\"" + supervisorId + "\"]");
        return field(expect(send(HttpRequest.newBuilder(URI.create(gateway + "/departments"))
                .header("Authorization", "Bearer " + token), body), 201), "id");
    }

    private static String inDepartment(String departmentId) {
        return "\"departmentId\":\"" + departmentId + "\",";
    }

    private String get(String token, String path) throws IOException, InterruptedException {
        return expect(http.send(HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()), 200);
    }

    private String roleId(String token, String kind) throws IOException, InterruptedException {
        String roles = get(token, "/roles");
        Matcher matcher = Pattern.compile("\"id\":\"([^\"]+)\",\"kind\":\"" + kind + "\"").matcher(roles);
        if (!matcher.find()) {
            throw new IOException("No " + kind + " role in " + roles);
        }
        return matcher.group(1);
    }

    private String createUser(String token, String login, String first, String last, String jobTitle, String supervisorId,
            String extra) throws IOException, InterruptedException {
        String body = """
                {%s"login":"%s","email":"%s@demo.roster.dev","firstName":"%s","lastName":"%s","jobTitle":"%s",
                 "password":"%s"%s}""".formatted(extra, login, login, first, last, jobTitle, PASSWORD,
                supervisorId == null ? "" : ",\"supervisorId\":\"" + supervisorId + "\"");
        return expect(send(HttpRequest.newBuilder(URI.create(gateway + "/users"))
                .header("Authorization", "Bearer " + token), body), 201);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String json) throws IOException, InterruptedException {
        return http.send(request.header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(HttpResponse<String> response, int status) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) throws IOException {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IOException("No " + name + " in " + json);
        }
        return matcher.group(1);
    }
}
