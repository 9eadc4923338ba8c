package dev.roster.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.user.UserDeleted;
import dev.roster.testing.RosterInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * A harness more than a test: a backlog of 20,000 events recorded while the relay is stopped, then drained.
 * It logs the rate (events per second) and asserts only that everything went out; speed is never asserted.
 */
@SpringBootTest
@RosterInfrastructure
class OutboxThroughputTest {

    static final Logger log = LoggerFactory.getLogger(OutboxThroughputTest.class);
    static final int BACKLOG = 20_000;

    @Autowired Outbox outbox;
    @Autowired OutboxRelay relay;
    @Autowired TransactionalOperator transactions;
    @Autowired DatabaseClient database;

    @Test
    void aBacklogOfTwentyThousandEventsIsDrained() {
        String topic = "test.throughput";
        UUID account = UUID.randomUUID();
        // warm the producer and the topic up, so that the figure is the relay's, not the first metadata fetch's
        outbox.record(topic, event(account, UUID.randomUUID())).as(transactions::transactional).block();
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(topic) == 0);

        relay.stop();
        long started;
        try {
            List<UUID> users = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                users.add(UUID.randomUUID());
            }
            for (int chunk = 0; chunk < BACKLOG / users.size(); chunk++) {
                List<EventEnvelope<UserDeleted>> events = users.stream().map(user -> event(account, user)).toList();
                outbox.recordAll(topic, events).as(transactions::transactional).block();
            }
            assertThat(unsent(topic)).isEqualTo(BACKLOG);
        }
        finally {
            started = System.nanoTime();
            relay.start();
        }
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() -> unsent(topic) == 0);
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("Outbox throughput: {} events drained in {} s: {} events/s", BACKLOG, String.format("%.2f", seconds),
                String.format("%.0f", BACKLOG / seconds));
    }

    private static EventEnvelope<UserDeleted> event(UUID account, UUID user) {
        return EventEnvelope.of(account, user, new UserDeleted(user, UUID.randomUUID()));
    }

    private long unsent(String topic) {
        return database.sql("SELECT count(*) FROM outbox WHERE topic = :topic AND sent_at IS NULL")
                .bind("topic", topic)
                .map(row -> row.get(0, Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }
}
