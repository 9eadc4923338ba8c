package dev.roster.trainings.training;

import dev.roster.platform.web.Page;
import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Administering trainings and their sessions. Creating and editing needs {@code TRAININGS_MANAGE};
 * registration restrictions need both {@code TRAININGS_VIEW_USERS_AND_ENROLL} and
 * {@code TRAININGS_ENROLL_USERS} (administrators and the owner hold every permission). A training of
 * another account does not exist for the caller (404).
 */
@Service
class TrainingService {

    /** The default time zone, by its IANA name (not the offset "Z"), as clients get it back. */
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final TrainingRepository trainings;
    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final Clock clock;

    TrainingService(TrainingRepository trainings, DatabaseClient database,
            TransactionalOperator transactions, Clock clock) {
        this.trainings = trainings;
        this.database = database;
        this.transactions = transactions;
        this.clock = clock;
    }

    Mono<TrainingResponse> create(Caller caller, CreateTrainingRequest request) {
        caller.require(Permission.TRAININGS_MANAGE);
        if (request.stopRegistrationBefore() != null || request.stopCancellationBefore() != null) {
            requireRestrictionRights(caller);
        }
        Training training = new Training(UUID.randomUUID(), caller.accountId(), request.title().strip(),
                request.description(), zone(request.timeZone(), UTC),
                request.sessionSelection() == null ? SessionSelection.LEARNER : request.sessionSelection(),
                request.stopRegistrationBefore(), request.stopCancellationBefore(),
                Boolean.TRUE.equals(request.participantListLocked()),
                request.notifySupervisors() == null || request.notifySupervisors(),
                request.published() == null || request.published(),
                clock.instant(), 0);
        return trainings.insert(training, caller.userId()).flatMap(saved -> response(saved));
    }

    Mono<TrainingResponse> update(Caller caller, UUID id, UpdateTrainingRequest request) {
        caller.require(Permission.TRAININGS_MANAGE);
        return find(caller, id).flatMap(current -> trainings.update(new Training(current.id(), current.accountId(),
                        request.title() == null ? current.title() : request.title().strip(),
                        request.description() == null ? current.description() : request.description(),
                        zone(request.timeZone(), current.timeZone()),
                        request.sessionSelection() == null ? current.sessionSelection() : request.sessionSelection(),
                        current.stopRegistrationBefore(), current.stopCancellationBefore(),
                        request.participantListLocked() == null ? current.participantListLocked() : request.participantListLocked(),
                        request.notifySupervisors() == null ? current.notifySupervisors() : request.notifySupervisors(),
                        request.published() == null ? current.published() : request.published(),
                        current.createdAt(), current.version()), clock.instant()))
                .switchIfEmpty(Mono.error(TrainingService::changedMeanwhile))
                .flatMap(this::response);
    }

    Mono<TrainingResponse> restrict(Caller caller, UUID id, RegistrationRestrictionsRequest request) {
        requireRestrictionRights(caller);
        return find(caller, id).flatMap(current -> trainings.update(new Training(current.id(), current.accountId(),
                        current.title(), current.description(), current.timeZone(), current.sessionSelection(),
                        request.stopRegistrationBefore(), request.stopCancellationBefore(), current.participantListLocked(),
                        current.notifySupervisors(), current.published(), current.createdAt(), current.version()),
                        clock.instant()))
                .switchIfEmpty(Mono.error(TrainingService::changedMeanwhile))
                .flatMap(this::response);
    }

    Mono<TrainingResponse> show(Caller caller, UUID id) {
        requireViewer(caller);
        return find(caller, id).flatMap(this::response);
    }

    Mono<Page<TrainingResponse>> list(Caller caller, String q, int page, int size) {
        requireViewer(caller);
        Page.check(page, size);
        return Mono.zip(trainings.list(caller.accountId(), q, size, (long) page * size).concatMap(this::response).collectList(),
                        trainings.count(caller.accountId(), q))
                .map(loaded -> Page.of(loaded.getT1(), page, size, loaded.getT2()));
    }

    /** Deletes a training that nobody is enrolled in (history goes with it). */
    Mono<Void> delete(Caller caller, UUID id) {
        caller.require(Permission.TRAININGS_MANAGE);
        return find(caller, id)
                .flatMap(training -> database.sql("""
                                SELECT EXISTS (SELECT 1 FROM enrollment WHERE training_id = :training
                                               AND status IN ('ENROLLED', 'WAITLISTED'))""")
                        .bind("training", training.id())
                        .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                        .one())
                .flatMap(hasParticipants -> hasParticipants
                        ? Mono.error(ProblemException.conflict("training-has-participants",
                                "Remove the participants of this training before deleting it"))
                        : trainings.delete(caller.accountId(), id))
                .as(transactions::transactional);
    }

    Mono<SessionResponse> addSession(Caller caller, UUID trainingId, SessionRequest request) {
        caller.require(Permission.TRAININGS_MANAGE);
        TrainingSession session = request.newSession(trainingId);
        return find(caller, trainingId).flatMap(training -> trainings.insertSession(caller.accountId(), session)
                .map(saved -> SessionResponse.from(training, saved, null, clock.instant())));
    }

    Mono<List<SessionResponse>> sessions(Caller caller, UUID trainingId) {
        requireViewer(caller);
        return find(caller, trainingId).flatMap(training -> response(training)).map(TrainingResponse::sessions);
    }

    private Mono<TrainingResponse> response(Training training) {
        Instant now = clock.instant();
        return Mono.zip(trainings.sessions(training.id()).collectList(), trainings.seats(training.id()),
                        trainings.attendanceMissing(training.id(), now))
                .map(loaded -> TrainingResponse.from(training, loaded.getT1(), loaded.getT2(), loaded.getT3(), now));
    }

    private Mono<Training> find(Caller caller, UUID id) {
        return trainings.require(caller.accountId(), id);
    }

    private static ProblemException changedMeanwhile() {
        return ProblemException.changedMeanwhile("The training");
    }

    private static void requireViewer(Caller caller) {
        caller.requireAny(Permission.TRAININGS_MANAGE, Permission.TRAININGS_VIEW_USERS_AND_ENROLL,
                Permission.TRAININGS_ENROLL_USERS);
    }

    /** The seed's rule: registration restrictions need both enrollment permissions. */
    private static void requireRestrictionRights(Caller caller) {
        caller.requireAll(Permission.TRAININGS_VIEW_USERS_AND_ENROLL, Permission.TRAININGS_ENROLL_USERS);
    }

    private static ZoneId zone(String requested, ZoneId otherwise) {
        if (requested == null) {
            return otherwise;
        }
        try {
            return ZoneId.of(requested);
        }
        catch (DateTimeException ex) {
            throw ProblemException.badRequest("invalid-time-zone", "'" + requested + "' is not an IANA time zone such as Europe/Berlin")
                    .with("field", "timeZone");
        }
    }
}
