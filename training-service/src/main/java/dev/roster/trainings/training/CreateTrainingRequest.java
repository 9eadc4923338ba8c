package dev.roster.trainings.training;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A new training. The session selection defaults to the learner, supervisors are notified by default,
 * the time zone (of its sessions' deadlines and dates) defaults to UTC.
 */
record CreateTrainingRequest(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 10_000) String description,
        @Size(max = 64) String timeZone,
        SessionSelection sessionSelection,
        @Valid RegistrationOffset stopRegistrationBefore,
        @Valid RegistrationOffset stopCancellationBefore,
        Boolean participantListLocked,
        Boolean notifySupervisors,
        Boolean published) {
}
