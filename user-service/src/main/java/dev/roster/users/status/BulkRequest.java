package dev.roster.users.status;

import dev.roster.platform.validation.SaneDate;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One action for many users (up to 10,000), now or scheduled for a date. */
public record BulkRequest(
        @NotNull BulkAction action,
        @NotEmpty @Size(max = 10_000) List<@NotNull UUID> userIds,
        @SaneDate LocalDate effectiveDate) {

    /** What a bulk request does. */
    public enum BulkAction {
        ACTIVATE,
        DEACTIVATE,
        END_EMPLOYMENT,
        DELETE,
        CANCEL_SCHEDULED
    }
}
