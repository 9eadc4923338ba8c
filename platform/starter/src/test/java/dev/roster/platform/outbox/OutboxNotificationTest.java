package dev.roster.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.RosterEvent;
import dev.roster.events.user.UserDeleted;
import dev.roster.platform.kafka.RosterKafka;
import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The relay polls only once a minute here: what goes out within seconds went out because the commit notified it.
 */
// published rows are kept (marked sent) so that the test can read when each left
@SpringBootTest(properties = {"roster.outbox.poll-interval=1m", "roster.outbox.priority-topics=test.priority",
        "roster.outbox.retention=1h"})
@RosterInfrastructure
class OutboxNotificationTest {

    static final Logger log = LoggerFactory.getLogger(OutboxNotificationTest.class);
    static final UUID ACCOUNT = UUID.randomUUID();
    /** Far below the poll interval: only a notification can have made the relay look. */
    static final Duration PROMPTLY = Duration.ofSeconds(10);

    @Autowired Outbox outbox;
    @Autowired OutboxRelay relay;
    @Autowired TransactionalOperator transactions;
    @Autowired DatabaseClient database;
    @Autowired ConnectionFactory connections;
    @Autowired KafkaTemplate<?, ?> kafkaTemplate;
    @Autowired TestKafka kafka;
    @Autowired EventJson json;

    @Test
    void eventsLeaveOnTheNotificationOfTheirCommit() {
        await().atMost(PROMPTLY).until(relay::listening);
        List<Double> millis = new ArrayList<>();
        // the first one also creates the topic; the others find the producer ready, as in a running service
        for (int i = 0; i < 21; i++) {
            EventEnvelope<UserDeleted> event = event(UUID.randomUUID());

            outbox.record("test.notified", event).as(transactions::transactional).block();

            await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(5)).until(() -> sent(event.eventId()));
            if (i > 0) {
                millis.add(millisToSend(event.eventId()));
            }
        }
        millis.sort(Double::compare);
        log.info("From the recording transaction's start to published, idle relay, {} events: median {} ms, max {} ms",
                millis.size(), millis.get(millis.size() / 2), millis.getLast());
    }

    @Test
    void whenTheListeningConnectionIsKilledTheRelayListensAgainAndEventsStillLeavePromptly() {
        await().atMost(PROMPTLY).until(relay::listening);
        List<Integer> killed = listeningBackends();
        assertThat(killed).isNotEmpty();

        killed.forEach(pid -> database.sql("SELECT pg_terminate_backend(:pid)").bind("pid", pid).then().block());

        await().atMost(PROMPTLY).until(() -> relay.listening() && !listeningBackends().isEmpty()
                && listeningBackends().stream().noneMatch(killed::contains));
        EventEnvelope<UserDeleted> event = event(UUID.randomUUID());
        outbox.record("test.reconnected", event).as(transactions::transactional).block();
        await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(5)).until(() -> sent(event.eventId()));
    }

    @Test
    void aPriorityEventRecordedAfterABacklogOfOthersIsPublishedBeforeTheBacklogDrains() {
        List<EventEnvelope<UserDeleted>> backlog = IntStream.range(0, 10_000).mapToObj(i -> event(UUID.randomUUID())).toList();
        outbox.recordAll("test.backlog", backlog).as(transactions::transactional).block();
        // the same user as the backlog's last event: another topic, so not held behind it
        EventEnvelope<UserDeleted> access = event(UUID.fromString(backlog.getLast().subject()));
        outbox.record("test.priority", access).as(transactions::transactional).block();

        await().atMost(Duration.ofSeconds(60)).until(() -> unsent("test.backlog") == 0 && sent(access.eventId()));

        Boolean sentBeforeTheBacklogDrained = database.sql("""
                        SELECT (SELECT sent_at FROM outbox WHERE event_id = :id)
                             < (SELECT max(sent_at) FROM outbox WHERE topic = 'test.backlog') AS before
                        """)
                .bind("id", access.eventId())
                .map(row -> row.get("before", Boolean.class))
                .one().block(Duration.ofSeconds(5));
        assertThat(sentBeforeTheBacklogDrained).isTrue();
    }

    /**
     * A backlog of one key larger than a batch (an import's commands, all keyed by the account) leaves batch after
     * batch: the claim behind the batch in flight finds nothing it may take, and the relay looks again once that
     * batch is out instead of waiting for the next poll or commit.
     */
    @Test
    void aBacklogOfOneKeyLargerThanABatchLeavesWithoutWaitingForThePoll() {
        await().atMost(PROMPTLY).until(relay::listening);
        UUID key = UUID.randomUUID();
        // the first event creates the topic, as in a running service
        outbox.record("test.one-key", event(key)).as(transactions::transactional).block();
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent("test.one-key") == 0);
        List<EventEnvelope<UserDeleted>> events = IntStream.range(0, 2 * OutboxProperties.defaults().batchSize() + 500)
                .mapToObj(i -> EventEnvelope.of(ACCOUNT, key, new UserDeleted(key, UUID.randomUUID()))).toList();

        outbox.recordAll("test.one-key", events).as(transactions::transactional).block();

        await().atMost(Duration.ofSeconds(30)).until(() -> unsent("test.one-key") == 0);
    }

    @Test
    void severalRelaysKeepTheOrderPerTopicAndKey() {
        List<OutboxRelay> others = IntStream.range(0, 2).mapToObj(i -> new OutboxRelay(database, RosterKafka.bytes(kafkaTemplate),
                OutboxProperties.defaults().withPollInterval(Duration.ofMinutes(1)).withBatchSize(40)
                        .withPriorityTopics(List.of("test.order-priority")),
                OutboxNotifications.of(connections), new SimpleMeterRegistry(), Clock.systemUTC(), "other-" + i)).toList();
        List<UUID> keys = IntStream.range(0, 15).mapToObj(i -> UUID.randomUUID()).toList();
        List<String> topics = List.of("test.order", "test.order-priority");
        Map<String, List<UUID>> recorded = new HashMap<>();

        others.forEach(OutboxRelay::start);
        try {
            // many small transactions over both lanes, the same keys on both topics, while three relays work
            for (int round = 0; round < 20; round++) {
                for (String topic : topics) {
                    List<EventEnvelope<UserDeleted>> events = keys.stream().map(this::event).toList();
                    events.forEach(event -> recorded.computeIfAbsent(topic + "/" + event.subject(), k -> new ArrayList<>())
                            .add(event.eventId()));
                    outbox.recordAll(topic, events).as(transactions::transactional).block();
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> unsent("test.order") == 0 && unsent("test.order-priority") == 0);
        }
        finally {
            others.forEach(OutboxRelay::stop);
        }

        Map<String, List<UUID>> published = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(topics.toArray(String[]::new))) {
            int expected = recorded.values().stream().mapToInt(List::size).sum();
            List<ConsumerRecord<String, byte[]>> records = TestKafka.poll(consumer, expected + 1, Duration.ofSeconds(8));
            assertThat(records).hasSize(expected);
            for (ConsumerRecord<String, byte[]> record : records) {
                EventEnvelope<RosterEvent> event = json.read(record.value());
                published.computeIfAbsent(record.topic() + "/" + record.key(), k -> new ArrayList<>()).add(event.eventId());
            }
        }
        assertThat(published).isEqualTo(recorded);
    }

    private EventEnvelope<UserDeleted> event(UUID user) {
        return EventEnvelope.of(ACCOUNT, user, new UserDeleted(user, UUID.randomUUID()));
    }

    private List<Integer> listeningBackends() {
        return database.sql("""
                        SELECT pid FROM pg_stat_activity
                        WHERE datname = current_database() AND query = 'LISTEN ' || :channel
                        """)
                .bind("channel", OutboxNotifications.CHANNEL)
                .map(row -> row.get("pid", Integer.class))
                .all().collectList().block(Duration.ofSeconds(5));
    }

    private boolean sent(UUID eventId) {
        return Boolean.TRUE.equals(database.sql("SELECT sent_at IS NOT NULL AS sent FROM outbox WHERE event_id = :id")
                .bind("id", eventId)
                .map(row -> row.get("sent", Boolean.class))
                .one().block(Duration.ofSeconds(5)));
    }

    private double millisToSend(UUID eventId) {
        return database.sql("SELECT extract(epoch FROM sent_at - created_at) * 1000 AS millis FROM outbox WHERE event_id = :id")
                .bind("id", eventId)
                .map(row -> row.get("millis", Double.class))
                .one().block(Duration.ofSeconds(5));
    }

    private long unsent(String topic) {
        return database.sql("SELECT count(*) FROM outbox WHERE topic = :topic AND sent_at IS NULL")
                .bind("topic", topic)
                .map(row -> row.get(0, Long.class))
                .one().block(Duration.ofSeconds(5));
    }
}
