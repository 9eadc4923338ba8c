package dev.roster.events.user;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A user's status changed. {@code effectiveAt} is when it took effect (for a scheduled change, 23:59
 * of the chosen date in the account's time zone); {@code scheduled} tells the two apart.
 */
@EventType("user.status-changed")
public record UserStatusChanged(
        UUID userId,
        UserStatus previousStatus,
        UserStatus status,
        Instant effectiveAt,
        LocalDate employmentEndedOn,
        boolean scheduled,
        UUID actorId) implements RosterEvent {
}
