package dev.roster.users.impact;

import dev.roster.platform.impact.DepartureImpact;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** What would happen if these users (up to 10,000) got {@code status} now, or were deleted. */
record StatusImpactRequest(
        @NotNull ImpactStatus status,
        @NotEmpty @Size(max = DepartureImpact.MOST_USERS) List<@NotNull UUID> userIds) {

    /** A status, or DELETED: the changes whose impact can be previewed. */
    enum ImpactStatus {
        ACTIVE,
        INACTIVE,
        EMPLOYMENT_ENDED,
        DELETED
    }
}
