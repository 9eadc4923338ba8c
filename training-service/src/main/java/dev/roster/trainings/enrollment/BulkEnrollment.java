package dev.roster.trainings.enrollment;

import java.util.List;
import java.util.UUID;

/** What a bulk enrollment did for each user: enrolled (some of them onto the waitlist) or skipped, and why. */
record BulkEnrollment(List<UUID> applied, List<UUID> waitlisted, List<Skipped> skipped) {

    public record Skipped(UUID userId, SkipReason reason) {
    }

    /** Why a user was not enrolled. */
    public enum SkipReason {
        NOT_FOUND,
        NOT_ACTIVE,
        ALREADY_ENROLLED
    }
}
