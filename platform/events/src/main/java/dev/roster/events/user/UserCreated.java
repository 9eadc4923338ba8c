package dev.roster.events.user;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.util.UUID;

/** A user was created (by an administrator, the operator, or an import); {@code actorId} is null for the system. */
@EventType("user.created")
public record UserCreated(UserProfile user, UUID actorId) implements RosterEvent {
}
