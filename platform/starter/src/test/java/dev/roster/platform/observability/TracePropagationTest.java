package dev.roster.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.user.UserDeleted;
import dev.roster.platform.kafka.EventProcessor;
import dev.roster.platform.outbox.Outbox;
import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.TestJwtConfiguration;
import dev.roster.testing.TestJwtIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A change is one trace from the HTTP request through the outbox and Kafka to the consumer's effect and on to the
 * events that effect records, with the request id beside it in every log line: a real database and a real broker.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@RosterInfrastructure(partitions = 1)
@Import({TestJwtConfiguration.class, TracePropagationTest.Traced.class})
class TracePropagationTest {

    static final String REQUESTED = "test.traced";
    static final String FOLLOWED = "test.traced.next";

    /** What each consumer saw while applying an event, by event id. */
    static final Map<UUID, Seen> SEEN = new ConcurrentHashMap<>();

    @Autowired WebTestClient http;
    @Autowired TestJwtIssuer tokens;
    @Autowired ProducerFactory<?, ?> producers;
    @Autowired EventJson json;

    @Test
    void aRequestsTraceAndRequestIdFollowItsEventsThroughKafkaIntoTheConsumerAndOnToTheEventsItRecords() {
        String trace = newTraceId();

        List<UUID> events = http.post().uri("/test/traced/3")
                .headers(headers -> {
                    headers.setBearerAuth(tokens.token(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Duration.ofMinutes(5)));
                    headers.set("traceparent", "00-" + trace + "-" + newSpanId() + "-01");
                    headers.set("X-Request-Id", "req-" + trace.substring(0, 8));
                })
                .exchange().expectStatus().isOk()
                .expectBodyList(UUID.class).returnResult().getResponseBody();

        assertThat(events).hasSize(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream()
                .allMatch(event -> SEEN.containsKey(event) && SEEN.containsKey(Traced.followUp(event))));
        for (UUID event : events) {
            // the consumer applied the event in the request's trace: what it logs and what it records carry it
            assertThat(SEEN.get(event)).isEqualTo(new Seen(trace, trace, "req-" + trace.substring(0, 8)));
            // and the consumer of what it recorded, one hop further, too
            assertThat(SEEN.get(Traced.followUp(event))).isEqualTo(new Seen(trace, trace, "req-" + trace.substring(0, 8)));
        }
    }

    @Test
    void eventsOfDifferentTracesInOneBatchEachContinueTheirOwn() {
        String first = newTraceId();
        String second = newTraceId();
        List<EventEnvelope<UserDeleted>> events = new ArrayList<>();
        List<String> traces = List.of(first, second, first, second, second);
        // a template without observation of its own, which would replace the traceparent with the send's span
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(bytes(producers));
        // sent together, so that they reach the batch listener in as few polls as the broker hands out
        for (String trace : traces) {
            UUID user = UUID.randomUUID();
            EventEnvelope<UserDeleted> event = EventEnvelope.of(UUID.randomUUID(), user, new UserDeleted(user, null));
            events.add(event);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(REQUESTED, event.subject(), json.write(event));
            record.headers().add("traceparent", ("00-" + trace + "-" + newSpanId() + "-01").getBytes(StandardCharsets.UTF_8));
            template.send(record);
        }
        template.flush();

        await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().allMatch(event -> SEEN.containsKey(event.eventId())));
        for (int i = 0; i < events.size(); i++) {
            Seen seen = SEEN.get(events.get(i).eventId());
            assertThat(seen.logged()).as("event %d", i).isEqualTo(traces.get(i));
            assertThat(seen.recorded()).as("event %d", i).isEqualTo(traces.get(i));
        }
    }

    @Test
    void anEventWithoutATraceStartsOneOfItsOwn() {
        UUID user = UUID.randomUUID();
        EventEnvelope<UserDeleted> event = EventEnvelope.of(UUID.randomUUID(), user, new UserDeleted(user, null));

        new KafkaTemplate<>(bytes(producers)).send(new ProducerRecord<>(REQUESTED, event.subject(), json.write(event))).join();

        await().atMost(Duration.ofSeconds(30)).until(() -> SEEN.containsKey(event.eventId()));
        Seen seen = SEEN.get(event.eventId());
        assertThat(seen.logged()).matches("[0-9a-f]{32}").isEqualTo(seen.recorded());
        assertThat(seen.requestId()).isNull();
    }

    @SuppressWarnings("unchecked")
    private static ProducerFactory<String, byte[]> bytes(ProducerFactory<?, ?> producers) {
        return (ProducerFactory<String, byte[]>) producers;
    }

    private static String newTraceId() {
        return HexFormat.of().formatHex(randomBytes(16));
    }

    private static String newSpanId() {
        return HexFormat.of().formatHex(randomBytes(8));
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** The trace id in the log context, the one the outbox would record, and the request id in the log context. */
    record Seen(String logged, String recorded, String requestId) {
    }

    @TestConfiguration
    static class Traced {

        /** The id of the event that applying {@code event} records. */
        static UUID followUp(UUID event) {
            return new UUID(~event.getMostSignificantBits(), ~event.getLeastSignificantBits());
        }

        @Autowired EventProcessor processor;
        @Autowired Outbox outbox;
        @Autowired TraceHeaders traces;
        @Autowired TransactionalOperator transactions;

        /** Applies a batch of requested events: notes what it sees and records a follow-up event for each. */
        @KafkaListener(topics = REQUESTED, groupId = "trace-propagation-test", batch = "true")
        Mono<Void> on(List<ConsumerRecord<String, byte[]>> records) {
            return processor.processBatch(records, "trace-propagation-test", events -> Flux.fromIterable(events)
                    .concatMap(event -> note(event.eventId()).then(transactions.transactional(outbox.record(FOLLOWED,
                            new EventEnvelope<>(followUp(event.eventId()), event.type(), event.version(),
                                    event.occurredAt(), event.accountId(), event.subject(), event.data())))))
                    .then());
        }

        @KafkaListener(topics = FOLLOWED, groupId = "trace-propagation-test")
        Mono<Void> onFollowUp(ConsumerRecord<String, byte[]> record) {
            return processor.process(record, "trace-propagation-test", event -> note(event.eventId()));
        }

        private Mono<Void> note(UUID event) {
            return Mono.deferContextual(context -> {
                        String traceparent = traces.of(context).get("traceparent");
                        return Mono.just(traceparent == null ? "" : traceparent.split("-")[1]);
                    })
                    .<Void>handle((recorded, sink) -> {
                        SEEN.put(event, new Seen(MDC.get("traceId"), recorded, MDC.get("X-Request-Id")));
                        sink.complete();
                    });
        }

        /** Records one event per count on test.traced in a transaction, and answers their ids. */
        @RestController
        static class Requests {

            private final Outbox outbox;
            private final TransactionalOperator transactions;

            Requests(Outbox outbox, TransactionalOperator transactions) {
                this.outbox = outbox;
                this.transactions = transactions;
            }

            @PostMapping("/test/traced/{count}")
            Mono<List<UUID>> write(@PathVariable int count) {
                List<EventEnvelope<UserDeleted>> events = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    UUID user = UUID.randomUUID();
                    events.add(EventEnvelope.of(UUID.randomUUID(), user, new UserDeleted(user, null)));
                }
                return transactions.transactional(outbox.recordAll(REQUESTED, events))
                        .thenReturn(events.stream().map(EventEnvelope::eventId).toList());
            }
        }
    }
}
