package dev.roster.trainings.course;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Learners to assign a course or program to. */
record AssignRequest(@NotEmpty @Size(max = 10_000) List<@NotNull UUID> userIds) {
}
