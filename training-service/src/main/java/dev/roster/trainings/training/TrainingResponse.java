package dev.roster.trainings.training;

import dev.roster.trainings.training.TrainingRepository.Seats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A training with its sessions and derived status, as administrators see it. */
record TrainingResponse(
        UUID id,
        String title,
        String description,
        String timeZone,
        SessionSelection sessionSelection,
        RegistrationOffset stopRegistrationBefore,
        RegistrationOffset stopCancellationBefore,
        boolean participantListLocked,
        boolean notifySupervisors,
        boolean published,
        TrainingStatus status,
        List<SessionResponse> sessions,
        Instant createdAt) {

    public static TrainingResponse from(Training training, List<TrainingSession> sessions, Map<UUID, Seats> seats,
            boolean attendanceMissing, Instant now) {
        return new TrainingResponse(training.id(), training.title(), training.description(), training.timeZone().getId(),
                training.sessionSelection(), training.stopRegistrationBefore(), training.stopCancellationBefore(),
                training.participantListLocked(), training.notifySupervisors(), training.published(),
                TrainingStatus.of(sessions, attendanceMissing, now),
                sessions.stream().map(session -> SessionResponse.from(training, session, seats.get(session.id()), now)).toList(),
                training.createdAt());
    }
}
