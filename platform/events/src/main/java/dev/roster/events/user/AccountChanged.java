package dev.roster.events.user;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.util.UUID;

/**
 * An account was created or changed (on {@code roster.users.v1}, keyed by the account): its owner and
 * seat limit, which other services need to judge what a change will do (e.g. an import's preview).
 */
@EventType("account.changed")
public record AccountChanged(UUID accountId, String slug, String name, String timeZone, int seatLimit, UUID ownerId)
        implements RosterEvent {
}
