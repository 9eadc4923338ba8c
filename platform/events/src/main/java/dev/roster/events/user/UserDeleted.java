package dev.roster.events.user;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.util.UUID;

/** A user was deleted for good: every service erases their personal data and statistics. */
@EventType("user.deleted")
public record UserDeleted(UUID userId, UUID actorId) implements RosterEvent {
}
