package dev.roster.events;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything Roster publishes travels in this envelope: a unique id for deduplication, a stable
 * type string, the schema version, when it happened, the tenant, the aggregate id (also the
 * Kafka key, so one aggregate's events stay in order) and the event itself.
 */
public record EventEnvelope<T extends RosterEvent>(
        UUID eventId,
        String type,
        int version,
        Instant occurredAt,
        UUID accountId,
        String subject,
        T data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
    }

    /** A new envelope for {@code data}, with a fresh id and the type declared on its class. */
    public static <T extends RosterEvent> EventEnvelope<T> of(UUID accountId, Object subject, T data, Clock clock) {
        EventType type = EventTypes.describe(data.getClass());
        return new EventEnvelope<>(UUID.randomUUID(), type.value(), type.version(), clock.instant(),
                accountId, subject.toString(), data);
    }

    public static <T extends RosterEvent> EventEnvelope<T> of(UUID accountId, Object subject, T data) {
        return of(accountId, subject, data, Clock.systemUTC());
    }

    /** The event's data as {@code type}, or {@code null} when it is another kind of event. */
    public <E extends RosterEvent> E dataAs(Class<E> type) {
        return type.isInstance(data) ? type.cast(data) : null;
    }
}
