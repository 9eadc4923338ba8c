package dev.roster.platform.access;

import dev.roster.events.user.UserStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** What a service knows of a user: their status and the moment before which their tokens are void. */
record AccessState(UserStatus status, Instant tokensValidAfter, boolean deleted) {

    static final AccessState DELETED = new AccessState(null, Instant.MAX, true);

    /**
     * Whether a token issued at {@code issuedAt} may still be used. Compared to the millisecond, the
     * resolution of the token's issue time ({@code iat_ms}): a token issued in the very millisecond its
     * user's tokens became valid again (a sign-in just after a creation or a password change) is valid.
     */
    boolean admits(Instant issuedAt) {
        if (deleted || status != UserStatus.ACTIVE) {
            return false;
        }
        return tokensValidAfter == null || issuedAt == null
                || !issuedAt.isBefore(tokensValidAfter.truncatedTo(ChronoUnit.MILLIS));
    }
}
