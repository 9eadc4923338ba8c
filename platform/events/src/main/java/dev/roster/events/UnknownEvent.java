package dev.roster.events;

import tools.jackson.databind.JsonNode;

/**
 * The payload of an event whose type this reader does not know (a newer producer, or a type
 * this consumer does not care about). Consumers skip it; the raw data is kept for logging.
 */
public record UnknownEvent(JsonNode raw) implements RosterEvent {
}
