package dev.roster.trainings.enrollment;

import dev.roster.platform.problem.ProblemException;
import dev.roster.trainings.training.Training;
import dev.roster.trainings.training.TrainingRepository;
import dev.roster.trainings.training.TrainingSession;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who sits where: taking a seat (or a place on the waitlist when the session is full), moving to another
 * session, leaving, and promoting the waitlist when a seat frees. Every change of a session's seats holds
 * that session's row lock, so two learners racing for the last seat are served one after the other and
 * exactly one gets it. Locks are always taken in one order: the person, then sessions (by id), then
 * enrollments; so concurrent changes wait for each other instead of deadlocking. The rules of who may do
 * what are {@link EnrollmentPolicy}'s; this class keeps the seats right. Every method must run inside a
 * transaction.
 */
@Component
public class Seating {

    private final TrainingRepository trainings;
    private final EnrollmentRepository enrollments;
    private final EnrollmentEvents events;

    Seating(TrainingRepository trainings, EnrollmentRepository enrollments, EnrollmentEvents events) {
        this.trainings = trainings;
        this.enrollments = enrollments;
        this.events = events;
    }

    /** Enrolls a learner into {@code sessionId} (null: no session yet), on its waitlist when it is full. */
    Mono<Enrollment> enroll(Training training, UUID sessionId, UUID userId, UUID actorId, boolean byLearner, Instant now) {
        if (sessionId == null) {
            return enrollments.insert(training.accountId(), training.id(), userId, null, EnrollmentStatus.ENROLLED, actorId, now)
                    .flatMap(enrollment -> events.seated(training, enrollment, null, 0, byLearner, actorId)
                            .thenReturn(enrollment));
        }
        return lock(training, sessionId).flatMap(session -> enrollments.enrolledIn(session.id())
                .flatMap(taken -> enrollments.insert(training.accountId(), training.id(), userId, session.id(),
                        taken < session.capacity() ? EnrollmentStatus.ENROLLED : EnrollmentStatus.WAITLISTED, actorId, now))
                .flatMap(enrollment -> enrollments.position(enrollment)
                        .flatMap(position -> events.seated(training, enrollment, session, position, byLearner, actorId))
                        .thenReturn(enrollment)));
    }

    /**
     * Moves an open enrollment (as read before, unlocked) to {@code targetId}; into a full session only
     * when {@code mayWait} (then onto its waitlist), otherwise refused with {@code session-full}. A seat
     * left behind goes to the first learner waiting for it.
     */
    Mono<Enrollment> move(Training training, Enrollment seen, UUID targetId, boolean mayWait, UUID actorId,
            boolean byLearner, Instant now) {
        UUID fromId = seen.sessionId();
        Mono<Sessions> locked;
        if (fromId == null) {
            locked = lock(training, targetId).map(target -> new Sessions(null, target));
        }
        else if (fromId.compareTo(targetId) < 0) {
            locked = lock(training, fromId).flatMap(from -> lock(training, targetId).map(target -> new Sessions(from, target)));
        }
        else {
            locked = lock(training, targetId).flatMap(target -> lock(training, fromId).map(from -> new Sessions(from, target)));
        }
        return locked.flatMap(sessions -> relock(seen).then(enrollments.enrolledIn(targetId)).flatMap(taken -> {
            boolean full = taken >= sessions.target().capacity();
            if (full && !mayWait) {
                return Mono.error(new ProblemException(HttpStatus.CONFLICT, "session-full", "Session full",
                        "Every seat of that session is taken"));
            }
            return enrollments.move(seen.id(), targetId, full ? EnrollmentStatus.WAITLISTED : EnrollmentStatus.ENROLLED, now)
                    .flatMap(moved -> events.switched(training, moved, sessions.from(), sessions.target(), byLearner, actorId)
                            .then(seen.status() == EnrollmentStatus.ENROLLED && sessions.from() != null
                                    ? promote(training, sessions.from(), actorId, now) : Mono.empty())
                            .thenReturn(moved));
        }));
    }

    /**
     * Ends an open enrollment (as read before, unlocked): {@code UNENROLLED} by the learner, {@code REMOVED}
     * by an administrator (both told as "unenrolled"), or {@code DROPPED} by the system with {@code reason}.
     * Its seat goes to the first learner waiting for it.
     */
    Mono<Void> leave(Training training, Enrollment seen, EnrollmentStatus end, String reason, UUID actorId, Instant now) {
        Mono<Optional<TrainingSession>> session = seen.sessionId() == null ? Mono.just(Optional.empty())
                : lock(training, seen.sessionId()).map(Optional::of);
        return session.flatMap(locked -> relock(seen).then(Mono.defer(() -> {
            TrainingSession held = locked.orElse(null);
            Mono<Void> event = end == EnrollmentStatus.DROPPED
                    ? events.dropped(training, seen, held, reason)
                    : events.unenrolled(training, seen, held, end == EnrollmentStatus.UNENROLLED, actorId);
            Mono<Void> freed = seen.status() == EnrollmentStatus.ENROLLED && held != null
                    ? promote(training, held, actorId, now) : Mono.empty();
            return enrollments.end(List.of(seen.id()), end, reason, now).then(event).then(freed);
        })));
    }

    /** Seats waiting learners in a session (locked by the caller) while it has free seats. */
    public Mono<Void> promote(Training training, TrainingSession session, UUID actorId, Instant now) {
        return enrollments.enrolledIn(session.id()).flatMap(taken -> {
            int free = session.capacity() - taken;
            if (free <= 0) {
                return Mono.empty();
            }
            return enrollments.promote(session.id(), free, now).collectList()
                    .flatMap(promoted -> events.promoted(training, promoted, session, actorId));
        });
    }

    /** Locks a session of the training for a change of its seats; 404 when the training has no such session. */
    public Mono<TrainingSession> lock(Training training, UUID sessionId) {
        return trainings.lockSession(training.id(), sessionId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Session " + sessionId)));
    }

    /** Locks the enrollment (its session is locked already) and checks nobody changed it since it was read. */
    private Mono<Enrollment> relock(Enrollment seen) {
        return enrollments.lockOpen(seen.id())
                .filter(now -> now.status() == seen.status() && Objects.equals(now.sessionId(), seen.sessionId()))
                .switchIfEmpty(Mono.error(() -> ProblemException.changedMeanwhile("This enrollment")));
    }

    private record Sessions(TrainingSession from, TrainingSession target) {
    }
}
