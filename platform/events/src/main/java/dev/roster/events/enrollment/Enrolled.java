package dev.roster.events.enrollment;

import dev.roster.events.EventType;
import java.util.UUID;

/** A learner took a seat in a training: in {@code session}, or with no session chosen yet ({@code null}). */
@EventType("enrollment.enrolled")
public record Enrolled(UUID enrollmentId, UUID trainingId, String trainingTitle, UUID learnerId, SessionSnapshot session,
        boolean byLearner, boolean notifySupervisors, UUID actorId) implements EnrollmentEvent {
}
