package dev.roster.events.enrollment;

import dev.roster.events.EventType;
import java.util.UUID;

/** The session was full: the learner waits for a seat, {@code position} in line (1 = next). */
@EventType("enrollment.waitlisted")
public record Waitlisted(UUID enrollmentId, UUID trainingId, String trainingTitle, UUID learnerId, SessionSnapshot session,
        int position, boolean byLearner, boolean notifySupervisors, UUID actorId) implements EnrollmentEvent {
}
