package dev.roster.bench;

import dev.roster.local.LocalStack;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Roster's benchmark: starts the whole system as the local stack does, but with production JVM settings, on ports
 * and databases of its own (port offset 500, emptied first), and measures every target of the scale issue side by
 * side in one run; then writes {@code docs/benchmarks.md} with PNG charts.
 *
 * <pre>deploy/bench/run.sh            # the full run (about 10 minutes on 2 cores)
 * deploy/bench/run.sh --smoke    # every scenario, small (CI)
 * deploy/bench/run.sh --only burst,import-csv   # some scenarios (idle, me, revocation, burst, import-csv,
 *                                              # import-xlsx, propagation), as when working on one target
 * deploy/bench/run.sh --faults   # the fault suite instead ({@link FaultSuite}): writes docs/reliability.md</pre>
 */
public final class Benchmark {

    /** Production settings: a heap that grows, G1, the full JIT (the local stack's quick-start flags stop at C1). */
    static final String PRODUCTION_JAVA_OPTIONS = "-Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=50";
    static final String IMPORT_SERVICE_HEAP = "-Xms128m -Xmx256m";
    static final String PORT_OFFSET = "500";
    static final String WHY = "docs/benchmarks/why.md";
    static final List<String> SCENARIOS = List.of("idle", "me", "revocation", "burst", "import-csv", "import-xlsx",
            "propagation");

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (java.util.Arrays.asList(args).contains("--faults")) {
            List<FaultSuite.Outcome> outcomes = FaultSuite.run(System.getenv(), Path.of(option(args, "--output", "docs")));
            System.exit(outcomes.stream().allMatch(FaultSuite.Outcome::held) ? 0 : 1);
        }
        boolean smoke = java.util.Arrays.asList(args).contains("--smoke");
        Set<String> only = Set.of(option(args, "--only", String.join(",", SCENARIOS)).split(","));
        if (!SCENARIOS.containsAll(only)) {
            throw new IllegalArgumentException("--only takes some of " + SCENARIOS + ", comma-separated");
        }
        // a partial run never overwrites the published report unless told to
        Path output = Path.of(option(args, "--output", smoke ? "target/bench-smoke"
                : only.size() < SCENARIOS.size() ? "target/bench-partial" : "docs"));
        Report report = run(smoke ? Sizes.SMOKE : Sizes.FULL, output, System.getenv(), only);
        System.exit(report.problems().isEmpty() ? 0 : 1);
    }

    /** Runs every scenario against a fresh stack and writes the report into {@code output}; returns it. */
    static Report run(Sizes sizes, Path output, Map<String, String> environment) throws Exception {
        return run(sizes, output, environment, Set.copyOf(SCENARIOS));
    }

    /** As {@link #run(Sizes, Path, Map)}, with only the scenarios named in {@code only}. */
    static Report run(Sizes sizes, Path output, Map<String, String> environment, Set<String> only) throws Exception {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("ROSTER_PORT_OFFSET", PORT_OFFSET);
        env.putIfAbsent("ROSTER_JAVA_OPTS", PRODUCTION_JAVA_OPTIONS);
        // import-service runs within the heap its target names: a 100,000-row import must work there, not only fit
        env.putIfAbsent("ROSTER_JAVA_OPTS_IMPORT_SERVICE", IMPORT_SERVICE_HEAP);
        if (env.get("ROSTER_HOME") == null) {
            env.put("ROSTER_HOME", Path.of("").toAbsolutePath().toString());
        }
        Path charts = output.resolve("benchmarks");
        Files.createDirectories(charts);
        LocalStack stack = LocalStack.fromEnvironment(env);
        Thread stopper = new Thread(stack::stop, "bench-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        Report report = new Report();
        Instant started = Instant.now();
        try {
            log("Starting Roster with " + String.join(" ", stack.javaOptions()) + " (" + sizes.name() + " run)");
            stack.discardData();
            stack.start();
            Bench bench = new Bench(stack, sizes, report, charts);
            // why the targets still missed are missed: written by hand from the figures, right below the table
            Path why = Path.of(env.get("ROSTER_HOME")).resolve(WHY);
            if (sizes == Sizes.FULL && Files.exists(why)) {
                report.section(Files.readString(why).strip());
            }
            if (only.contains("me") || only.contains("revocation") || only.contains("burst")) {
                Population population = Population.create(bench);
                if (only.contains("me")) {
                    new RequestLoad(bench, population).run();
                }
                if (only.contains("revocation")) {
                    new Revocation(bench, population).run();
                }
                if (only.contains("burst")) {
                    new Offboarding(bench, population).run();
                }
            }
            if (only.contains("import-csv")) {
                new LargeImport(bench).run("csv");
            }
            if (only.contains("import-xlsx")) {
                new LargeImport(bench).run("xlsx");
            }
            if (only.contains("propagation")) {
                new Propagation(bench).run();
            }
            if (only.contains("idle")) {
                new IdleCpu(bench).run();
            }
        }
        catch (Exception | AssertionError ex) {
            report.problem("The run stopped early: " + ex);
            throw ex;
        }
        finally {
            stack.stop();
            Runtime.getRuntime().removeShutdownHook(stopper);
            report.write(output.resolve("benchmarks.md"), header(sizes, stack, started));
            log("Report: " + output.resolve("benchmarks.md").toAbsolutePath());
        }
        return report;
    }

    private static String header(Sizes sizes, LocalStack stack, Instant started) {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(cpu);
        }
        catch (IOException ignored) {
            // not Linux: the model stays unknown
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return """
                # Benchmarks

                Written by `deploy/bench/run.sh%s` on %s (%s run, %d min). Every figure is measured through the real
                system: the five services as separate JVMs, a real Kafka broker, PostgreSQL, SMTP, on one machine.

                - Machine: %d cores (%s), %d GiB memory; PostgreSQL and the broker share it with the services and the load
                  generator, so figures on a larger machine or a cluster are better, never worse.
                - JVM: Java %s, services started with `%s`; import-service with `%s` after them (its heap
                  target as its limit).
                - Sizes: %,d users offboarded in one request, %,d-row imports, %s connections of load.
                """.formatted(sizes == Sizes.SMOKE ? " --smoke" : "",
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(started),
                sizes.name(), Duration.between(started, Instant.now()).toMinutes(),
                Runtime.getRuntime().availableProcessors(), cpu, Math.round(memory / (1024.0 * 1024 * 1024)),
                Runtime.version(), String.join(" ", stack.javaOptions()), IMPORT_SERVICE_HEAP, sizes.burstUsers(), sizes.importRows(),
                sizes.connections());
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static void log(String message) {
        System.out.println("[roster-bench] " + message);
    }
}
