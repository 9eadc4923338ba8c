package dev.roster.platform.outbox;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.platform.consistency.WrittenEvents;
import dev.roster.platform.observability.TraceHeaders;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records events to publish, inside the caller's R2DBC transaction: if the transaction rolls back,
 * the event is never published; if it commits, the {@link OutboxRelay} publishes it. Never send to
 * Kafka from a request path; record here instead.
 */
public class Outbox {

    private static final String INSERT = """
            INSERT INTO outbox (event_id, topic, message_key, event_type, payload, occurred_at, headers)
            SELECT e.*, :headers::jsonb
            FROM UNNEST(:eventIds::uuid[], :topics::text[], :keys::text[], :types::text[],
                        :payloads::text[], :occurredAts::timestamptz[]) AS e
            """;

    private static final JsonMapper HEADERS = JsonMapper.shared();

    private final DatabaseClient database;
    private final EventJson json;
    private final TraceHeaders traces;

    /** An outbox whose events carry no trace. */
    public Outbox(DatabaseClient database, EventJson json) {
        this(database, json, null);
    }

    /** An outbox whose events carry the trace of the work that recorded them ({@code traces} may be null: none). */
    public Outbox(DatabaseClient database, EventJson json, TraceHeaders traces) {
        this.database = database;
        this.json = json;
        this.traces = traces;
    }

    /** Records one event for {@code topic}, keyed by its subject. */
    public Mono<Void> record(String topic, EventEnvelope<?> event) {
        return recordAll(topic, List.of(event));
    }

    /** Records many events in one statement (a bulk action of 10,000 users is one round trip). */
    public Mono<Void> recordAll(String topic, List<? extends EventEnvelope<?>> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        int size = events.size();
        String[] eventIds = new String[size];
        String[] topics = new String[size];
        String[] keys = new String[size];
        String[] types = new String[size];
        String[] payloads = new String[size];
        String[] occurredAts = new String[size];
        for (int i = 0; i < size; i++) {
            EventEnvelope<?> event = events.get(i);
            eventIds[i] = event.eventId().toString();
            topics[i] = topic;
            keys[i] = event.subject();
            types[i] = event.type();
            payloads[i] = json.writeAsString(event);
            occurredAts[i] = event.occurredAt().toString();
        }
        // the consumers of these events continue the trace of the request (or event) that recorded them
        Mono<Void> insert = Mono.deferContextual(context -> database.sql(INSERT)
                .bind("eventIds", eventIds)
                .bind("topics", topics)
                .bind("keys", keys)
                .bind("types", types)
                .bind("payloads", payloads)
                .bind("occurredAts", occurredAts)
                .bind("headers", headers(context))
                .then());
        // a request's response tells its caller what it wrote, so that the caller can read it back elsewhere
        return insert.then(Mono.deferContextual(context -> {
            context.<WrittenEvents>getOrEmpty(WrittenEvents.class).ifPresent(written -> written.note(topic, events));
            return Mono.empty();
        }));
    }

    private String headers(ContextView context) {
        Map<String, String> headers = traces == null ? Map.of() : traces.of(context);
        return headers.isEmpty() ? "{}" : HEADERS.writeValueAsString(headers);
    }

    /** Records a tombstone for {@code key} on a compacted topic: the key's latest state is "gone". */
    public Mono<Void> recordTombstone(String topic, Object key) {
        return recordTombstones(topic, List.of(key));
    }

    /** Records tombstones for many keys in one statement. */
    public Mono<Void> recordTombstones(String topic, List<?> keys) {
        if (keys.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("""
                        INSERT INTO outbox (event_id, topic, message_key, event_type, payload, occurred_at)
                        SELECT gen_random_uuid(), :topic, key, NULL, NULL, now() FROM unnest(:keys::text[]) AS key
                        """)
                .bind("topic", topic)
                .bind("keys", keys.stream().map(Object::toString).toArray(String[]::new))
                .then();
    }
}
