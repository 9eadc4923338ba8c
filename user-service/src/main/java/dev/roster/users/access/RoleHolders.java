package dev.roster.users.access;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.user.UserAccessChanged;
import dev.roster.events.user.UserStatus;
import dev.roster.platform.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Ends the sessions of everyone holding a role whose permissions or department scope change: their
 * tokens-valid-after moves to now and their access state is announced, so that tokens carrying the old
 * permissions or scope are refused wherever the access state is kept; a refresh gives them a token with the
 * new ones. Run in the caller's transaction, before the change (a deleted role has no holders left).
 */
@Component
class RoleHolders {

    private final DatabaseClient database;
    private final Outbox outbox;
    private final Clock clock;

    RoleHolders(DatabaseClient database, Outbox outbox, Clock clock) {
        this.database = database;
        this.outbox = outbox;
        this.clock = clock;
    }

    Mono<Void> endSessions(UUID accountId, UUID roleId) {
        Instant now = clock.instant();
        return database.sql("""
                        UPDATE app_user u SET tokens_valid_after = :now
                        WHERE u.account_id = :account AND u.id IN (SELECT ur.user_id FROM user_role ur WHERE ur.role_id = :role)
                        RETURNING u.id, u.status
                        """)
                .bind("now", now).bind("account", accountId).bind("role", roleId)
                .map(row -> EventEnvelope.of(accountId, row.get("id", UUID.class),
                        new UserAccessChanged(row.get("id", UUID.class), UserStatus.valueOf(row.get("status", String.class)),
                                now), clock))
                .all()
                .collectList()
                .flatMap(events -> outbox.recordAll(Topics.USER_ACCESS, events));
    }
}
