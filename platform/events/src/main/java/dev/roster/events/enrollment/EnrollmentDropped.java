package dev.roster.events.enrollment;

import dev.roster.events.EventType;
import java.util.UUID;

/**
 * The system dropped an enrollment; {@code reason} is one of {@link #EMPLOYMENT_ENDED} and
 * {@link #SESSION_CANCELLED} (readers treat any other value as a reason they do not know yet).
 */
@EventType("enrollment.dropped")
public record EnrollmentDropped(UUID enrollmentId, UUID trainingId, String trainingTitle, UUID learnerId,
        SessionSnapshot session, String reason, boolean notifySupervisors, UUID actorId) implements EnrollmentEvent {

    /** The learner's employment ended: upcoming sessions are given up, seats freed. */
    public static final String EMPLOYMENT_ENDED = "EMPLOYMENT_ENDED";

    /** The session was deleted by an administrator. */
    public static final String SESSION_CANCELLED = "SESSION_CANCELLED";
}
