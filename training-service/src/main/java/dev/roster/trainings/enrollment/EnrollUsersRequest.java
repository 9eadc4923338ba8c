package dev.roster.trainings.enrollment;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Users an administrator enrolls, into {@code sessionId} or (null) without a session yet. */
record EnrollUsersRequest(@NotEmpty @Size(max = 1000) List<@NotNull UUID> userIds, UUID sessionId) {
}
