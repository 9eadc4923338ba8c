package dev.roster.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * The burst: one {@code POST /users/bulk} ends the employment of {@code burstUsers} people at once. Measured: the
 * answer; every signed-in person's token refused at the gateway and straight at training-service; the status reaching
 * each service's projection; the enrollments dropped and seats freed, the waiters promoted; the queued invitation
 * emails cancelled. Effects are counted every 50 ms in the services' own databases. Targets: answered within 1 s,
 * tokens refused within 1 s of the answer, every effect within 5 s of the request. Before it, its impact preview:
 * answered within 2 s, and saying what the burst then does.
 */
final class Offboarding {

    private static final String SECTION = "burst";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(50);
    /**
     * How often each signed-in person's token is asked, at each place: often enough to read a refusal to a tenth of
     * its 1 s target, seldom enough that the asking itself (two places, twenty people) stays the light load of people
     * at work rather than hundreds of requests a second competing with the burst for the same two cores.
     */
    private static final Duration ASK_EVERY = Duration.ofMillis(100);
    /** How often the burst's impact preview is asked before it. */
    private static final int PREVIEWS = 5;

    private final Bench bench;
    private final Population population;

    Offboarding(Bench bench, Population population) {
        this.bench = bench;
        this.population = population;
    }

    /** One effect, counted in a database, and the count it reaches when complete. */
    private record Effect(String name, String service, String sql, int expected) {
    }

    void run() throws Exception {
        Sizes sizes = bench.sizes;
        Api training = bench.direct("training-service");
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String login : population.signedInLogins()) {
            String token = bench.signIn(population.account(), login);
            bench.gateway.get("/me", token).expect(200);
            tokens.put(login, token);
        }
        List<UUID> invited = population.burst().subList(sizes.signedInDuringBurst(),
                sizes.signedInDuringBurst() + sizes.invitationsBeforeBurst());
        Benchmark.log("Burst: " + tokens.size() + " people signed in; inviting " + invited.size() + " people just before");
        for (UUID user : invited) {
            bench.gateway.post("/users/" + user + "/invitation", population.ownerToken(), Map.of()).expect(202);
        }
        preview(tokens.size());
        List<Effect> effects = effects(invited);
        try (Connection trainings = bench.database("training-service");
                Connection notifications = bench.database("notification-service");
                Connection imports = bench.database("import-service")) {
            Map<String, Connection> databases = Map.of("training-service", trainings, "notification-service", notifications,
                    "import-service", imports);
            Map<String, List<double[]>> series = new LinkedHashMap<>();
            effects.forEach(effect -> series.put(effect.name(), new ArrayList<>()));
            series.put("tokens refused at the gateway", new ArrayList<>());
            series.put("tokens refused at training-service", new ArrayList<>());

            List<CompletableFuture<Long>> atGateway = new ArrayList<>();
            List<CompletableFuture<Long>> atTraining = new ArrayList<>();
            tokens.values().forEach(token -> {
                atGateway.add(Refusal.watch(bench.gateway, "/me", token, ASK_EVERY, TIMEOUT));
                atTraining.add(Refusal.watch(training, "/me/trainings", token, ASK_EVERY, TIMEOUT));
            });
            Benchmark.log("Burst: END_EMPLOYMENT for " + population.burst().size() + " people in one request");
            long sent = System.nanoTime();
            JsonNode outcome = bench.gateway.post("/users/bulk", population.ownerToken(),
                    Map.of("action", "END_EMPLOYMENT", "userIds", population.burst())).expect(200).json();
            long answered = System.nanoTime();
            Instant answeredAt = Instant.now();
            int applied = outcome.path("applied").size();
            if (applied != population.burst().size()) {
                bench.report.problem("The bulk applied " + applied + " of " + population.burst().size() + ": "
                        + outcome.path("skipped"));
            }
            Map<String, Long> completedAt = new LinkedHashMap<>();
            long deadline = sent + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                double at = (System.nanoTime() - sent) / 1e9;
                boolean all = true;
                for (Effect effect : effects) {
                    long count = Ledger.count(databases.get(effect.service()), effect.sql());
                    series.get(effect.name()).add(new double[] {at, count});
                    if (count >= effect.expected()) {
                        completedAt.putIfAbsent(effect.name(), System.nanoTime());
                    }
                    else {
                        all = false;
                    }
                }
                long refusedGateway = atGateway.stream().filter(CompletableFuture::isDone).count();
                long refusedTraining = atTraining.stream().filter(CompletableFuture::isDone).count();
                series.get("tokens refused at the gateway").add(new double[] {at, refusedGateway});
                series.get("tokens refused at training-service").add(new double[] {at, refusedTraining});
                if (all && refusedGateway == tokens.size() && refusedTraining == tokens.size()) {
                    break;
                }
                Bench.sleep(SAMPLE_EVERY);
            }
            figures(sent, answered, atGateway, atTraining, effects, completedAt);
            sentAfter(notifications, invited, answeredAt);
            Charts.overTime(bench.charts.resolve("burst-effects.png"), "END_EMPLOYMENT of %,d people: effects over time"
                    .formatted(population.burst().size()), "share of the effect done (%)", percentages(series, effects, tokens.size()));
            bench.report.section("""
                    ## The burst: %,d people's employment ended in one request

                    %d of them were signed in (their tokens asked every %d ms), %d seated in %d full trainings with %d people
                    waiting, %d invited just before. Each line reaches 100 %% when the effect is complete.

                    ![effects of the burst over time](benchmarks/burst-effects.png)
                    """.formatted(population.burst().size(), tokens.size(), ASK_EVERY.toMillis(), sizes.enrolledInBurst(), sizes.trainings(),
                    sizes.waiters(), invited.size()));
        }
    }

    /**
     * The burst's impact preview ({@code POST /users/status-impact}), asked {@link #PREVIEWS} times just before it:
     * how long an administrator waits for it (target: 2 s for 10,000 people), and whether it says what the burst then
     * does (every person changed, each signed-in session cut, each seated enrollment dropped, each waiter promoted).
     */
    private void preview(int signedIn) {
        List<Long> millis = new ArrayList<>();
        JsonNode preview = null;
        for (int i = 0; i < PREVIEWS; i++) {
            long started = System.nanoTime();
            preview = bench.gateway.post("/users/status-impact", population.ownerToken(),
                    Map.of("status", "EMPLOYMENT_ENDED", "userIds", population.burst())).expect(200).json();
            millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        millis.sort(null);
        long slowest = millis.getLast();
        bench.report.figure(SECTION, "%,d × END_EMPLOYMENT: impact preview answered".formatted(population.burst().size()),
                Bench.seconds(millis.get(millis.size() / 2)) + " (slowest of " + PREVIEWS + ": " + Bench.seconds(slowest) + ")",
                "≤ 2 s", Report.Verdict.atMost(slowest, 2000));
        JsonNode totals = preview.path("totals");
        bench.report.figure(SECTION, "impact preview: what it said", "%,d changed, %,d sessions cut, %,d enrollments dropped, "
                .formatted(totals.path("applied").asInt(), totals.path("sessionsCut").asLong(),
                        totals.path("enrollmentsDropped").asInt())
                + "%,d promoted from waitlists, %,d queued emails cancelled".formatted(
                        totals.path("waitlistPromotions").asInt(), totals.path("queuedEmailsCancelled").asLong()));
        Map<String, long[]> said = new LinkedHashMap<>();
        said.put("people changed", new long[] {totals.path("applied").asLong(), population.burst().size()});
        said.put("sessions cut", new long[] {totals.path("sessionsCut").asLong(), signedIn});
        said.put("enrollments dropped", new long[] {totals.path("enrollmentsDropped").asLong(), bench.sizes.enrolledInBurst()});
        said.put("waiters promoted", new long[] {totals.path("waitlistPromotions").asLong(), bench.sizes.waiters()});
        said.forEach((what, counts) -> {
            if (counts[0] != counts[1]) {
                bench.report.problem("Impact preview: said " + counts[0] + " " + what + ", the burst does " + counts[1]);
            }
        });
        if (!preview.path("unknown").isEmpty()) {
            bench.report.problem("Impact preview: parts unknown: " + preview.path("unknown"));
        }
    }

    private List<Effect> effects(List<UUID> invited) {
        String account = "'" + population.accountId() + "'";
        String trainings = Ledger.uuidArray(population.trainings());
        String waiters = Ledger.uuidArray(population.waiters());
        int people = population.burst().size();
        return List.of(
                new Effect("training-service knows the status", "training-service",
                        "SELECT count(*) FROM person WHERE account_id = " + account + " AND status = 'EMPLOYMENT_ENDED'", people),
                new Effect("notification-service knows the status", "notification-service",
                        "SELECT count(*) FROM person WHERE account_id = " + account + " AND status = 'EMPLOYMENT_ENDED'", people),
                new Effect("import-service knows the status", "import-service",
                        "SELECT count(*) FROM directory_user WHERE account_id = " + account + " AND status = 'EMPLOYMENT_ENDED'", people),
                new Effect("enrollments dropped", "training-service",
                        "SELECT count(*) FROM enrollment WHERE training_id = ANY(" + trainings + ") AND status = 'DROPPED'",
                        bench.sizes.enrolledInBurst()),
                new Effect("waiters promoted", "training-service",
                        "SELECT count(*) FROM enrollment WHERE training_id = ANY(" + trainings + ") AND status = 'ENROLLED'"
                                + " AND user_id = ANY(" + waiters + ")", bench.sizes.waiters()),
                new Effect("invitation emails settled (sent before or cancelled)", "notification-service",
                        "SELECT count(*) FROM delivery WHERE kind = 'user-invited' AND channel = 'EMAIL'"
                                + " AND status NOT IN ('QUEUED', 'SENDING') AND account_id = " + account,
                        invited.size()));
    }

    private void figures(long sent, long answered, List<CompletableFuture<Long>> atGateway,
            List<CompletableFuture<Long>> atTraining, List<Effect> effects, Map<String, Long> completedAt) {
        long answerMillis = Duration.ofNanos(answered - sent).toMillis();
        bench.report.figure(SECTION, "%,d × END_EMPLOYMENT: answered".formatted(population.burst().size()),
                Bench.seconds(answerMillis), "≤ 1 s", Report.Verdict.atMost(answerMillis, 1000));
        tokens("at the gateway", answered, atGateway);
        tokens("straight at training-service", answered, atTraining);
        long last = 0;
        for (Effect effect : effects) {
            Long done = completedAt.get(effect.name());
            if (done == null) {
                bench.report.problem("Burst: '" + effect.name() + "' did not complete within " + TIMEOUT.toMinutes() + " min");
                continue;
            }
            long millis = Duration.ofNanos(done - sent).toMillis();
            last = Math.max(last, millis);
            bench.report.figure(SECTION, effect.name() + " (" + effect.expected() + ")", Bench.seconds(millis) + " after the request");
        }
        if (completedAt.size() == effects.size()) {
            bench.report.figure(SECTION, "every effect complete", Bench.seconds(last) + " after the request", "≤ 5 s",
                    Report.Verdict.atMost(last, 5000));
        }
    }

    private void tokens(String where, long answered, List<CompletableFuture<Long>> refusals) {
        List<Long> latencies = new ArrayList<>();
        for (CompletableFuture<Long> refusal : refusals) {
            long refused = refusal.join();
            if (refused < 0) {
                bench.report.problem("Burst: a token was still accepted " + where + " after " + TIMEOUT.toMinutes() + " min");
            }
            else {
                latencies.add(Math.max(0, Duration.ofNanos(refused - answered).toMillis()));
            }
        }
        latencies.sort(null);
        double all = Bench.percentile(latencies, 100);
        bench.report.figure(SECTION, "all %d signed-in tokens refused %s".formatted(refusals.size(), where),
                Bench.millis(all) + " after the answer (p50 " + Bench.millis(Bench.percentile(latencies, 50)) + ")", "≤ 1 s",
                Report.Verdict.atMost(all, 1000));
    }

    /** Never mail someone whose employment has ended: invitation emails sent after the bulk answered. */
    private void sentAfter(Connection notifications, List<UUID> invited, Instant answeredAt) throws SQLException {
        try (PreparedStatement statement = notifications.prepareStatement("""
                SELECT count(*) FILTER (WHERE status = 'SUPPRESSED') AS cancelled,
                       count(*) FILTER (WHERE status IN ('SENT', 'DELIVERED') AND sent_at > ?) AS late
                FROM delivery WHERE kind = 'user-invited' AND channel = 'EMAIL' AND account_id = ?""")) {
            statement.setTimestamp(1, Timestamp.from(answeredAt));
            statement.setObject(2, population.accountId());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                bench.report.figure(SECTION, "invitation emails cancelled by the burst", row.getLong("cancelled") + " of "
                        + invited.size() + " (the others were sent before it)");
                long late = row.getLong("late");
                bench.report.figure(SECTION, "invitation emails sent after the bulk answered", String.valueOf(late), "0",
                        late == 0 ? Report.Verdict.MET : Report.Verdict.MISSED);
            }
        }
    }

    private static Map<String, List<double[]>> percentages(Map<String, List<double[]>> series, List<Effect> effects, int tokens) {
        Map<String, List<double[]>> shares = new LinkedHashMap<>();
        series.forEach((name, points) -> {
            double total = effects.stream().filter(effect -> effect.name().equals(name)).findFirst()
                    .map(Effect::expected).orElse(tokens);
            shares.put(name, points.stream().map(point -> new double[] {point[0], total == 0 ? 100 : 100 * point[1] / total})
                    .toList());
        });
        return shares;
    }
}
