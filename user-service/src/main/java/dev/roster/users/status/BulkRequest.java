package dev.roster.users.status;

import dev.roster.platform.validation.SaneDate;
import dev.roster.platform.web.StrictBoolean;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One action for many users (up to 10,000), now or scheduled for a date; with {@code dryRun}, what it would do, and
 * nothing done.
 */
public record BulkRequest(
        @NotNull BulkAction action,
        @NotEmpty @Size(max = 10_000) List<@NotNull UUID> userIds,
        @SaneDate LocalDate effectiveDate,
        // true or false only: "yes", 1 or "maybe" read leniently could make a request meant as a trial a real one
        @JsonDeserialize(using = StrictBoolean.class) Boolean dryRun) {

    /** Whether only the outcome is asked for. */
    public boolean onlyTried() {
        return Boolean.TRUE.equals(dryRun);
    }

    /** What a bulk request does. */
    public enum BulkAction {
        ACTIVATE,
        DEACTIVATE,
        END_EMPLOYMENT,
        DELETE,
        CANCEL_SCHEDULED
    }
}
