package dev.roster.trainings.enrollment;

import java.time.Instant;
import java.util.UUID;

/** A learner's enrollment in a training, in a session or (not chosen yet) none. */
record Enrollment(
        UUID id,
        UUID accountId,
        UUID trainingId,
        UUID userId,
        UUID sessionId,
        EnrollmentStatus status,
        Long waitlistedAt,
        Attendance attendance,
        UUID enrolledBy,
        Instant enrolledAt,
        Instant endedAt,
        String endReason) {

    public boolean waitlisted() {
        return status == EnrollmentStatus.WAITLISTED;
    }
}
