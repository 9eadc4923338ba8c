package dev.roster.users.user;

import dev.roster.users.account.Account;
import dev.roster.users.audit.AuditLog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Deletes users for good (one or many, set-based): their row and personal data go, every other
 * service erases theirs on {@code UserDeleted}, the gateway forgets them on the access tombstone.
 * The audit keeps that a deletion happened, without personal data. The Account Owner is never deleted.
 */
@Component
public class UserDeletion {

    private final UserRepository users;
    private final UserEvents events;
    private final AuditLog audit;

    UserDeletion(UserRepository users, UserEvents events, AuditLog audit) {
        this.users = users;
        this.events = events;
        this.audit = audit;
    }

    /** Must run in a transaction. */
    public Mono<BulkOutcome> delete(Account account, List<UUID> userIds, UUID actorId, String source) {
        List<UUID> requested = List.copyOf(new LinkedHashSet<>(userIds));
        List<UUID> deletable = requested.stream().filter(id -> !account.isOwner(id)).toList();
        return users.deleteAll(account.id(), deletable)
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new))
                .flatMap(deleted -> events.deleted(account.id(), List.copyOf(deleted), actorId)
                        .then(audit.recordAll(account.id(), deleted, actorId, "user.deleted", source))
                        .thenReturn(outcome(requested, deleted, account.ownerId())));
    }

    /** The outcome of deleting {@code requested} when {@code deleted} of them go: the Account Owner never does. */
    public static BulkOutcome outcome(List<UUID> requested, Set<UUID> deleted, UUID ownerId) {
        List<UUID> applied = new ArrayList<>();
        List<BulkOutcome.Skipped> skipped = new ArrayList<>();
        for (UUID id : requested) {
            if (deleted.contains(id)) {
                applied.add(id);
            }
            else {
                skipped.add(new BulkOutcome.Skipped(id, id.equals(ownerId) ? SkipReason.ACCOUNT_OWNER : SkipReason.NOT_FOUND));
            }
        }
        return new BulkOutcome(applied, skipped);
    }
}
