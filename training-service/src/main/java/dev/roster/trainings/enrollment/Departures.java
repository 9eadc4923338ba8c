package dev.roster.trainings.enrollment;

import dev.roster.events.enrollment.EnrollmentDropped;
import dev.roster.trainings.course.AssignmentRepository;
import dev.roster.trainings.training.Training;
import dev.roster.trainings.training.TrainingRepository;
import dev.roster.trainings.training.TrainingSession;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a learner's leaving does to their trainings. When employment ends: upcoming session enrollments
 * (and places on waitlists) are dropped, their seats go to the waitlist, unfinished courses and programs
 * are dropped; attended sessions and completed courses stay. When the user is deleted: every enrollment
 * and assignment is erased, and their seats go to the waitlist. Runs in the transaction of the event
 * that caused it (with the projection's row already updated, so concurrent enrollments wait for it).
 */
@Component
public class Departures {

    private static final Logger log = LoggerFactory.getLogger(Departures.class);

    private final TrainingRepository trainings;
    private final EnrollmentRepository enrollments;
    private final Seating seating;
    private final AssignmentRepository assignments;
    private final EnrollmentEvents events;
    private final Clock clock;

    Departures(TrainingRepository trainings, EnrollmentRepository enrollments, Seating seating,
            AssignmentRepository assignments, EnrollmentEvents events, Clock clock) {
        this.trainings = trainings;
        this.enrollments = enrollments;
        this.seating = seating;
        this.assignments = assignments;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Employment ended for many learners at once, in a handful of statements whatever their number: their
     * upcoming sessions locked (in the order of their ids), their upcoming enrollments dropped in one
     * statement with one outbox statement for the events, the trainings read once, then each session that
     * lost a seat promotes its waitlist; unfinished courses and programs dropped in one statement.
     */
    public Mono<Void> employmentEnded(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        return enrollments.upcomingSessions(userIds, now)
                .flatMap(sessionIds -> trainings.lockSessions(sessionIds))
                .flatMap(locked -> enrollments.endUpcoming(userIds, EnrollmentStatus.DROPPED,
                                EnrollmentDropped.EMPLOYMENT_ENDED, now).collectList()
                        .flatMap(dropped -> dropped.isEmpty() ? Mono.empty() : lockLate(locked, dropped)
                                .flatMap(sessions -> trainings.findAll(dropped.stream().map(Enrollment::trainingId)
                                                .collect(Collectors.toSet()))
                                        .flatMap(byId -> events.droppedAll(byId, dropped, sessions,
                                                        EnrollmentDropped.EMPLOYMENT_ENDED)
                                                .then(promote(byId, dropped, sessions, now))
                                                .doOnSuccess(done -> log.info(
                                                        "Dropped {} enrollments of {} learners whose employment ended",
                                                        dropped.size(), userIds.size()))))))
                .then(assignments.dropUnfinished(userIds, EnrollmentDropped.EMPLOYMENT_ENDED, now));
    }

    /** The sessions locked before, and any an enrollment moved into meanwhile, locked now. */
    private Mono<Map<UUID, TrainingSession>> lockLate(Map<UUID, TrainingSession> locked, List<Enrollment> dropped) {
        Set<UUID> missing = dropped.stream().map(Enrollment::sessionId)
                .filter(id -> id != null && !locked.containsKey(id)).collect(Collectors.toCollection(TreeSet::new));
        return missing.isEmpty() ? Mono.just(locked) : trainings.lockSessions(missing).map(late -> {
            Map<UUID, TrainingSession> all = new HashMap<>(locked);
            all.putAll(late);
            return all;
        });
    }

    /** Each session that lost a seat (in the order of their ids) seats the first in its waitlist. */
    private Mono<Void> promote(Map<UUID, Training> trainings, List<Enrollment> dropped,
            Map<UUID, TrainingSession> sessions, Instant now) {
        return Flux.fromIterable(dropped.stream()
                        .filter(enrollment -> enrollment.status() == EnrollmentStatus.ENROLLED && enrollment.sessionId() != null)
                        .map(Enrollment::sessionId)
                        .collect(Collectors.toCollection(TreeSet::new)))
                .concatMap(sessionId -> {
                    TrainingSession session = sessions.get(sessionId);
                    return seating.promote(trainings.get(session.trainingId()), session, null, now);
                })
                .then();
    }

    public Mono<Void> erased(UUID accountId, UUID userId) {
        Instant now = clock.instant();
        return enrollments.seatsOf(userId).collectList().flatMap(seats -> Flux.fromIterable(seats)
                        .sort(java.util.Comparator.comparing(Enrollment::sessionId))
                        .concatMap(seat -> trainings.find(accountId, seat.trainingId())
                                .flatMap(training -> seating.lock(training, seat.sessionId())
                                        .map(session -> new Freed(training, session))))
                        .collectList())
                .flatMap(freed -> enrollments.eraseUser(userId)
                        .then(Flux.fromIterable(freed)
                                .concatMap(seat -> seating.promote(seat.training(), seat.session(), null, now))
                                .then()))
                .then(assignments.erase(userId));
    }

    private record Freed(Training training, TrainingSession session) {
    }
}
