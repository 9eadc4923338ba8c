package dev.roster.platform.access;

import dev.roster.events.user.UserStatus;
import java.time.Instant;

/** What a service knows of a user: their status and the moment before which their tokens are void. */
record AccessState(UserStatus status, Instant tokensValidAfter, boolean deleted) {

    static final AccessState DELETED = new AccessState(null, Instant.MAX, true);

    /** Whether a token issued at {@code issuedAt} may still be used. */
    boolean admits(Instant issuedAt) {
        if (deleted || status != UserStatus.ACTIVE) {
            return false;
        }
        return tokensValidAfter == null || issuedAt == null || !issuedAt.isBefore(tokensValidAfter);
    }
}
