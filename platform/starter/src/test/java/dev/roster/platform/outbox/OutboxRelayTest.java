package dev.roster.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.RosterEvent;
import dev.roster.events.user.UserDeleted;
import dev.roster.events.user.UserInvited;
import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@SpringBootTest
@RosterInfrastructure
class OutboxRelayTest {

    static final UUID ACCOUNT = UUID.randomUUID();

    @Autowired Outbox outbox;
    @Autowired OutboxRelay relay;
    @Autowired TransactionalOperator transactions;
    @Autowired DatabaseClient database;
    @Autowired TestKafka kafka;
    @Autowired EventJson json;
    @Autowired KafkaTemplate<?, ?> kafkaTemplate;
    @Autowired MeterRegistry meters;

    @Test
    void anEventOfARolledBackTransactionIsNeverPublishedAndACommittedOneExactlyOnceWithKeyAndHeaders() {
        String topic = "test.rollback";
        EventEnvelope<UserDeleted> rolledBack = event();
        EventEnvelope<UserDeleted> committed = event();

        StepVerifier.create(transactions.transactional(
                        outbox.record(topic, rolledBack).then(Mono.error(new IllegalStateException("business rule failed")))))
                .expectError(IllegalStateException.class)
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(transactions.transactional(outbox.record(topic, committed)))
                .verifyComplete();

        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(topic)) {
            List<ConsumerRecord<String, byte[]>> records = TestKafka.poll(consumer, 2, Duration.ofSeconds(8));

            assertThat(records).hasSize(1);
            ConsumerRecord<String, byte[]> record = records.getFirst();
            assertThat(record.key()).isEqualTo(committed.subject());
            assertThat(json.read(record.value())).isEqualTo(committed);
            assertThat(header(record, OutboxRelay.EVENT_ID_HEADER)).isEqualTo(committed.eventId().toString());
            assertThat(header(record, OutboxRelay.EVENT_TYPE_HEADER)).isEqualTo("user.deleted");
        }
        assertThat(unsentCount(topic)).isZero();
    }

    @Test
    void twoRelaysRunningAtOncePublishEachEventOnceAndInOrderPerKey() {
        String topic = "test.two-relays";
        OutboxRelay second = new OutboxRelay(database, dev.roster.platform.kafka.RosterKafka.bytes(kafkaTemplate),
                OutboxProperties.defaults().withPollInterval(Duration.ofMillis(5)).withMaxBackoff(Duration.ofMillis(200))
                        .withBatchSize(50),
                meters, Clock.systemUTC(), "second");
        List<UUID> keys = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();
        List<EventEnvelope<UserDeleted>> events = new ArrayList<>();
        for (int round = 0; round < 30; round++) {
            for (UUID key : keys) {
                events.add(EventEnvelope.of(ACCOUNT, key, new UserDeleted(key, UUID.randomUUID())));
            }
        }

        second.start();
        try {
            // many small transactions, as requests would commit them, while both relays poll
            for (int from = 0; from < events.size(); from += 20) {
                outbox.recordAll(topic, events.subList(from, from + 20)).as(transactions::transactional).block();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> unsentCount(topic) == 0);
        }
        finally {
            second.stop();
        }

        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(topic)) {
            List<ConsumerRecord<String, byte[]>> records = TestKafka.poll(consumer, events.size() + 1, Duration.ofSeconds(8));
            assertThat(records).hasSize(events.size());
            Map<String, List<UUID>> publishedPerKey = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                EventEnvelope<RosterEvent> event = json.read(record.value());
                publishedPerKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(event.eventId());
            }
            for (UUID key : keys) {
                List<UUID> recorded = events.stream().filter(e -> e.subject().equals(key.toString()))
                        .map(EventEnvelope::eventId).toList();
                assertThat(publishedPerKey.get(key.toString())).as("events of key %s", key).isEqualTo(recorded);
            }
        }
    }

    @Test
    void housekeepingReleasesTheClaimsOfADeadRelayAndReportsTheBacklog() {
        String topic = "test.stuck";
        EventEnvelope<UserDeleted> event = event();
        relay.stop();
        try {
            outbox.record(topic, event).as(transactions::transactional).block();
            // a relay that claimed the row two minutes ago and died
            database.sql("UPDATE outbox SET claimed_at = now() - interval '2 minutes', claimed_by = 'dead' WHERE event_id = :id")
                    .bind("id", event.eventId()).then().block();

            relay.housekeep().block(Duration.ofSeconds(10));

            assertThat(meters.get("roster.outbox.backlog").gauge().value()).isGreaterThanOrEqualTo(1);
            Long claimed = database.sql("SELECT count(*) FROM outbox WHERE event_id = :id AND claimed_at IS NOT NULL")
                    .bind("id", event.eventId()).map(row -> row.get(0, Long.class)).one().block();
            assertThat(claimed).isZero();
        }
        finally {
            relay.start();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> unsentCount(topic) == 0);
    }

    @Test
    void aPublishedEventIsDeletedOnceTheBrokerHasIt() {
        String topic = "test.deleted";
        EventEnvelope<UserDeleted> ordinary = event();

        outbox.record(topic, ordinary).as(transactions::transactional).block();

        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(topic)) {
            assertThat(TestKafka.poll(consumer, 1, Duration.ofSeconds(8))).hasSize(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> rowCount(ordinary.eventId()) == 0);
    }

    @Test
    void anEventCarryingASecretIsPublishedAndThenNotKeptEvenWhereOthersAre() {
        String topic = "test.secrets";
        UUID user = UUID.randomUUID();
        EventEnvelope<UserInvited> invited = EventEnvelope.of(ACCOUNT, user,
                new UserInvited(user, "one-time-token", Instant.now().plusSeconds(60), UUID.randomUUID()));
        EventEnvelope<UserDeleted> ordinary = event();
        OutboxRelay keeping = new OutboxRelay(database, dev.roster.platform.kafka.RosterKafka.bytes(kafkaTemplate),
                OutboxProperties.defaults().withPollInterval(Duration.ofMillis(50)).withRetention(Duration.ofHours(1)),
                meters, Clock.systemUTC(), "keeping");
        relay.stop();
        keeping.start();
        try {
            outbox.record(topic, invited).then(outbox.record(topic, ordinary)).as(transactions::transactional).block();

            try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(topic)) {
                List<ConsumerRecord<String, byte[]>> records = TestKafka.poll(consumer, 2, Duration.ofSeconds(8));
                assertThat(records).extracting(record -> (Object) json.read(record.value()))
                        .containsExactlyInAnyOrder(invited, ordinary);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> unsentCount(topic) == 0);
            assertThat(rowCount(invited.eventId())).as("the published row with the token").isZero();
            assertThat(rowCount(ordinary.eventId())).as("an ordinary row is kept for the retention").isOne();
        }
        finally {
            keeping.stop();
            relay.start();
        }
    }

    @Test
    void aSentSecretThatAnOlderVersionKeptIsPurgedAfterStart() {
        UUID user = UUID.randomUUID();
        EventEnvelope<UserInvited> invited = EventEnvelope.of(ACCOUNT, user,
                new UserInvited(user, "kept-by-an-older-version", Instant.now().plusSeconds(60), UUID.randomUUID()));
        relay.stop();
        try {
            outbox.record("test.old-secrets", invited).as(transactions::transactional).block();
            database.sql("UPDATE outbox SET sent_at = now() WHERE event_id = :id").bind("id", invited.eventId()).then().block();
        }
        finally {
            relay.start();
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> rowCount(invited.eventId()) == 0);
    }

    /**
     * A relay stopped while it claims (as a service on SIGTERM) lets that claim finish and publishes the batch, and
     * leaves nothing claimed behind it. Cancelled instead, the claim either ends in the database (its work wasted)
     * or, when it was already past its last statement, commits after the release, and its rows wait for the claim
     * timeout. A trigger makes the claim slow enough to stop the relay in the middle of it.
     */
    @Test
    void aRelayStoppedWhileItClaimsPublishesThatBatchAndLeavesNothingClaimed() {
        String topic = "test.stopped";
        relay.stop();
        outbox.recordAll(topic, IntStream.range(0, 3_000).mapToObj(i -> event()).toList())
                .as(transactions::transactional).block(Duration.ofSeconds(30));
        database.sql("""
                CREATE FUNCTION slow_claim() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(0.0005); RETURN NEW; END $$""").then().block();
        database.sql("""
                CREATE TRIGGER slow_claim BEFORE UPDATE ON outbox FOR EACH ROW
                WHEN (NEW.topic = 'test.stopped' AND OLD.claimed_by IS NULL AND NEW.claimed_by IS NOT NULL)
                EXECUTE FUNCTION slow_claim()""").then().block();
        try {
            relay.start();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(this::claiming);
            relay.stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> !claiming());

            assertThat(claimedCount(topic)).as("rows left claimed by the stopped relay").isZero();
            assertThat(unsentCount(topic)).as("the batch it was claiming was published").isLessThan(3_000);
        }
        finally {
            database.sql("DROP TRIGGER slow_claim ON outbox").then()
                    .then(database.sql("DROP FUNCTION slow_claim()").then()).block();
            relay.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> unsentCount(topic) == 0);
    }

    /** Whether a claim is running in the database now. */
    private boolean claiming() {
        return database.sql("""
                SELECT count(*) FROM pg_stat_activity
                WHERE state = 'active' AND query LIKE '%claimed_by = $%' AND pid <> pg_backend_pid()""")
                .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(5)) > 0;
    }

    private long claimedCount(String topic) {
        return database.sql("SELECT count(*) FROM outbox WHERE topic = :topic AND sent_at IS NULL AND claimed_at IS NOT NULL")
                .bind("topic", topic)
                .map(row -> row.get(0, Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }

    private long rowCount(UUID eventId) {
        return database.sql("SELECT count(*) FROM outbox WHERE event_id = :id")
                .bind("id", eventId)
                .map(row -> row.get(0, Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }

    /** Where autovacuum is off (as on our CI machines) or behind, the relay reclaims its table's dead rows itself. */
    @Test
    void housekeepingVacuumsAnOutboxFullOfDeadRows() {
        String topic = "test.bloat";
        for (int i = 0; i < 300; i++) {
            outbox.record(topic, event()).as(transactions::transactional).block();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> unsentCount(topic) == 0);
        // published rows kept for the retention, then purged: each leaves dead versions behind
        database.sql("DELETE FROM outbox WHERE topic = :topic").bind("topic", topic).then().block();
        OutboxRelay vacuuming = new OutboxRelay(database, dev.roster.platform.kafka.RosterKafka.bytes(kafkaTemplate),
                OutboxProperties.defaults().withVacuumDeadRows(100), meters, Clock.systemUTC(), "vacuuming");

        // the statistics reach pg_stat_user_tables within a second or so of the commits
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            vacuuming.housekeep().block(Duration.ofSeconds(20));
            assertThat(lastVacuum()).isNotNull();
        });
        Long dead = database.sql("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'outbox'")
                .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(5));
        assertThat(dead).isLessThan(100);
    }

    private java.time.OffsetDateTime lastVacuum() {
        return database.sql("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'outbox'")
                .map(row -> java.util.Optional.ofNullable(row.get(0, java.time.OffsetDateTime.class)))
                .one().block(Duration.ofSeconds(5)).orElse(null);
    }

    private long unsentCount(String topic) {
        return database.sql("SELECT count(*) FROM outbox WHERE topic = :topic AND sent_at IS NULL")
                .bind("topic", topic)
                .map(row -> row.get(0, Long.class))
                .one()
                .block(Duration.ofSeconds(5));
    }

    private static EventEnvelope<UserDeleted> event() {
        UUID user = UUID.randomUUID();
        return EventEnvelope.of(ACCOUNT, user, new UserDeleted(user, UUID.randomUUID()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
