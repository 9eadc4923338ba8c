package dev.roster.events;

/** The payload of an {@link EventEnvelope}: a record annotated with {@link EventType}. */
public interface RosterEvent {
}
