package dev.roster.trainings.training;

import dev.roster.events.enrollment.SessionSnapshot;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** One date of a training: when, where, how many seats. */
public record TrainingSession(UUID id, UUID trainingId, Instant startsAt, Instant endsAt, String location, int capacity) {

    public boolean hasStarted(Instant now) {
        return !now.isBefore(startsAt);
    }

    public boolean hasEnded(Instant now) {
        return !now.isBefore(endsAt);
    }

    public SessionSnapshot snapshot(ZoneId zone) {
        return new SessionSnapshot(id, startsAt, endsAt, location, zone.getId());
    }
}
