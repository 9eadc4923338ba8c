package dev.roster.users.user;

import java.util.List;
import java.util.UUID;

/** What a status change did: the users it applied to, and the ones it skipped with the reason. */
public record BulkOutcome(List<UUID> applied, List<Skipped> skipped) {

    /** A user the change was not applied to, and why. */
    public record Skipped(UUID userId, SkipReason reason) {
    }
}
