package dev.roster.trainings.enrollment;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.enrollment.EnrollmentDropped;
import dev.roster.events.enrollment.EnrollmentEvent;
import dev.roster.events.enrollment.Enrolled;
import dev.roster.events.enrollment.SessionSnapshot;
import dev.roster.events.enrollment.SessionSwitched;
import dev.roster.events.enrollment.Unenrolled;
import dev.roster.events.enrollment.WaitlistPromoted;
import dev.roster.events.enrollment.Waitlisted;
import dev.roster.platform.outbox.Outbox;
import dev.roster.trainings.training.Training;
import dev.roster.trainings.training.TrainingSession;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records training-service's events on {@code roster.enrollments.v1} in the outbox, in the caller's
 * transaction. Each is keyed by the enrollment, so one enrollment's events stay in order.
 */
@Component
class EnrollmentEvents {

    private final Outbox outbox;
    private final Clock clock;

    EnrollmentEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    Mono<Void> seated(Training training, Enrollment enrollment, TrainingSession session, int position, boolean byLearner,
            UUID actorId) {
        return record(training, enrollment, enrollment.waitlisted()
                ? new Waitlisted(enrollment.id(), training.id(), training.title(), enrollment.userId(),
                        snapshot(training, session), position, byLearner, training.notifySupervisors(), actorId)
                : new Enrolled(enrollment.id(), training.id(), training.title(), enrollment.userId(),
                        snapshot(training, session), byLearner, training.notifySupervisors(), actorId));
    }

    Mono<Void> switched(Training training, Enrollment moved, TrainingSession from, TrainingSession to, boolean byLearner,
            UUID actorId) {
        return record(training, moved, new SessionSwitched(moved.id(), training.id(), training.title(), moved.userId(),
                snapshot(training, from), snapshot(training, to), moved.waitlisted(), byLearner,
                training.notifySupervisors(), actorId));
    }

    Mono<Void> unenrolled(Training training, Enrollment enrollment, TrainingSession session, boolean byLearner,
            UUID actorId) {
        return record(training, enrollment, new Unenrolled(enrollment.id(), training.id(), training.title(),
                enrollment.userId(), snapshot(training, session), enrollment.waitlisted(), byLearner,
                training.notifySupervisors(), actorId));
    }

    Mono<Void> dropped(Training training, Enrollment enrollment, TrainingSession session, String reason) {
        return record(training, enrollment, new EnrollmentDropped(enrollment.id(), training.id(), training.title(),
                enrollment.userId(), snapshot(training, session), reason, training.notifySupervisors(), null));
    }

    /** Enrollments of several trainings dropped at once (their sessions, or null), in one statement. */
    Mono<Void> droppedAll(java.util.Map<UUID, Training> trainings, List<Enrollment> dropped,
            java.util.Map<UUID, TrainingSession> sessions, String reason) {
        return outbox.recordAll(Topics.ENROLLMENTS, dropped.stream().map(enrollment -> {
            Training training = trainings.get(enrollment.trainingId());
            TrainingSession session = enrollment.sessionId() == null ? null : sessions.get(enrollment.sessionId());
            return EventEnvelope.of(training.accountId(), enrollment.id(), new EnrollmentDropped(enrollment.id(),
                    training.id(), training.title(), enrollment.userId(), snapshot(training, session), reason,
                    training.notifySupervisors(), null), clock);
        }).toList());
    }

    Mono<Void> promoted(Training training, List<Enrollment> promoted, TrainingSession session, UUID actorId) {
        return outbox.recordAll(Topics.ENROLLMENTS, promoted.stream()
                .map(enrollment -> EventEnvelope.of(training.accountId(), enrollment.id(), new WaitlistPromoted(
                        enrollment.id(), training.id(), training.title(), enrollment.userId(), snapshot(training, session),
                        training.notifySupervisors(), actorId), clock))
                .toList());
    }

    private Mono<Void> record(Training training, Enrollment enrollment, EnrollmentEvent event) {
        return outbox.record(Topics.ENROLLMENTS, EventEnvelope.of(training.accountId(), enrollment.id(), event, clock));
    }

    private static SessionSnapshot snapshot(Training training, TrainingSession session) {
        return session == null ? null : session.snapshot(training.timeZone());
    }
}
