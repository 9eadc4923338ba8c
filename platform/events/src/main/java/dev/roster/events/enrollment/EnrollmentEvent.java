package dev.roster.events.enrollment;

import dev.roster.events.RosterEvent;
import java.util.UUID;

/**
 * What every event of {@code roster.enrollments.v1} tells: whose enrollment in which training, whether
 * the training wants supervisors told, and who acted ({@code null}: the system, e.g. when employment ended).
 */
public interface EnrollmentEvent extends RosterEvent {

    UUID enrollmentId();

    UUID trainingId();

    String trainingTitle();

    UUID learnerId();

    boolean notifySupervisors();

    UUID actorId();
}
