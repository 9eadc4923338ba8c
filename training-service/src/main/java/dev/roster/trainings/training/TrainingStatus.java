package dev.roster.trainings.training;

import java.time.Instant;
import java.util.Collection;

/** Where a training (or one learner's session of it) stands, derived from its dates and the attendance marked. */
public enum TrainingStatus {
    NOT_STARTED,
    IN_PROGRESS,
    /** Over, and attendance has not been marked for every participant yet. */
    AWAITING_ATTENDANCE,
    COMPLETED;

    /**
     * A whole training: not started before its first session, in progress until its last one ends,
     * then awaiting attendance until every seated participant's attendance is marked.
     */
    public static TrainingStatus of(Collection<TrainingSession> sessions, boolean attendanceMissing, Instant now) {
        if (sessions.isEmpty() || sessions.stream().noneMatch(session -> session.hasStarted(now))) {
            return NOT_STARTED;
        }
        if (!sessions.stream().allMatch(session -> session.hasEnded(now))) {
            return IN_PROGRESS;
        }
        return attendanceMissing ? AWAITING_ATTENDANCE : COMPLETED;
    }

    /** One learner's part: their own session ({@code null}: none chosen yet) and whether their attendance is marked. */
    public static TrainingStatus of(TrainingSession session, boolean attendanceMarked, Instant now) {
        if (session == null || !session.hasStarted(now)) {
            return NOT_STARTED;
        }
        if (!session.hasEnded(now)) {
            return IN_PROGRESS;
        }
        return attendanceMarked ? COMPLETED : AWAITING_ATTENDANCE;
    }
}
