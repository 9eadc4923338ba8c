package dev.roster.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What each service costs the CPU while nobody uses it: target at most 1 % of one core. */
final class IdleCpu {

    private static final Duration SETTLE = Duration.ofSeconds(15);

    private final Bench bench;

    IdleCpu(Bench bench) {
        this.bench = bench;
    }

    void run() throws IOException {
        Benchmark.log("Idle CPU: settling " + SETTLE.toSeconds() + " s, then measuring " + bench.sizes.idleWindow().toSeconds() + " s");
        Bench.sleep(SETTLE);
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
