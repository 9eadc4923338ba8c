package dev.roster.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.user.UserDeleted;
import dev.roster.testing.KraftBroker;
import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The service starts while the broker is down; what it records waits and goes out, in order, once the broker is up. */
@SpringBootTest
@RosterInfrastructure(kafka = false)
class OutboxBrokerOutageTest {

    static final int BROKER_PORT = KraftBroker.freePort();

    @DynamicPropertySource
    static void brokerNotYetThere(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "localhost:" + BROKER_PORT);
    }

    @Autowired Outbox outbox;
    @Autowired TransactionalOperator transactions;
    @Autowired DatabaseClient database;
    @Autowired EventJson json;

    @Test
    void eventsRecordedWhileTheBrokerIsDownArePublishedInOrderPerKeyWhenItIsBack() {
        String topic = "test.outage";
        UUID account = UUID.randomUUID();
        List<UUID> keys = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<EventEnvelope<UserDeleted>> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (UUID key : keys) {
                EventEnvelope<UserDeleted> event = EventEnvelope.of(account, key, new UserDeleted(key, UUID.randomUUID()));
                events.add(event);
                outbox.record(topic, event).as(transactions::transactional).block();
            }
        }

        // the relay tries, fails, and keeps the events
        await().atMost(Duration.ofSeconds(30)).until(() -> count("attempts > 0 AND last_error IS NOT NULL") > 0);
        assertThat(count("sent_at IS NOT NULL")).isZero();

        TestKafka broker = TestKafka.start(3, BROKER_PORT);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> count("sent_at IS NULL") == 0);

            try (KafkaConsumer<String, byte[]> consumer = broker.consumer(topic)) {
                List<ConsumerRecord<String, byte[]>> records = TestKafka.poll(consumer, events.size() + 1, Duration.ofSeconds(8));
                Map<String, List<UUID>> perKey = new HashMap<>();
                records.forEach(record -> perKey.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(json.read(record.value()).eventId()));
                assertThat(records).hasSize(events.size());
                for (UUID key : keys) {
                    assertThat(perKey.get(key.toString())).isEqualTo(events.stream()
                            .filter(e -> e.subject().equals(key.toString())).map(EventEnvelope::eventId).toList());
                }
            }
        }
        finally {
            broker.stop();
        }
    }

    private long count(String condition) {
        return database.sql("SELECT count(*) FROM outbox WHERE " + condition)
                .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(5));
    }
}
