package dev.roster.events.user;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * The latest access state of a user, on the compacted access topic: tokens of a user who is not
 * active, or issued before {@code tokensValidAfter}, are refused. A deleted user gets a tombstone.
 */
@EventType("user.access-changed")
public record UserAccessChanged(UUID userId, UserStatus status, Instant tokensValidAfter) implements RosterEvent {

    public boolean active() {
        return status != null && status.isActive();
    }
}
