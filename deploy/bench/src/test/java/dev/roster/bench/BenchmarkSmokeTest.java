package dev.roster.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.local.LocalStack;
import dev.roster.testing.RequiresTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's smoke run, as CI runs it: every scenario at a small size against the real system (five service
 * processes, a broker, PostgreSQL, SMTP). It asserts nothing about speed, only that every scenario completes, every
 * effect arrives exactly (all tokens refused, every enrollment dropped, every waiter promoted, every import row
 * applied) and the report with its charts is written.
 */
@RequiresTools("wrk")
class BenchmarkSmokeTest {

    static final Path OUTPUT = Path.of("target/bench-smoke");

    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("ROSTER_PORT_OFFSET", "237");
        env.put("ROSTER_HOME", Path.of("").toAbsolutePath().resolve("../..").normalize().toString());
        // unset: the server on localhost:5432, or the stack's own embedded one where nothing answers there
        if (System.getenv("ROSTER_TEST_POSTGRES_URL") != null) {
            env.put("ROSTER_POSTGRES_URL", System.getenv("ROSTER_TEST_POSTGRES_URL"));
        }
        env.put("ROSTER_POSTGRES_USER", System.getenv().getOrDefault("ROSTER_TEST_POSTGRES_USER", "postgres"));
        env.put("ROSTER_POSTGRES_PASSWORD", System.getenv().getOrDefault("ROSTER_TEST_POSTGRES_PASSWORD", ""));
        return env;
    }

    @AfterAll
    static void discardData() throws Exception {
        LocalStack.fromEnvironment(environment()).discardData();
    }

    @Test
    void everyScenarioCompletesAndEveryEffectArrives() throws Exception {
        Report report = Benchmark.run(Sizes.SMOKE, OUTPUT, environment());

        assertThat(report.problems()).isEmpty();
        assertThat(report.figures()).extracting(Report.Figure::section)
                .contains("idle", "GET /me", "revocation", "burst", "import csv", "import xlsx");
        assertThat(report.figures()).extracting(Report.Figure::what)
                .anyMatch(what -> what.startsWith("every effect complete"));
        assertThat(OUTPUT.resolve("benchmarks.md")).content().contains("## Every figure against its target");
        assertThat(OUTPUT.resolve("benchmarks/me-latency.png")).isNotEmptyFile();
        assertThat(OUTPUT.resolve("benchmarks/burst-effects.png")).isNotEmptyFile();
        assertThat(Files.readString(OUTPUT.resolve("benchmarks.md"))).contains("![effects of the burst over time]");
    }
}
