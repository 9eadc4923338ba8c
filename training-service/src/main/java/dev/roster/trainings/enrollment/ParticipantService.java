package dev.roster.trainings.enrollment;

import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.platform.people.People;
import dev.roster.platform.web.Page;
import dev.roster.trainings.training.Training;
import dev.roster.trainings.training.TrainingRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The administrator's side of enrollment: enrolling users (in bulk, into a session or none yet), moving
 * and removing participants, marking attendance, and the participant lists. Administrators are not bound
 * by the learner's deadlines or the list lock, but only active users of their own account can be enrolled.
 */
@Service
class ParticipantService {

    /** A participant's enrollment with their name and place in line; a FROM clause follows. */
    private static final String SELECT = """
            SELECT e.*, p.first_name, p.last_name, p.email, p.status AS user_status,
                   CASE WHEN e.status = 'WAITLISTED' THEN (SELECT count(*) FROM enrollment w
                        WHERE w.session_id = e.session_id AND w.status = 'WAITLISTED'
                          AND w.waitlisted_at <= e.waitlisted_at) ELSE 0 END AS position
            """;

    private final TrainingRepository trainings;
    private final EnrollmentRepository enrollments;
    private final Seating seating;
    private final People people;
    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final Clock clock;

    ParticipantService(TrainingRepository trainings, EnrollmentRepository enrollments, Seating seating, People people,
            DatabaseClient database, TransactionalOperator transactions, Clock clock) {
        this.trainings = trainings;
        this.enrollments = enrollments;
        this.seating = seating;
        this.people = people;
        this.database = database;
        this.transactions = transactions;
        this.clock = clock;
    }

    Mono<BulkEnrollment> enroll(Caller caller, UUID trainingId, EnrollUsersRequest request) {
        caller.requireAny(Permission.TRAININGS_ENROLL_USERS, Permission.TRAININGS_VIEW_USERS_AND_ENROLL);
        Instant now = clock.instant();
        List<UUID> requested = List.copyOf(new LinkedHashSet<>(request.userIds()));
        return training(caller, trainingId).flatMap(training -> Mono.zip(
                        people.lockActive(caller.accountId(), requested).collect(HashSet<UUID>::new, Set::add),
                        people.known(caller.accountId(), requested).collect(HashSet<UUID>::new, Set::add))
                .flatMap(found -> (request.sessionId() == null ? Mono.empty() : seating.lock(training, request.sessionId()))
                        .then(Flux.fromIterable(requested).concatMap(userId -> {
                            if (!found.getT2().contains(userId)) {
                                return Mono.just(Result.skipped(userId, BulkEnrollment.SkipReason.NOT_FOUND));
                            }
                            if (!found.getT1().contains(userId)) {
                                return Mono.just(Result.skipped(userId, BulkEnrollment.SkipReason.NOT_ACTIVE));
                            }
                            return enrollments.findOpen(trainingId, userId)
                                    .map(open -> Result.skipped(userId, BulkEnrollment.SkipReason.ALREADY_ENROLLED))
                                    .switchIfEmpty(Mono.defer(() -> seating.enroll(training, request.sessionId(), userId,
                                            caller.userId(), false, now).map(Result::of)));
                        }).collectList())))
                .map(ParticipantService::outcome)
                .as(transactions::transactional);
    }

    Mono<Void> remove(Caller caller, UUID trainingId, UUID userId) {
        caller.requireAny(Permission.TRAININGS_ENROLL_USERS, Permission.TRAININGS_VIEW_USERS_AND_ENROLL);
        Instant now = clock.instant();
        return training(caller, trainingId)
                .flatMap(training -> open(trainingId, userId)
                        .flatMap(enrollment -> seating.leave(training, enrollment, EnrollmentStatus.REMOVED, null,
                                caller.userId(), now)))
                .as(transactions::transactional);
    }

    /** Puts a participant in a session (the way sessions are set when they are preset by an administrator). */
    Mono<ParticipantResponse> assignSession(Caller caller, UUID trainingId, UUID userId, UUID sessionId) {
        caller.requireAny(Permission.TRAININGS_ENROLL_USERS, Permission.TRAININGS_VIEW_USERS_AND_ENROLL);
        Instant now = clock.instant();
        return training(caller, trainingId)
                .flatMap(training -> open(trainingId, userId).flatMap(enrollment -> {
                    if (sessionId.equals(enrollment.sessionId())) {
                        return Mono.just(enrollment);
                    }
                    boolean mayWait = enrollment.status() != EnrollmentStatus.ENROLLED || enrollment.sessionId() == null;
                    return seating.move(training, enrollment, sessionId, mayWait, caller.userId(), false, now);
                }))
                .as(transactions::transactional)
                .then(participant(caller, trainingId, userId));
    }

    Mono<ParticipantResponse> markAttendance(Caller caller, UUID trainingId, UUID userId, Attendance attendance) {
        caller.require(Permission.TRAININGS_MANAGE);
        Instant now = clock.instant();
        return training(caller, trainingId)
                .flatMap(training -> open(trainingId, userId).flatMap(enrollment -> {
                    if (enrollment.status() != EnrollmentStatus.ENROLLED || enrollment.sessionId() == null) {
                        return Mono.error(ProblemException.conflict("not-seated",
                                "Attendance is marked for participants with a seat in a session"));
                    }
                    return trainings.sessions(trainingId)
                            .filter(session -> session.id().equals(enrollment.sessionId()))
                            .next()
                            .filter(session -> session.hasStarted(now))
                            .switchIfEmpty(Mono.error(() -> ProblemException.conflict("session-not-started",
                                    "Attendance can be marked once the session has started")))
                            .then(enrollments.markAttendance(enrollment.id(), attendance, now));
                }))
                .as(transactions::transactional)
                .then(participant(caller, trainingId, userId));
    }

    /** The participants of a training (open enrollments by default), optionally of one session, in line order. */
    Mono<Page<ParticipantResponse>> list(Caller caller, UUID trainingId, UUID sessionId, List<EnrollmentStatus> statuses,
            int page, int size) {
        caller.requireAny(Permission.TRAININGS_MANAGE, Permission.TRAININGS_VIEW_USERS_AND_ENROLL);
        Page.check(page, size);
        List<EnrollmentStatus> wanted = statuses == null || statuses.isEmpty()
                ? List.of(EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED) : statuses;
        String filter = """
                FROM enrollment e LEFT JOIN person p ON p.id = e.user_id
                WHERE e.training_id = :training AND e.status = ANY(:statuses)
                  AND (CAST(:session AS uuid) IS NULL OR e.session_id = :session)""";
        return training(caller, trainingId).flatMap(training -> Mono.zip(
                database.sql(SELECT + filter + """
                                 ORDER BY e.session_id NULLS FIRST, (e.status = 'WAITLISTED'), e.waitlisted_at,
                                          p.last_name, p.first_name, e.id
                                LIMIT :limit OFFSET :offset""")
                        .bind("training", trainingId)
                        .bind("statuses", wanted.stream().map(Enum::name).toArray(String[]::new))
                        .bind("session", Parameter.fromOrEmpty(sessionId, UUID.class))
                        .bind("limit", size)
                        .bind("offset", (long) page * size)
                        .map(ParticipantService::participant)
                        .all()
                        .collectList(),
                database.sql("SELECT count(*) " + filter)
                        .bind("training", trainingId)
                        .bind("statuses", wanted.stream().map(Enum::name).toArray(String[]::new))
                        .bind("session", Parameter.fromOrEmpty(sessionId, UUID.class))
                        .map(row -> row.get(0, Long.class))
                        .one()))
                .map(loaded -> Page.of(loaded.getT1(), page, size, loaded.getT2()));
    }

    /** The participant's open enrollment as it is now (after the change that asked for it). */
    private Mono<ParticipantResponse> participant(Caller caller, UUID trainingId, UUID userId) {
        return Mono.defer(() -> database.sql(SELECT + """
                         FROM enrollment e LEFT JOIN person p ON p.id = e.user_id
                        WHERE e.training_id = :training AND e.user_id = :user AND e.status IN ('ENROLLED', 'WAITLISTED')
                          AND e.account_id = :account""")
                .bind("training", trainingId)
                .bind("user", userId)
                .bind("account", caller.accountId())
                .map(ParticipantService::participant)
                .one());
    }

    private static ParticipantResponse participant(io.r2dbc.spi.Readable row) {
        Enrollment enrollment = EnrollmentRepository.enrollment(row);
        return new ParticipantResponse(enrollment.id(), enrollment.userId(), row.get("first_name", String.class),
                row.get("last_name", String.class), row.get("email", String.class), row.get("user_status", String.class),
                enrollment.sessionId(), enrollment.status(), row.get("position", Long.class).intValue(),
                enrollment.attendance(), enrollment.enrolledAt(), enrollment.endedAt(), enrollment.endReason());
    }

    private Mono<Training> training(Caller caller, UUID trainingId) {
        return trainings.require(caller.accountId(), trainingId);
    }

    private Mono<Enrollment> open(UUID trainingId, UUID userId) {
        return enrollments.findOpen(trainingId, userId)
                .switchIfEmpty(Mono.error(() -> new ProblemException(HttpStatus.NOT_FOUND, "not-enrolled", "Not found",
                        "User " + userId + " is not a participant of this training")));
    }

    private static BulkEnrollment outcome(List<Result> results) {
        List<UUID> applied = new ArrayList<>();
        List<UUID> waitlisted = new ArrayList<>();
        List<BulkEnrollment.Skipped> skipped = new ArrayList<>();
        for (Result result : results) {
            if (result.skipped() != null) {
                skipped.add(result.skipped());
            }
            else {
                applied.add(result.enrollment().userId());
                if (result.enrollment().waitlisted()) {
                    waitlisted.add(result.enrollment().userId());
                }
            }
        }
        return new BulkEnrollment(applied, waitlisted, skipped);
    }

    private record Result(Enrollment enrollment, BulkEnrollment.Skipped skipped) {

        static Result of(Enrollment enrollment) {
            return new Result(enrollment, null);
        }

        static Result skipped(UUID userId, BulkEnrollment.SkipReason reason) {
            return new Result(null, new BulkEnrollment.Skipped(userId, reason));
        }
    }
}
