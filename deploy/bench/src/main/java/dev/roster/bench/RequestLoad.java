package dev.roster.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /me} under closed-loop load, through the gateway and straight at user-service, side by side at each
 * connection count. Targets: at least 3,000 answers a second straight at user-service with 32 connections; through
 * the gateway at least 0.6 times that, at most 1 ms more at the median, and nothing shed (no 503) at these loads.
 * Beside each run, the CPU time the gateway and user-service spent per answer (from {@code /proc}): on a machine
 * whose cores the load generator, PostgreSQL and both services share, the figure that moves least from run to run.
 */
final class RequestLoad {

    private static final String SECTION = "GET /me";

    private final Bench bench;
    private final Population population;

    RequestLoad(Bench bench, Population population) {
        this.bench = bench;
        this.population = population;
    }

    void run() throws IOException, InterruptedException {
        if (!Wrk.installed()) {
            bench.report.problem("wrk is not installed (apt-get install wrk): no load was measured");
            return;
        }
        String token = bench.signIn(population.account(), "load");
        String viaGateway = "http://localhost:" + bench.stack.port("gateway") + "/api/v1/me";
        String direct = "http://localhost:" + bench.stack.port("user-service") + "/api/v1/me";
        Duration warmUp = bench.sizes == Sizes.SMOKE ? Duration.ofSeconds(1) : Duration.ofSeconds(10);
        Benchmark.log("Load: warming up both paths for " + warmUp.toSeconds() + " s each");
        Wrk.run("warm-up", direct, token, 32, warmUp);
        Wrk.run("warm-up", viaGateway, token, 32, warmUp);
        Map<String, List<double[]>> distributions = new LinkedHashMap<>();
        StringBuilder table = new StringBuilder("""
                ## GET /me under load

                wrk, closed loop (each connection sends its next request when the last is answered), %d s per run.

                | connections | path | answers/s | p50 | p99 | p99.9 | failed or not 2xx | CPU per answer: gateway / user-service |
                |---|---|---|---|---|---|---|---|
                """.formatted(bench.sizes.loadDuration().toSeconds()));
        for (int connections : bench.sizes.connections()) {
            Measured straight = measure("user-service", direct, token, connections);
            Measured gateway = measure("gateway", viaGateway, token, connections);
            for (Measured measured : List.of(straight, gateway)) {
                Wrk.Result result = measured.result();
                table.append("| %d | %s | %,.0f | %s | %s | %s | %,d | %s / %s |\n".formatted(connections,
                        result.target().equals("gateway") ? "through the gateway" : "straight at user-service",
                        result.throughput(), Bench.millis(result.percentileMillis(50)), Bench.millis(result.percentileMillis(99)),
                        Bench.millis(result.percentileMillis(99.9)), result.failed(),
                        cpu(measured.gatewayMillisPerAnswer()), cpu(measured.userServiceMillisPerAnswer())));
                distributions.put(result.target() + ", " + connections + " conn.", millisPoints(result));
            }
            figures(connections, straight.result(), gateway.result());
            if (connections == 32) {
                bench.report.figure(SECTION, "CPU per answer straight at user-service: user-service (32 conn.)",
                        cpu(straight.userServiceMillisPerAnswer()));
                bench.report.figure(SECTION, "CPU per answer through the gateway: gateway / user-service (32 conn.)",
                        cpu(gateway.gatewayMillisPerAnswer()) + " / " + cpu(gateway.userServiceMillisPerAnswer()));
            }
        }
        Charts.latencyDistribution(bench.charts.resolve("me-latency.png"), "GET /me: latency distribution", distributions);
        table.append("\n![GET /me latency distribution](benchmarks/me-latency.png)\n");
        bench.report.section(table.toString());
    }

    /** One wrk run, and the CPU time the gateway's and user-service's processes used meanwhile. */
    private Measured measure(String target, String url, String token, int connections) throws IOException, InterruptedException {
        ProcessHandle gateway = bench.stack.processesByService().get("gateway");
        ProcessHandle users = bench.stack.processesByService().get("user-service");
        double gatewayBefore = Metrics.cpuSeconds(gateway);
        double usersBefore = Metrics.cpuSeconds(users);
        Wrk.Result result = Wrk.run(target, url, token, connections, bench.sizes.loadDuration());
        return new Measured(result, Metrics.cpuSeconds(gateway) - gatewayBefore, Metrics.cpuSeconds(users) - usersBefore);
    }

    private record Measured(Wrk.Result result, double gatewayCpuSeconds, double userServiceCpuSeconds) {

        double gatewayMillisPerAnswer() {
            return gatewayCpuSeconds * 1000 / Math.max(1, result.requests());
        }

        double userServiceMillisPerAnswer() {
            return userServiceCpuSeconds * 1000 / Math.max(1, result.requests());
        }
    }

    private void figures(int connections, Wrk.Result straight, Wrk.Result gateway) {
        String at = " (" + connections + " conn.)";
        if (connections == 32) {
            bench.report.figure(SECTION, "straight at user-service: answers/s" + at, "%,.0f".formatted(straight.throughput()),
                    "≥ 3,000", Report.Verdict.atLeast(straight.throughput(), 3000));
            double ratio = gateway.throughput() / straight.throughput();
            bench.report.figure(SECTION, "through the gateway: answers/s" + at,
                    "%,.0f (%.2f× direct)".formatted(gateway.throughput(), ratio), "≥ 0.6× direct",
                    Report.Verdict.atLeast(ratio, 0.6));
            double added = gateway.percentileMillis(50) - straight.percentileMillis(50);
            bench.report.figure(SECTION, "gateway's added median latency" + at, Bench.millis(added), "≤ 1 ms",
                    Report.Verdict.atMost(added, 1.0));
        }
        else {
            bench.report.figure(SECTION, "answers/s straight / through the gateway" + at,
                    "%,.0f / %,.0f".formatted(straight.throughput(), gateway.throughput()));
        }
        bench.report.figure(SECTION, "through the gateway: failed or shed answers" + at, "%,d of %,d"
                .formatted(gateway.failed(), gateway.requests()), "0", gateway.failed() == 0 ? Report.Verdict.MET
                : Report.Verdict.MISSED);
    }

    /** CPU milliseconds, finer than latencies: a fraction of a millisecond is the whole cost of an answer. */
    private static String cpu(double millis) {
        return String.format("%.2f ms", millis);
    }

    private static List<double[]> millisPoints(Wrk.Result result) {
        return result.percentiles().stream().map(point -> new double[] {point[0], point[1] / 1000.0}).toList();
    }
}
