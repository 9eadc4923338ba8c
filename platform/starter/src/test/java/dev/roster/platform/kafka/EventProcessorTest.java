package dev.roster.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.Topics;
import dev.roster.events.user.UserDeleted;
import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@SpringBootTest(properties = {
        "roster.kafka.retry-attempts=2",
        "roster.kafka.retry-initial-backoff=20ms",
        "roster.kafka.retry-max-backoff=50ms"})
@RosterInfrastructure(partitions = 1)
class EventProcessorTest {

    static final String TOPIC = "test.events";
    static final String BATCHES = "test.batches";
    static final UUID POISON = UUID.fromString("00000000-0000-0000-0000-00000000dead");
    static final UUID OUTAGE = UUID.fromString("00000000-0000-0000-0000-0000000000d0");

    @Autowired KafkaTemplate<?, ?> template;
    @Autowired EventJson json;
    @Autowired DatabaseClient database;
    @Autowired TestKafka kafka;

    @Test
    void aRedeliveredEventHasItsEffectOnce() {
        UUID user = UUID.randomUUID();
        EventEnvelope<UserDeleted> event = EventEnvelope.of(UUID.randomUUID(), user, new UserDeleted(user, null));
        EventEnvelope<UserDeleted> next = EventEnvelope.of(UUID.randomUUID(), user, new UserDeleted(user, null));

        send(event);
        send(event);
        send(next);

        await().atMost(Duration.ofSeconds(20)).until(() -> effects(next.eventId()) == 1);
        assertThat(effects(event.eventId())).isEqualTo(1);
    }

    @Test
    void aRecordThatAlwaysFailsLandsInTheDeadLetterTopicAndTheRecordsBehindItAreStillProcessed() {
        UUID key = UUID.randomUUID();
        EventEnvelope<UserDeleted> poison = EventEnvelope.of(UUID.randomUUID(), key, new UserDeleted(POISON, null));
        EventEnvelope<UserDeleted> behind = EventEnvelope.of(UUID.randomUUID(), key, new UserDeleted(key, null));

        send(poison);
        RosterKafka.bytes(template).send(TOPIC, key.toString(), "{not an event".getBytes(StandardCharsets.UTF_8));
        send(behind);

        await().atMost(Duration.ofSeconds(20)).until(() -> effects(behind.eventId()) == 1);
        assertThat(effects(poison.eventId())).isZero();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Topics.deadLetter(TOPIC))) {
            List<ConsumerRecord<String, byte[]>> dead = TestKafka.poll(consumer, 2, Duration.ofSeconds(20));
            assertThat(dead).hasSize(2);
            // a record that is no event goes at once; the poison one after its retries: either may come first
            ConsumerRecord<String, byte[]> unreadable = dead.stream()
                    .filter(record -> new String(record.value(), StandardCharsets.UTF_8).equals("{not an event"))
                    .findFirst().orElseThrow();
            ConsumerRecord<String, byte[]> failed = dead.get(dead.get(0) == unreadable ? 1 : 0);
            assertThat(json.read(failed.value()).eventId()).isEqualTo(poison.eventId());
            assertThat(new String(failed.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value(),
                    StandardCharsets.UTF_8)).contains("poison");
        }
    }

    @Test
    void aBatchAppliesEachEventOnceInOrderAndAPoisonRecordInItGoesToTheDeadLetterTopicAlone() {
        UUID key = UUID.randomUUID();
        List<EventEnvelope<UserDeleted>> first = List.of(deleted(key), deleted(key), deleted(UUID.randomUUID()));
        EventEnvelope<UserDeleted> poison = EventEnvelope.of(UUID.randomUUID(), key, new UserDeleted(POISON, null));
        EventEnvelope<UserDeleted> after = deleted(key);

        // sent together, so that they arrive in as few polls as the broker hands out
        first.forEach(event -> RosterKafka.bytes(template).send(record(BATCHES, event)));
        RosterKafka.bytes(template).send(record(BATCHES, first.getFirst()));
        RosterKafka.bytes(template).send(record(BATCHES, poison));
        RosterKafka.bytes(template).send(BATCHES, key.toString(), "{not an event".getBytes(StandardCharsets.UTF_8));
        RosterKafka.bytes(template).send(record(BATCHES, after)).join();

        await().atMost(Duration.ofSeconds(20)).until(() -> effects(after.eventId()) == 1);
        first.forEach(event -> assertThat(effects(event.eventId())).as("applied once").isEqualTo(1));
        assertThat(effects(poison.eventId())).isZero();
        assertThat(database.sql("SELECT event_id FROM applied_effect WHERE subject = :key ORDER BY id")
                .bind("key", key.toString()).map(row -> row.get(0, UUID.class)).all().collectList()
                .block(Duration.ofSeconds(5)))
                .as("the key's events in order, the redelivered one once")
                .containsExactly(first.get(0).eventId(), first.get(1).eventId(), after.eventId());
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Topics.deadLetter(BATCHES))) {
            List<ConsumerRecord<String, byte[]>> dead = TestKafka.poll(consumer, 2, Duration.ofSeconds(20));
            assertThat(dead).hasSize(2);
            assertThat(dead).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("{not an event", new String(json.write(poison), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anEventWhoseDatabaseCannotBeReachedWaitsForItAndIsAppliedOnceInsteadOfGoingToTheDeadLetterTopic() {
        // the database is "down" for 1.5 s: far longer than the two retries a poison event gets (20–50 ms apart)
        UUID key = UUID.randomUUID();
        EventEnvelope<UserDeleted> single = EventEnvelope.of(UUID.randomUUID(), key, new UserDeleted(OUTAGE, null));
        EventEnvelope<UserDeleted> batched = EventEnvelope.of(UUID.randomUUID(), key, new UserDeleted(OUTAGE, null));
        EventEnvelope<UserDeleted> behind = deleted(key);
        Listener.outageUntil = System.nanoTime() + Duration.ofMillis(1_500).toNanos();

        send(single);
        RosterKafka.bytes(template).send(record(BATCHES, batched));
        RosterKafka.bytes(template).send(record(BATCHES, behind)).join();

        await().atMost(Duration.ofSeconds(20)).until(() -> effects(single.eventId()) == 1 && effects(behind.eventId()) == 1);
        assertThat(effects(batched.eventId())).isEqualTo(1);
        assertThat(Listener.refusedWhileDown.get()).as("the handler was tried during the outage").isGreaterThan(2);
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Topics.deadLetter(TOPIC))) {
            assertThat(TestKafka.poll(consumer, 10, Duration.ofSeconds(2))).extracting(ConsumerRecord::key)
                    .doesNotContain(key.toString());
        }
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Topics.deadLetter(BATCHES))) {
            assertThat(TestKafka.poll(consumer, 10, Duration.ofSeconds(2))).extracting(record -> new String(record.value(),
                    StandardCharsets.UTF_8)).doesNotContain(new String(json.write(batched), StandardCharsets.UTF_8));
        }
    }

    private static EventEnvelope<UserDeleted> deleted(UUID key) {
        return EventEnvelope.of(UUID.randomUUID(), key, new UserDeleted(UUID.randomUUID(), null));
    }

    private ProducerRecord<String, byte[]> record(String topic, EventEnvelope<?> event) {
        return new ProducerRecord<>(topic, event.subject(), json.write(event));
    }

    private void send(EventEnvelope<?> event) {
        RosterKafka.bytes(template).send(record(TOPIC, event)).join();
    }

    private long effects(UUID eventId) {
        return database.sql("SELECT count(*) FROM applied_effect WHERE event_id = :id")
                .bind("id", eventId)
                .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(5));
    }

    @TestConfiguration
    static class Listener {

        /** Until then, applying an event about {@link #OUTAGE} fails as when the database cannot be reached. */
        static volatile long outageUntil;
        static final java.util.concurrent.atomic.AtomicInteger refusedWhileDown = new java.util.concurrent.atomic.AtomicInteger();

        @Autowired EventProcessor processor;
        @Autowired DatabaseClient database;

        @KafkaListener(topics = TOPIC, groupId = "event-processor-test")
        Mono<Void> on(ConsumerRecord<String, byte[]> record) {
            return processor.process(record, "event-processor-test", event -> {
                UserDeleted deleted = event.dataAs(UserDeleted.class);
                if (POISON.equals(deleted.userId())) {
                    return Mono.error(new IllegalStateException("poison: this event can never be applied"));
                }
                return effect(event);
            });
        }

        @KafkaListener(topics = BATCHES, groupId = "event-processor-test", batch = "true")
        Mono<Void> on(List<ConsumerRecord<String, byte[]>> records) {
            return processor.processBatch(records, "event-processor-test", events -> Flux.fromIterable(events)
                    .concatMap(event -> POISON.equals(event.dataAs(UserDeleted.class).userId())
                            ? Mono.error(new IllegalStateException("poison: this event can never be applied"))
                            : effect(event))
                    .then());
        }

        private Mono<Void> effect(EventEnvelope<?> event) {
            if (event.data() instanceof UserDeleted deleted && OUTAGE.equals(deleted.userId())
                    && System.nanoTime() < outageUntil) {
                refusedWhileDown.incrementAndGet();
                // what DatabaseClient answers while PostgreSQL refuses connections
                return Mono.error(new org.springframework.dao.DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
                        new io.r2dbc.spi.R2dbcNonTransientResourceException("Connection refused: localhost/127.0.0.1:5432")));
            }
            return database.sql("INSERT INTO applied_effect (event_id, subject) VALUES (:id, :subject)")
                    .bind("id", event.eventId())
                    .bind("subject", event.subject())
                    .then();
        }
    }
}
