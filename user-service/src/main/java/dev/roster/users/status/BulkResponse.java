package dev.roster.users.status;

import dev.roster.users.user.BulkOutcome;
import java.util.List;
import java.util.UUID;

/**
 * The answer to a bulk action: the users it applied to and the ones it skipped with the reason; with {@code dryRun},
 * the users it would apply to and skip, nothing having been done.
 */
record BulkResponse(List<UUID> applied, List<BulkOutcome.Skipped> skipped, boolean dryRun) {

    static BulkResponse of(BulkOutcome outcome, boolean dryRun) {
        return new BulkResponse(outcome.applied(), outcome.skipped(), dryRun);
    }
}
