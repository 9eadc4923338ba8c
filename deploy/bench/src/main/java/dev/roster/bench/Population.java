package dev.roster.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The people of the benchmark's main account, created as a customer would: one csv import through the gateway.
 * {@code b…} are offboarded in the burst (the first few sign in first), {@code w…} wait for their seats in trainings,
 * {@code r…} have their status changed one at a time to time revocation, {@code load} is the user of the load test.
 * Trainings have one session each, full of {@code b…} users, with {@code w…} users on the waitlist.
 */
record Population(
        String account,
        UUID accountId,
        String ownerToken,
        List<UUID> burst,
        List<String> signedInLogins,
        List<UUID> waiters,
        List<String> revocationLogins,
        Map<String, UUID> ids,
        List<UUID> trainings) {

    static final String ACCOUNT = "bench";

    static Population create(Bench bench) {
        return create(bench, ACCOUNT);
    }

    /** The population of an account of its own, {@code slug}. */
    static Population create(Bench bench, String slug) {
        Sizes sizes = bench.sizes;
        Bench.Account account = bench.createAccount(slug);
        String token = account.ownerToken();
        StringBuilder csv = new StringBuilder("Login,Email,First name,Last name,Password,Status\n");
        List<String> burstLogins = new ArrayList<>();
        List<String> signedIn = new ArrayList<>();
        for (int i = 0; i < sizes.burstUsers(); i++) {
            String login = "b%05d".formatted(i);
            boolean signsIn = i < sizes.signedInDuringBurst();
            row(csv, slug, login, signsIn);
            burstLogins.add(login);
            if (signsIn) {
                signedIn.add(login);
            }
        }
        List<String> waiterLogins = new ArrayList<>();
        for (int i = 0; i < sizes.waiters(); i++) {
            waiterLogins.add("w%03d".formatted(i));
            row(csv, slug, waiterLogins.getLast(), false);
        }
        List<String> revocation = new ArrayList<>();
        for (int i = 0; i < sizes.revocationSamples(); i++) {
            revocation.add("r%03d".formatted(i));
            row(csv, slug, revocation.getLast(), true);
        }
        row(csv, slug, "load", true);
        int rows = sizes.burstUsers() + sizes.waiters() + sizes.revocationSamples() + 1;
        Benchmark.log("Population: importing " + rows + " users into account '" + slug + "'");
        Bench.ImportRun run = bench.runImport(token, "people.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(15));
        bench.report.figure("import", "csv, %,d new users: preview ready".formatted(rows), Bench.seconds(run.previewMillis()));
        bench.report.figure("import", "csv, %,d new users: applied after confirm".formatted(rows), Bench.seconds(run.appliedMillis()));
        Map<String, UUID> ids = bench.usersByLogin(token);
        if (ids.size() < rows) {
            throw new IllegalStateException("Only " + ids.size() + " of " + rows + " users were created");
        }
        List<UUID> trainings = enroll(bench, token, burstLogins.stream().map(ids::get).toList(),
                waiterLogins.stream().map(ids::get).toList());
        return new Population(slug, account.id(), token, burstLogins.stream().map(ids::get).toList(), signedIn,
                waiterLogins.stream().map(ids::get).toList(), revocation, ids, trainings);
    }

    /** A person's address: {@code <login>@<account>.roster.dev}. */
    String email(String login) {
        return login + "@" + account + ".roster.dev";
    }

    private static void row(StringBuilder csv, String slug, String login, boolean withPassword) {
        csv.append(login).append(',').append(login).append('@').append(slug).append(".roster.dev,Bench,")
                .append(login.toUpperCase()).append(',').append(withPassword ? Bench.PASSWORD : "").append(",Active\n");
    }

    /** One training per group of seats: the session full of offboarded-to-be people, the waiters behind them. */
    private static List<UUID> enroll(Bench bench, String token, List<UUID> burst, List<UUID> waiters) {
        Sizes sizes = bench.sizes;
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(14)).plus(Duration.ofHours(8));
        List<UUID> trainings = new ArrayList<>();
        for (int t = 0; t < sizes.trainings(); t++) {
            String training = bench.gateway.post("/trainings", token, Map.of("title", "Bench training " + t,
                    "timeZone", "Europe/Berlin", "sessionSelection", "LEARNER")).expect(201).text("id");
            String session = bench.gateway.post("/trainings/" + training + "/sessions", token, Map.of(
                    "startsAt", startsAt.toString(), "endsAt", startsAt.plus(Duration.ofHours(8)).toString(),
                    "location", "Room " + t, "capacity", sizes.seatsPerTraining())).expect(201).text("id");
            List<UUID> seated = burst.subList(t * sizes.seatsPerTraining(), (t + 1) * sizes.seatsPerTraining());
            List<UUID> waiting = waiters.subList(t * sizes.waitersPerTraining(), (t + 1) * sizes.waitersPerTraining());
            participants(bench, token, training, session, seated);
            participants(bench, token, training, session, waiting);
            trainings.add(UUID.fromString(training));
        }
        Benchmark.log("Population: " + burst.size() + " users, " + sizes.enrolledInBurst() + " of them seated in "
                + sizes.trainings() + " trainings, " + waiters.size() + " waiting");
        return trainings;
    }

    /** Enrolls people, again for those training-service does not know yet (it learns of new users from events). */
    private static void participants(Bench bench, String token, String training, String session, List<UUID> users) {
        List<UUID> left = new ArrayList<>(users);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!left.isEmpty()) {
            JsonNode answer = bench.gateway.post("/trainings/" + training + "/participants", token,
                    Map.of("userIds", left, "sessionId", session)).expect(200).json();
            List<UUID> retry = new ArrayList<>();
            for (JsonNode skipped : answer.path("skipped")) {
                if (!skipped.path("reason").asString().equals("NOT_FOUND")) {
                    throw new IllegalStateException("Could not enroll " + skipped);
                }
                retry.add(UUID.fromString(skipped.path("userId").asString()));
            }
            left = retry;
            if (!left.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("training-service does not know " + left.size() + " users");
                }
                Bench.sleep(Duration.ofMillis(200));
            }
        }
    }
}
