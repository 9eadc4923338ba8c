package dev.roster.platform.consistency;

import dev.roster.platform.problem.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a client sends back to read its own writes: for each topic a write published to, the last event it recorded
 * in each partition it touched. A service that keeps a projection of that topic answers the read once its consumer
 * has applied those events. On the wire, header {@value #HEADER}: {@code <topic>=<eventId>.<eventId>;<topic>=…},
 * for example {@code roster.users.v1=0b6c…e1}.
 *
 * @param events event ids by topic, in the order written
 */
public record ConsistencyToken(Map<String, List<UUID>> events) {

    public static final String HEADER = "Roster-Consistency";

    /** Longer than any token a write gives (a bulk change: 2 topics × 6 partitions × 37 characters). */
    static final int MOST_CHARACTERS = 2_048;
    static final int MOST_EVENTS = 64;

    private static final Pattern TOPIC = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    public ConsistencyToken {
        Map<String, List<UUID>> copy = new LinkedHashMap<>();
        events.forEach((topic, ids) -> {
            if (!ids.isEmpty()) {
                copy.put(topic, List.copyOf(ids));
            }
        });
        events = Map.copyOf(copy);
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    /** The header's value. */
    public String format() {
        StringBuilder value = new StringBuilder();
        events.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            if (!value.isEmpty()) {
                value.append(';');
            }
            value.append(entry.getKey()).append('=');
            List<UUID> ids = entry.getValue();
            for (int i = 0; i < ids.size(); i++) {
                value.append(i == 0 ? "" : ".").append(ids.get(i));
            }
        });
        return value.toString();
    }

    /** Reads a header's value; anything that is not a token a write gave is a 400 {@code invalid-consistency-token}. */
    public static ConsistencyToken parse(String value) {
        if (value == null || value.isBlank() || value.length() > MOST_CHARACTERS) {
            throw invalid();
        }
        Map<String, List<UUID>> events = new LinkedHashMap<>();
        int count = 0;
        for (String part : value.trim().split(";", -1)) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw invalid();
            }
            String topic = part.substring(0, equals).trim();
            if (!TOPIC.matcher(topic).matches() || events.containsKey(topic)) {
                throw invalid();
            }
            List<UUID> ids = new ArrayList<>();
            for (String id : part.substring(equals + 1).trim().split("\\.", -1)) {
                ids.add(uuid(id));
                if (++count > MOST_EVENTS) {
                    throw invalid();
                }
            }
            events.put(topic, ids);
        }
        return new ConsistencyToken(events);
    }

    private static UUID uuid(String text) {
        // UUID.fromString accepts shortened forms; a token only ever holds the canonical one
        if (text.length() != 36) {
            throw invalid();
        }
        try {
            return UUID.fromString(text);
        }
        catch (IllegalArgumentException ex) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return ProblemException.badRequest("invalid-consistency-token", "The " + HEADER
                + " header must be a value a write of this API answered with, sent back unchanged");
    }
}
