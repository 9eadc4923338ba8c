package dev.roster.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.local.LocalStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The fault suite as CI runs it, at full size: every fault injected into the real system in the middle of its work,
 * and afterwards not one effect lost or doubled, every outbox drained, nothing in a dead-letter topic.
 */
class FaultSuiteTest {

    static final Path OUTPUT = Path.of("target/faults");

    static Map<String, String> environment() {
        Map<String, String> env = new java.util.HashMap<>(BenchmarkSmokeTest.environment());
        env.put("ROSTER_PORT_OFFSET", "337");
        return env;
    }

    @AfterAll
    static void discardData() throws Exception {
        LocalStack.fromEnvironment(environment()).discardData();
    }

    @Test
    void noFaultLosesOrDoublesAnEffect() throws Exception {
        List<FaultSuite.Outcome> outcomes = FaultSuite.run(environment(), OUTPUT);

        assertThat(outcomes).extracting(FaultSuite.Outcome::fault)
                .containsExactly("broker restart", "consumer killed", "topic redelivered", "SMTP down", "email sender killed",
                        "database restart", "graceful shutdown", "poison records");
        for (FaultSuite.Outcome outcome : outcomes) {
            assertThat(outcome.counts()).as(outcome.fault()).isNotEmpty().allMatch(Ledger.Count::holds);
        }
        assertThat(OUTPUT.resolve("reliability.md")).content().contains("| broker restart |");
    }
}
