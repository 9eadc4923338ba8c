package dev.roster.notifications.notice;

import dev.roster.events.user.UserStatus;
import java.util.Optional;

/**
 * Who gets a notice: only an active recipient Roster knows. Asked twice for each email, when it is queued and again
 * right before it is sent (someone may leave in between); a suppressed notice records the reason it gives.
 */
public final class RecipientPolicy {

    /** The reason for a recipient this service has never heard of. */
    public static final String UNKNOWN_RECIPIENT = "UNKNOWN_RECIPIENT";

    private RecipientPolicy() {
    }

    /**
     * Why nothing goes to a recipient whose status is {@code status} ({@code ACTIVE}, {@code INACTIVE},
     * {@code EMPLOYMENT_ENDED}, {@code DELETED}; null or blank when unknown), or empty when it goes.
     */
    public static Optional<String> suppression(String status) {
        if (status == null || status.isBlank()) {
            return Optional.of(UNKNOWN_RECIPIENT);
        }
        return UserStatus.ACTIVE.name().equals(status) ? Optional.empty() : Optional.of(status);
    }
}
