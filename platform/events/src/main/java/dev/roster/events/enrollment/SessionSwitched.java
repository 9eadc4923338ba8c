package dev.roster.events.enrollment;

import dev.roster.events.EventType;
import java.util.UUID;

/**
 * A learner moved from one session to another (by themselves, or an administrator moved them);
 * {@code waitlisted} when the new session was full and they wait for a seat there.
 */
@EventType("enrollment.session-switched")
public record SessionSwitched(UUID enrollmentId, UUID trainingId, String trainingTitle, UUID learnerId,
        SessionSnapshot from, SessionSnapshot to, boolean waitlisted, boolean byLearner, boolean notifySupervisors,
        UUID actorId) implements EnrollmentEvent {
}
