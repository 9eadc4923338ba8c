package dev.roster.events.enrollment;

import dev.roster.events.EventType;
import java.util.UUID;

/** A seat freed up and the first learner on the session's waitlist took it. */
@EventType("enrollment.waitlist-promoted")
public record WaitlistPromoted(UUID enrollmentId, UUID trainingId, String trainingTitle, UUID learnerId,
        SessionSnapshot session, boolean notifySupervisors, UUID actorId) implements EnrollmentEvent {
}
