package dev.roster.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * From a status change's answer to the old token being refused, on an idle system, one user at a time: at the
 * gateway, and straight at training-service (every service refuses by itself). Target: p99 at most 200 ms.
 */
final class Revocation {

    private static final String SECTION = "revocation";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** One token asked at a time, so it may be asked often: the figure is read to 2 ms. */
    private static final Duration EVERY = Duration.ofMillis(2);

    private final Bench bench;
    private final Population population;

    Revocation(Bench bench, Population population) {
        this.bench = bench;
        this.population = population;
    }

    void run() {
        Api training = bench.direct("training-service");
        List<Long> atGateway = new ArrayList<>();
        List<Long> atTraining = new ArrayList<>();
        for (String login : population.revocationLogins()) {
            String token = bench.signIn(population.account(), login);
            bench.gateway.get("/me", token).expect(200);
            training.get("/me/trainings", token).expect(200);
            UUID id = population.ids().get(login);
            CompletableFuture<Long> gateway;
            CompletableFuture<Long> service;
            bench.gateway.post("/users/" + id + "/status", population.ownerToken(), Map.of("status", "INACTIVE")).expect(200);
            long answered = System.nanoTime();
            gateway = Refusal.watch(bench.gateway, "/me", token, EVERY, TIMEOUT);
            service = Refusal.watch(training, "/me/trainings", token, EVERY, TIMEOUT);
            record(login, answered, gateway.join(), atGateway);
            record(login, answered, service.join(), atTraining);
            Bench.sleep(Duration.ofMillis(300));
        }
        figures("at the gateway", atGateway);
        figures("straight at training-service", atTraining);
        bench.report.section("""
                ## Revocation, one status change at a time (idle)

                %d users, each signed in, then made INACTIVE by an administrator; the time from the status change's answer to
                the first 401 for the old token, asked every 2 ms.

                | where | p50 | p99 | max |
                |---|---|---|---|
                | at the gateway | %s | %s | %s |
                | straight at training-service | %s | %s | %s |
                """.formatted(atGateway.size(),
                Bench.millis(Bench.percentile(atGateway, 50)), Bench.millis(Bench.percentile(atGateway, 99)),
                Bench.millis(Bench.percentile(atGateway, 100)),
                Bench.millis(Bench.percentile(atTraining, 50)), Bench.millis(Bench.percentile(atTraining, 99)),
                Bench.millis(Bench.percentile(atTraining, 100))));
    }

    private void record(String login, long answered, long refused, List<Long> latencies) {
        if (refused < 0) {
            bench.report.problem("The token of " + login + " was still accepted " + TIMEOUT.toSeconds() + " s after INACTIVE");
            return;
        }
        latencies.add(Math.max(0, Duration.ofNanos(refused - answered).toMillis()));
        latencies.sort(null);
    }

    private void figures(String where, List<Long> latencies) {
        double p99 = Bench.percentile(latencies, 99);
        bench.report.figure(SECTION, "idle, status change → old token refused " + where + ": p50 / p99",
                Bench.millis(Bench.percentile(latencies, 50)) + " / " + Bench.millis(p99), "p99 ≤ 200 ms",
                Report.Verdict.atMost(p99, 200));
    }
}
