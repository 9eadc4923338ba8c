package dev.roster.users.audit;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Every change to a user, written in the same transaction as the change: who, when, what, from where. */
@Component
public class AuditLog {

    private final DatabaseClient database;
    private final JsonMapper json;

    AuditLog(DatabaseClient database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    public Mono<Void> record(UUID accountId, UUID userId, UUID actorId, String action, Map<String, ?> details,
            String source) {
        return recordAll(accountId, List.of(userId), actorId, action, List.of(details), source);
    }

    /** The same action by one actor on many users, without details, in one statement. */
    public Mono<Void> recordAll(UUID accountId, java.util.Collection<UUID> userIds, UUID actorId, String action, String source) {
        String[] none = new String[userIds.size()];
        java.util.Arrays.fill(none, "{}");
        return insert(accountId, List.copyOf(userIds), actorId, action, none, source);
    }

    /** The same action by one actor on many users, each with its details, in one statement. */
    public Mono<Void> recordAll(UUID accountId, List<UUID> userIds, UUID actorId, String action,
            List<? extends Map<String, ?>> details, String source) {
        return insert(accountId, userIds, actorId, action,
                details.stream().map(json::writeValueAsString).toArray(String[]::new), source);
    }

    private Mono<Void> insert(UUID accountId, List<UUID> userIds, UUID actorId, String action, String[] details,
            String source) {
        if (userIds.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("""
                        INSERT INTO audit_entry (account_id, user_id, actor_id, action, details, source)
                        SELECT :account, e.user_id, :actor, :action, e.details::jsonb, :source
                        FROM unnest(:users::uuid[], :details::text[]) AS e(user_id, details)
                        """)
                .bind("account", accountId)
                .bind("users", userIds.toArray(UUID[]::new))
                .bind("actor", Parameter.fromOrEmpty(actorId, UUID.class))
                .bind("action", action)
                .bind("details", details)
                .bind("source", Parameter.fromOrEmpty(source, String.class))
                .then();
    }

    public Flux<AuditEntry> forUser(UUID accountId, UUID userId, int limit, long offset) {
        return database.sql("""
                        SELECT id, actor_id, action, details::text AS details, source, occurred_at FROM audit_entry
                        WHERE account_id = :account AND user_id = :user
                        ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset
                        """)
                .bind("account", accountId)
                .bind("user", userId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(row -> new AuditEntry(row.get("id", Long.class), row.get("actor_id", UUID.class),
                        row.get("action", String.class), json.readTree(row.get("details", String.class)),
                        row.get("source", String.class),
                        row.get("occurred_at", java.time.OffsetDateTime.class).toInstant()))
                .all();
    }

    public Mono<Long> count(UUID accountId, UUID userId) {
        return database.sql("SELECT count(*) FROM audit_entry WHERE account_id = :account AND user_id = :user")
                .bind("account", accountId)
                .bind("user", userId)
                .map(row -> row.get(0, Long.class))
                .one();
    }
}
