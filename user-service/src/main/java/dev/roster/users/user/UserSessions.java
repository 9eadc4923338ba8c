package dev.roster.users.user;

import dev.roster.events.user.UserAccessChanged;
import dev.roster.users.credential.RefreshTokens;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Ends every session of users whose access changed without a change of status (their roles, or a role
 * they hold): their tokens-valid-after moves to now, their refresh tokens are revoked, and their new access
 * state goes out on the access topic, so the gateway refuses their open tokens at once, as after a status or
 * password change. Runs in the caller's transaction.
 */
@Component
public class UserSessions {

    private final DatabaseClient database;
    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final UserEvents events;
    private final Clock clock;

    UserSessions(DatabaseClient database, UserRepository users, RefreshTokens refreshTokens, UserEvents events,
            Clock clock) {
        this.database = database;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.events = events;
        this.clock = clock;
    }

    /** Ends the sessions of these users of {@code accountId}, in three statements whatever their number. */
    public Mono<Void> endAll(UUID accountId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Mono.empty();
        }
        return users.invalidateTokens(accountId, userIds, clock.instant())
                .collectList()
                .flatMap(states -> refreshTokens.revokeAll(states.stream().map(UserAccessChanged::userId).toList())
                        .then(events.access(accountId, states)));
    }

    /** Ends the sessions of every user of {@code accountId} holding {@code roleId}. */
    public Mono<Void> endAllHolding(UUID accountId, UUID roleId) {
        return holders(roleId).flatMap(holders -> endAll(accountId, holders));
    }

    /** The users holding {@code roleId}. */
    public Mono<List<UUID>> holders(UUID roleId) {
        return database.sql("SELECT user_id FROM user_role WHERE role_id = :role")
                .bind("role", roleId)
                .map(row -> row.get("user_id", UUID.class))
                .all()
                .collectList();
    }
}
