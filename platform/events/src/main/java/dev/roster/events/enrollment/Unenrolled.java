package dev.roster.events.enrollment;

import dev.roster.events.EventType;
import java.util.UUID;

/** A learner left a training: they unenrolled ({@code byLearner}) or an administrator removed them. */
@EventType("enrollment.unenrolled")
public record Unenrolled(UUID enrollmentId, UUID trainingId, String trainingTitle, UUID learnerId, SessionSnapshot session,
        boolean wasWaitlisted, boolean byLearner, boolean notifySupervisors, UUID actorId) implements EnrollmentEvent {
}
