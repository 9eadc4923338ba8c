package dev.roster.trainings.enrollment;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** The session an administrator puts a participant in. */
record SessionAssignmentRequest(@NotNull UUID sessionId) {
}
