package dev.roster.events.user;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.util.UUID;

/** A user's password was changed (by themselves, an administrator, or through an invitation). */
@EventType("user.password-changed")
public record PasswordChanged(UUID userId, UUID actorId) implements RosterEvent {
}
