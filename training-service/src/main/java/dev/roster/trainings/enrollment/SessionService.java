package dev.roster.trainings.enrollment;

import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.trainings.training.SessionRequest;
import dev.roster.trainings.training.SessionResponse;
import dev.roster.trainings.training.Training;
import dev.roster.trainings.training.TrainingRepository;
import dev.roster.trainings.training.TrainingSession;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Changing and deleting a session that learners may sit in: under the session's lock, like every change of its
 * seats ({@link Seating}). More seats seat learners from its waitlist; fewer than those taken are refused; a session
 * is deleted only when nobody sits in it or waits for it. Needs {@code TRAININGS_MANAGE}.
 */
@Service
class SessionService {

    private final TrainingRepository trainings;
    private final EnrollmentRepository enrollments;
    private final Seating seating;
    private final TransactionalOperator transactions;
    private final Clock clock;

    SessionService(TrainingRepository trainings, EnrollmentRepository enrollments, Seating seating,
            TransactionalOperator transactions, Clock clock) {
        this.trainings = trainings;
        this.enrollments = enrollments;
        this.seating = seating;
        this.transactions = transactions;
        this.clock = clock;
    }

    Mono<SessionResponse> update(Caller caller, UUID trainingId, UUID sessionId, SessionRequest request) {
        caller.require(Permission.TRAININGS_MANAGE);
        return training(caller, trainingId).flatMap(training -> seating.lock(training, sessionId).flatMap(current -> {
            TrainingSession changed = request.applyTo(current);
            return trainings.seats(training.id()).flatMap(seats -> {
                int taken = seats.getOrDefault(sessionId, TrainingRepository.Seats.NONE).enrolled();
                if (changed.capacity() < taken) {
                    return Mono.error(ProblemException.conflict("capacity-below-enrolled", "The session has " + taken
                            + " participants with a seat; remove or move some before lowering its capacity to "
                            + changed.capacity()).with("enrolled", taken));
                }
                return trainings.updateSession(changed)
                        .flatMap(saved -> seating.promote(training, saved, caller.userId(), clock.instant()).thenReturn(saved));
            });
        }).flatMap(saved -> trainings.seats(training.id())
                .map(seats -> SessionResponse.from(training, saved, seats.get(saved.id()), clock.instant()))))
                .as(transactions::transactional);
    }

    Mono<Void> delete(Caller caller, UUID trainingId, UUID sessionId) {
        caller.require(Permission.TRAININGS_MANAGE);
        return training(caller, trainingId)
                .flatMap(training -> seating.lock(training, sessionId))
                .flatMap(session -> enrollments.anyOpenIn(session.id()))
                .flatMap(hasParticipants -> hasParticipants
                        ? Mono.error(ProblemException.conflict("session-has-participants",
                                "Move or remove the participants of this session before deleting it"))
                        : enrollments.detachFrom(sessionId).then(trainings.deleteSession(sessionId)))
                .as(transactions::transactional);
    }

    private Mono<Training> training(Caller caller, UUID trainingId) {
        return trainings.require(caller.accountId(), trainingId);
    }
}
