package dev.roster.trainings.enrollment;

import dev.roster.events.enrollment.EnrollmentDropped;
import dev.roster.trainings.course.Learning;
import dev.roster.trainings.training.TrainingRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
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

    private final TrainingRepository trainings;
    private final Enrollments enrollments;
    private final Seating seating;
    private final Learning learning;
    private final Clock clock;

    Departures(TrainingRepository trainings, Enrollments enrollments, Seating seating, Learning learning, Clock clock) {
        this.trainings = trainings;
        this.enrollments = enrollments;
        this.seating = seating;
        this.learning = learning;
        this.clock = clock;
    }

    public Mono<Void> employmentEnded(UUID accountId, UUID userId) {
        Instant now = clock.instant();
        // read whole first: no cursor may stay open on the transaction's connection while seats change
        return enrollments.upcoming(userId, now).collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(enrollment -> trainings.find(accountId, enrollment.trainingId())
                        .flatMap(training -> seating.leave(training, enrollment, EnrollmentStatus.DROPPED,
                                EnrollmentDropped.EMPLOYMENT_ENDED, null, now)))
                .then(learning.dropUnfinished(userId, EnrollmentDropped.EMPLOYMENT_ENDED));
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
                .then(learning.erase(userId));
    }

    private record Freed(dev.roster.trainings.training.Training training,
            dev.roster.trainings.training.TrainingSession session) {
    }
}
