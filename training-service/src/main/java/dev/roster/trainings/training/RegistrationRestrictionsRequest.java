package dev.roster.trainings.training;

import jakarta.validation.Valid;

/** Both registration restrictions of a training; null turns one off. */
record RegistrationRestrictionsRequest(
        @Valid RegistrationOffset stopRegistrationBefore,
        @Valid RegistrationOffset stopCancellationBefore) {
}
