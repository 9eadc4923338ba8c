package dev.roster.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.testing.RosterInfrastructure;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A harness more than a test: what an idle service's relay costs the database. It logs the transactions the
 * service's database committed in ten idle seconds (the harness's own two reads included) and the relay
 * threads' CPU time; it asserts nothing about either.
 */
@SpringBootTest
@RosterInfrastructure
class OutboxIdleTest {

    static final Logger log = LoggerFactory.getLogger(OutboxIdleTest.class);

    @Autowired DatabaseClient database;

    @Test
    void anIdleRelayBarelyTouchesTheDatabase() {
        idle(Duration.ofSeconds(3)); // settle after start: the first housekeeping, the first empty claims
        long before = commits();
        long cpuBefore = processCpuNanos();
        idle(Duration.ofSeconds(10));
        long committed = commits() - before;
        long cpu = processCpuNanos() - cpuBefore;
        log.info("Idle relay: {} transactions in 10 s on the service's database ({} per second); process CPU {} ms in 10 s"
                + " (the embedded broker included)", committed, committed / 10.0, cpu / 1_000_000);
        assertThat(committed).isPositive();
    }

    private static void idle(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(1)).until(() -> true);
    }

    private long commits() {
        return database.sql("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
                .map(row -> row.get(0, Long.class))
                .one().block(Duration.ofSeconds(5));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
