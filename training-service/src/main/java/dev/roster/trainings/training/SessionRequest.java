package dev.roster.trainings.training;

import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.validation.SaneDate;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** A session's dates (ISO-8601 instants, 1900 to 9999), place and seats. All are required to create one; to change one, send what changes. */
public record SessionRequest(
        @SaneDate Instant startsAt,
        @SaneDate Instant endsAt,
        @Size(max = 500) String location,
        @Min(1) @Max(100_000) Integer capacity) {

    /** A new session of {@code trainingId}; 400 unless dates and seats are all given and it ends after it starts. */
    TrainingSession newSession(UUID trainingId) {
        if (startsAt == null || endsAt == null || capacity == null) {
            throw ProblemException.badRequest("invalid-session", "startsAt, endsAt and capacity are required")
                    .with("fields", List.of("startsAt", "endsAt", "capacity"));
        }
        return checked(new TrainingSession(UUID.randomUUID(), trainingId, stored(startsAt), stored(endsAt), location, capacity));
    }

    /** {@code current} with what this request changes; 400 unless it still ends after it starts. */
    public TrainingSession applyTo(TrainingSession current) {
        return checked(new TrainingSession(current.id(), current.trainingId(),
                startsAt == null ? current.startsAt() : stored(startsAt),
                endsAt == null ? current.endsAt() : stored(endsAt),
                location == null ? current.location() : location,
                capacity == null ? current.capacity() : capacity));
    }

    private static TrainingSession checked(TrainingSession session) {
        if (!session.endsAt().isAfter(session.startsAt())) {
            throw ProblemException.badRequest("invalid-session", "A session must end after it starts")
                    .with("field", "endsAt");
        }
        return session;
    }

    /** PostgreSQL keeps microseconds: what is answered is what is stored. */
    private static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
