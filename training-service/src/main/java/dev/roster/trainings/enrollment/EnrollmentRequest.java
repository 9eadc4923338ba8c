package dev.roster.trainings.enrollment;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The session a learner enrolls into or switches to. */
record EnrollmentRequest(@NotNull UUID sessionId) {
}
