package dev.roster.events;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON form of Roster's events: ISO-8601 instants and dates, nulls kept (a missing field
 * and an explicit null mean the same to readers), unknown fields ignored so that producers can
 * add fields without breaking older consumers.
 */
public final class EventJson {

    private final JsonMapper mapper;

    public EventJson() {
        this(defaultMapper());
    }

    public EventJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public static JsonMapper defaultMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
    }

    public JsonMapper mapper() {
        return mapper;
    }

    public byte[] write(EventEnvelope<?> envelope) {
        return mapper.writeValueAsBytes(envelope);
    }

    public String writeAsString(EventEnvelope<?> envelope) {
        return mapper.writeValueAsString(envelope);
    }

    /**
     * Reads an envelope; its data is the registered record for its type, or an {@link UnknownEvent}.
     *
     * @throws MalformedEventException when the bytes are not an envelope at all
     */
    public EventEnvelope<RosterEvent> read(byte[] json) {
        try {
            JsonNode root = mapper.readTree(json);
            if (!(root instanceof ObjectNode object)) {
                throw new MalformedEventException("an event must be a JSON object");
            }
            String type = requiredText(object, "type");
            JsonNode dataNode = object.get("data");
            if (dataNode == null || dataNode.isNull()) {
                throw new MalformedEventException("event " + type + " has no data");
            }
            RosterEvent data = EventTypes.forName(type)
                    .<RosterEvent>map(eventClass -> mapper.treeToValue(dataNode, eventClass))
                    .orElseGet(() -> new UnknownEvent(dataNode));
            JsonNode account = object.get("accountId");
            return new EventEnvelope<>(
                    UUID.fromString(requiredText(object, "eventId")),
                    type,
                    object.path("version").asInt(1),
                    Instant.parse(requiredText(object, "occurredAt")),
                    account == null || account.isNull() ? null : UUID.fromString(account.asString()),
                    requiredText(object, "subject"),
                    data);
        }
        catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException ex) {
            throw new MalformedEventException("unreadable event: " + ex.getMessage(), ex);
        }
    }

    /** Reads a value that is not an envelope (a command, say) as {@code type}. */
    public <T> T readValue(byte[] json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        }
        catch (JacksonException ex) {
            throw new MalformedEventException("unreadable " + type.getSimpleName() + ": " + ex.getMessage(), ex);
        }
    }

    private static String requiredText(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || !node.isString() || node.asString().isBlank()) {
            throw new MalformedEventException("event field '" + field + "' is missing");
        }
        return node.asString();
    }
}
