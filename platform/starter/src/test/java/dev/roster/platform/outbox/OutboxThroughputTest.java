package dev.roster.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.user.UserDeleted;
import dev.roster.platform.kafka.RosterKafka;
import dev.roster.testing.RosterInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * A harness more than a test: backlogs of 20,000 events recorded while no relay runs, then drained by one relay.
 * It logs the rates (events per second) and asserts only that everything went out; speed is never asserted.
 */
@SpringBootTest
@RosterInfrastructure
class OutboxThroughputTest {

    static final Logger log = LoggerFactory.getLogger(OutboxThroughputTest.class);
    static final int BACKLOG = 20_000;
    static final UUID ACCOUNT = UUID.randomUUID();

    @Autowired Outbox outbox;
    @Autowired OutboxRelay relay;
    @Autowired TransactionalOperator transactions;
    @Autowired DatabaseClient database;
    @Autowired KafkaTemplate<?, ?> kafkaTemplate;

    @Test
    void backlogsOfTwentyThousandEventsAreDrainedWithAndWithoutPipelining() {
        relay.stop();
        try {
            // the first round warms the producer, the topics and the JIT up; it is not reported
            drain("warm-up", 2, "test.throughput.warm-up", "test.throughput.warm-up-priority");
            for (int round = 1; round <= 2; round++) {
                for (int depth : new int[] {1, 2}) {
                    drain("one topic, pipeline depth " + depth + ", round " + round, depth, "test.throughput." + round + "." + depth, null);
                }
            }
            // a burst as an end of employment of 10,000 users records it: a users event and an access event each,
            // with the access topic in a lane of its own and, as before that lane, without
            drain("users + access burst, priority lane", 2, "test.throughput.burst", "test.throughput.burst-priority");
            drain("users + access burst, one lane", 2, "test.throughput.burst-one-lane", "test.throughput.burst-one-lane-access",
                    false);
        }
        finally {
            relay.start();
        }
    }

    private void drain(String what, int depth, String topic, String priorityTopic) {
        drain(what, depth, topic, priorityTopic, true);
    }

    private void drain(String what, int depth, String topic, String priorityTopic, boolean priorityLane) {
        // the topics exist before the clock starts: creating them is not the relay's work
        for (String created : priorityTopic == null ? List.of(topic) : List.of(topic, priorityTopic)) {
            RosterKafka.bytes(kafkaTemplate).send(created, "warm-up", new byte[0]).join();
        }
        List<UUID> users = IntStream.range(0, priorityTopic == null ? BACKLOG : BACKLOG / 2).mapToObj(i -> UUID.randomUUID()).toList();
        for (int from = 0; from < users.size(); from += 2_000) {
            List<UUID> chunk = users.subList(from, Math.min(users.size(), from + 2_000));
            outbox.recordAll(topic, chunk.stream().map(this::event).toList())
                    .then(priorityTopic == null ? reactor.core.publisher.Mono.empty()
                            : outbox.recordAll(priorityTopic, chunk.stream().map(this::event).toList()))
                    .as(transactions::transactional).block();
        }
        assertThat(unsent(topic) + (priorityTopic == null ? 0 : unsent(priorityTopic))).isEqualTo(BACKLOG);

        OutboxRelay measured = new OutboxRelay(database, RosterKafka.bytes(kafkaTemplate),
                OutboxProperties.defaults().withPipelineDepth(depth)
                        .withPriorityTopics(priorityTopic == null || !priorityLane ? List.of() : List.of(priorityTopic)),
                null, new SimpleMeterRegistry(), Clock.systemUTC(), "measured");
        long started = System.nanoTime();
        measured.start();
        try {
            double prioritySeconds = 0;
            if (priorityTopic != null) {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10)).until(() -> unsent(priorityTopic) == 0);
                prioritySeconds = (System.nanoTime() - started) / 1e9;
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10)).until(() -> unsent(topic) == 0);
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("Outbox throughput, {}: {} events in {} s, {} events/s{}", what, BACKLOG, String.format("%.2f", seconds),
                    String.format("%.0f", BACKLOG / seconds),
                    priorityTopic == null ? "" : String.format("; the %d access events all out after %.2f s", BACKLOG / 2, prioritySeconds));
        }
        finally {
            measured.stop();
        }
    }

    private EventEnvelope<UserDeleted> event(UUID user) {
        return EventEnvelope.of(ACCOUNT, user, new UserDeleted(user, UUID.randomUUID()));
    }

    private long unsent(String topic) {
        return database.sql("SELECT count(*) FROM outbox WHERE topic = :topic AND sent_at IS NULL")
                .bind("topic", topic)
                .map(row -> row.get(0, Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }
}
