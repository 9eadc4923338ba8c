package dev.roster.trainings.training;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** An instructor-led training as stored; its sessions are {@link TrainingSession}s. */
public record Training(
        UUID id,
        UUID accountId,
        String title,
        String description,
        ZoneId timeZone,
        SessionSelection sessionSelection,
        RegistrationOffset stopRegistrationBefore,
        RegistrationOffset stopCancellationBefore,
        boolean participantListLocked,
        boolean notifySupervisors,
        boolean published,
        Instant createdAt,
        long version) {

    /** Registration for {@code session} closes at this moment (at its start when no restriction is set). */
    public Instant registrationDeadline(TrainingSession session) {
        return stopRegistrationBefore == null ? session.startsAt()
                : stopRegistrationBefore.before(session.startsAt(), timeZone);
    }

    /**
     * Cancelling or switching out of {@code session} is possible until this moment; {@code null} when no
     * "stop cancellations" restriction is set (then only the session's status limits changes).
     */
    public Instant cancellationDeadline(TrainingSession session) {
        return stopCancellationBefore == null ? null : stopCancellationBefore.before(session.startsAt(), timeZone);
    }

    /** Whether learners may enroll into {@code session} at {@code now}: strictly before its registration deadline. */
    public boolean registrationOpen(TrainingSession session, Instant now) {
        return now.isBefore(registrationDeadline(session));
    }
}
