package dev.roster.trainings.enrollment;

import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.people.People;
import dev.roster.platform.web.Page;
import dev.roster.trainings.training.SessionResponse;
import dev.roster.trainings.training.Training;
import dev.roster.trainings.training.TrainingRepository;
import dev.roster.trainings.training.TrainingRepository.Seats;
import dev.roster.trainings.training.TrainingSession;
import dev.roster.trainings.training.TrainingStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** The learner's side: the catalog, their trainings, and enrolling, switching and unenrolling themselves. */
@Service
class LearnerService {

    /** How long ended enrollments stay in the learner's list. */
    private static final Duration HISTORY = Duration.ofDays(365);

    private final TrainingRepository trainings;
    private final EnrollmentRepository enrollments;
    private final Seating seating;
    private final People people;
    private final TransactionalOperator transactions;
    private final Clock clock;

    LearnerService(TrainingRepository trainings, EnrollmentRepository enrollments, Seating seating, People people,
            TransactionalOperator transactions, Clock clock) {
        this.trainings = trainings;
        this.enrollments = enrollments;
        this.seating = seating;
        this.people = people;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Published trainings with a session still open for registration that the learner is not in yet. */
    Mono<Page<CatalogItem>> catalog(Caller caller, String q, int page, int size) {
        Page.check(page, size);
        Instant now = clock.instant();
        String query = q == null ? "" : q.strip().toLowerCase(java.util.Locale.ROOT);
        return people.isActive(caller.accountId(), caller.userId()).flatMap(active -> !active
                ? Mono.just(Page.<CatalogItem>of(List.of(), page, size, 0))
                : trainings.catalogCandidates(caller.accountId(), now)
                        .filter(training -> training.title().toLowerCase(java.util.Locale.ROOT).contains(query))
                        .concatMap(training -> enrollments.findOpen(training.id(), caller.userId()).hasElement()
                                .filter(enrolled -> !enrolled)
                                .flatMap(ignored -> catalogItem(training, now)))
                        .collectList()
                        .map(items -> Page.slice(items, page, size)));
    }

    private Mono<CatalogItem> catalogItem(Training training, Instant now) {
        return Mono.zip(trainings.sessions(training.id()).collectList(), trainings.seats(training.id()))
                .flatMap(loaded -> {
                    List<SessionResponse> open = loaded.getT1().stream()
                            .filter(session -> training.registrationOpen(session, now))
                            .map(session -> SessionResponse.from(training, session, loaded.getT2().get(session.id()), now))
                            .toList();
                    return open.isEmpty() ? Mono.empty() : Mono.just(new CatalogItem(training.id(), training.title(),
                            training.description(), training.timeZone().getId(), open));
                });
    }

    /** The learner's open enrollments and those ended in the last year, newest first. */
    Mono<Page<MyTrainingResponse>> myTrainings(Caller caller, int page, int size) {
        Page.check(page, size);
        Instant now = clock.instant();
        return people.isActive(caller.accountId(), caller.userId()).flatMap(active -> enrollments
                .ofLearner(caller.accountId(), caller.userId(), now.minus(HISTORY))
                .concatMap(enrollment -> trainings.find(caller.accountId(), enrollment.trainingId())
                        .flatMap(training -> view(training, enrollment, active, now)))
                .collectList()
                .map(items -> Page.slice(items, page, size)));
    }

    /** The learner's current enrollment in one training. */
    Mono<MyTrainingResponse> myTraining(Caller caller, UUID trainingId) {
        Instant now = clock.instant();
        return Mono.zip(visibleTraining(caller, trainingId), people.isActive(caller.accountId(), caller.userId()))
                .flatMap(found -> enrollments.findOpen(trainingId, caller.userId())
                        .switchIfEmpty(Mono.error(LearnerService::notEnrolled))
                        .flatMap(enrollment -> view(found.getT1(), enrollment, found.getT2(), now)));
    }

    Mono<MyTrainingResponse> enroll(Caller caller, UUID trainingId, UUID sessionId) {
        Instant now = clock.instant();
        return visibleTraining(caller, trainingId)
                .flatMap(training -> lockedActive(caller).flatMap(active -> seating.lock(training, sessionId)
                        .flatMap(session -> enrollments.findOpen(trainingId, caller.userId()).map(Optional::of)
                                .defaultIfEmpty(Optional.empty())
                                .flatMap(open -> refuseIf(EnrollmentPolicy.canEnroll(training, session, active,
                                        open.orElse(null), now)))
                                .then(seating.enroll(training, session.id(), caller.userId(), caller.userId(), true, now)))))
                .as(transactions::transactional)
                .then(myTraining(caller, trainingId));
    }

    Mono<MyTrainingResponse> switchSession(Caller caller, UUID trainingId, UUID sessionId) {
        Instant now = clock.instant();
        return visibleTraining(caller, trainingId)
                .flatMap(training -> lockedActive(caller).flatMap(active -> enrollments.findOpen(trainingId, caller.userId())
                        .switchIfEmpty(Mono.error(LearnerService::notEnrolled))
                        .flatMap(enrollment -> trainings.sessions(trainingId).collectList().flatMap(sessions -> {
                            TrainingSession target = find(sessions, sessionId)
                                    .orElseThrow(() -> ProblemException.notFound("Session " + sessionId));
                            TrainingSession current = find(sessions, enrollment.sessionId()).orElse(null);
                            boolean mayWait = enrollment.status() != EnrollmentStatus.ENROLLED || current == null;
                            return refuseIf(EnrollmentPolicy.canSwitch(training, enrollment, current, target, active, now))
                                    .then(seating.move(training, enrollment, target.id(), mayWait, caller.userId(), true, now));
                        }))))
                .as(transactions::transactional)
                .then(myTraining(caller, trainingId));
    }

    /**
     * Unenrolls the learner. After registration has closed for every session, the first call answers
     * {@code re-enrollment-impossible} (409) and nothing changes; with {@code confirmed} it goes through.
     */
    Mono<Void> unenroll(Caller caller, UUID trainingId, boolean confirmed) {
        Instant now = clock.instant();
        return visibleTraining(caller, trainingId)
                .flatMap(training -> lockedActive(caller).flatMap(active -> enrollments.findOpen(trainingId, caller.userId())
                        .switchIfEmpty(Mono.error(LearnerService::notEnrolled))
                        .flatMap(enrollment -> trainings.sessions(trainingId).collectList().flatMap(sessions -> {
                            TrainingSession current = find(sessions, enrollment.sessionId()).orElse(null);
                            Optional<Refusal> refusal = EnrollmentPolicy.canUnenroll(training, enrollment, current, active, now);
                            if (refusal.isEmpty() && !confirmed && !enrollment.waitlisted()
                                    && EnrollmentPolicy.reEnrollmentImpossible(training, sessions, now)) {
                                return Mono.error(new ProblemException(org.springframework.http.HttpStatus.CONFLICT,
                                        "re-enrollment-impossible", "Confirmation needed",
                                        "Registration for this training has closed: once you unenroll you cannot enroll "
                                                + "again. Repeat the request with ?confirm=true to unenroll anyway.")
                                        .with("confirmWith", "confirm=true"));
                            }
                            return refuseIf(refusal).then(seating.leave(training, enrollment, EnrollmentStatus.UNENROLLED,
                                    null, caller.userId(), now));
                        }))))
                .as(transactions::transactional);
    }

    private Mono<MyTrainingResponse> view(Training training, Enrollment enrollment, boolean active, Instant now) {
        return Mono.zip(trainings.sessions(training.id()).collectList(), trainings.seats(training.id()),
                enrollments.position(enrollment)).map(loaded -> {
                    List<TrainingSession> sessions = loaded.getT1();
                    Map<UUID, Seats> seats = loaded.getT2();
                    TrainingSession current = find(sessions, enrollment.sessionId()).orElse(null);
                    Set<LearnerAction> allowed = EnumSet.noneOf(LearnerAction.class);
                    List<EnrollmentWarning> warnings = new ArrayList<>();
                    List<SessionResponse> available = List.of();
                    if (enrollment.status().isOpen()) {
                        allowed = EnrollmentPolicy.allowedActions(training, sessions, enrollment, current, active, now);
                        warnings = EnrollmentPolicy.warnings(training, sessions, enrollment, allowed, now);
                        available = sessions.stream()
                                .filter(target -> EnrollmentPolicy.canSwitch(training, enrollment, current, target, active, now)
                                        .isEmpty())
                                .map(target -> SessionResponse.from(training, target, seats.get(target.id()), now))
                                .toList();
                    }
                    return new MyTrainingResponse(enrollment.id(), training.id(), training.title(), training.timeZone(),
                            training.sessionSelection(), training.participantListLocked(), training.notifySupervisors(),
                            enrollment.sessionId(),
                            current == null ? null : SessionResponse.from(training, current, seats.get(current.id()), now),
                            enrollment.status(), loaded.getT3(),
                            TrainingStatus.of(current, enrollment.attendance() != null, now), enrollment.attendance(),
                            allowed, warnings, available, enrollment.enrolledAt(), enrollment.endedAt(), enrollment.endReason());
                });
    }

    /** A training the learner may see: in their account and published. */
    private Mono<Training> visibleTraining(Caller caller, UUID trainingId) {
        return trainings.find(caller.accountId(), trainingId)
                .filter(Training::published)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Training " + trainingId)));
    }

    /** Whether the caller is active, with their projection row share-locked for the transaction. */
    private Mono<Boolean> lockedActive(Caller caller) {
        return people.lockActive(caller.accountId(), List.of(caller.userId())).hasElements();
    }

    private static Mono<Void> refuseIf(Optional<Refusal> refusal) {
        return refusal.map(reason -> Mono.<Void>error(reason.toProblem())).orElse(Mono.empty());
    }

    private static Optional<TrainingSession> find(List<TrainingSession> sessions, UUID sessionId) {
        return sessionId == null ? Optional.empty()
                : sessions.stream().filter(session -> session.id().equals(sessionId)).findFirst();
    }

    private static ProblemException notEnrolled() {
        return new ProblemException(org.springframework.http.HttpStatus.NOT_FOUND, "not-enrolled", "Not found",
                "You are not enrolled in this training");
    }
}
