package dev.roster.events.imports;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.util.UUID;

/**
 * user-service's answer to one {@link ImportRowSubmitted}, on {@code roster.user-import-results.v1}:
 * {@code outcome} is one of {@code CREATED}, {@code CREATED_INACTIVE} (the account was full),
 * {@code UPDATED}, {@code UNCHANGED} or {@code REFUSED}, with {@code reason} for the last (e.g.
 * {@code ACCOUNT_OWNER}, {@code SEAT_LIMIT}, {@code DEPARTMENT_NOT_FOUND}). Keyed by the import.
 */
@EventType("user-import.row-applied")
public record ImportRowApplied(UUID importId, int rowNumber, String login, UUID userId, String outcome, String reason)
        implements RosterEvent {

    public static final String CREATED = "CREATED";
    public static final String CREATED_INACTIVE = "CREATED_INACTIVE";
    public static final String UPDATED = "UPDATED";
    public static final String UNCHANGED = "UNCHANGED";
    public static final String REFUSED = "REFUSED";
}
