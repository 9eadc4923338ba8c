package dev.roster.trainings.training;

import dev.roster.trainings.training.TrainingRepository.Seats;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A session as clients see it: dates in UTC and in the training's time zone, seats, and when
 * registration and cancellations close for it.
 */
public record SessionResponse(
        UUID id,
        Instant startsAt,
        Instant endsAt,
        LocalDateTime localStartsAt,
        LocalDateTime localEndsAt,
        String location,
        int capacity,
        int enrolled,
        int waitlisted,
        int seatsLeft,
        Instant registrationDeadline,
        Instant cancellationDeadline,
        boolean registrationOpen) {

    public static SessionResponse from(Training training, TrainingSession session, Seats seats, Instant now) {
        Seats taken = seats == null ? Seats.NONE : seats;
        return new SessionResponse(session.id(), session.startsAt(), session.endsAt(),
                LocalDateTime.ofInstant(session.startsAt(), training.timeZone()),
                LocalDateTime.ofInstant(session.endsAt(), training.timeZone()),
                session.location(), session.capacity(), taken.enrolled(), taken.waitlisted(), taken.left(session),
                training.registrationDeadline(session), training.cancellationDeadline(session),
                training.registrationOpen(session, now));
    }
}
