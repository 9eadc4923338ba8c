package dev.roster.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each service costs the CPU while nobody uses it: target at most 1 % of one core. Measured last, once the run's
 * work has settled: a service that has been running a while, as in production, not one still compiling its start-up
 * (the JIT compilers alone take 1–3 % of a core in a service's first minutes).
 */
final class IdleCpu {

    private final Bench bench;

    IdleCpu(Bench bench) {
        this.bench = bench;
    }

    void run() throws IOException {
        // the last work's tails (consumers, emails, the outbox's housekeeping) are done well within this
        Duration settle = bench.sizes.idleWindow().multipliedBy(2);
        Benchmark.log("Idle CPU: settling " + settle.toSeconds() + " s, then measuring " + bench.sizes.idleWindow().toSeconds() + " s");
        Bench.sleep(settle);
        Map<String, ProcessHandle> processes = bench.stack.processesByService();
        Map<String, Double> before = new LinkedHashMap<>();
        for (Map.Entry<String, ProcessHandle> process : processes.entrySet()) {
            before.put(process.getKey(), Metrics.cpuSeconds(process.getValue()));
        }
        long start = System.nanoTime();
        Bench.sleep(bench.sizes.idleWindow());
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (Map.Entry<String, ProcessHandle> process : processes.entrySet()) {
            double used = Metrics.cpuSeconds(process.getValue()) - before.get(process.getKey());
            double percent = 100 * used / elapsed;
            bench.report.figure("idle", process.getKey() + ": CPU while idle", String.format("%.1f %% of a core", percent),
                    "≤ 1 %", Report.Verdict.atMost(percent, 1.0));
        }
    }
}
