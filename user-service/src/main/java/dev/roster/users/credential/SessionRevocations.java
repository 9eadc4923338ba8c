package dev.roster.users.credential;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.user.SessionRevoked;
import dev.roster.platform.outbox.Outbox;
import dev.roster.platform.scheduling.Rounds;
import dev.roster.users.UserServiceProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Ends sessions everywhere: a revoked session (sign-out, reused refresh token) is recorded with the
 * moment its last access token expires and published on the compacted access topic under
 * {@code session:<sid>}, so the gateway and every service refuse its access tokens at once while the
 * user's other sessions keep working. Every {@code roster.users.session-sweep-interval} the sessions
 * whose tokens have all expired get a tombstone (the topic keeps no key for ever) and are forgotten;
 * the sweep deletes and records in one transaction, so with several replicas each tombstone is written once.
 */
@Component
public class SessionRevocations implements SmartLifecycle {

    /** The JWT validation accepts a token this long past its expiry (clock skew). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(SessionRevocations.class);

    private final DatabaseClient database;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final UserServiceProperties properties;
    private final Clock clock;
    private final Rounds sweeping;

    SessionRevocations(DatabaseClient database, Outbox outbox, TransactionalOperator transactions,
            UserServiceProperties properties, Clock clock) {
        this.database = database;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.sweeping = new Rounds("Sweeping expired session revocations", properties.sessionSweepInterval(),
                properties.sessionSweepInterval(), this::sweep, log);
    }

    /** Records that session {@code sessionId} of {@code userId} ended, in the caller's transaction. */
    Mono<Void> revoked(UUID userId, UUID sessionId) {
        // no access token of the session is issued after this moment, so its last one expires by then
        Instant expiresAt = clock.instant().plus(properties.accessTokenTtl()).plus(CLOCK_SKEW);
        return database.sql("""
                        WITH owner AS (SELECT id, account_id FROM app_user WHERE id = :user),
                             inserted AS (
                                 INSERT INTO revoked_session (session_id, user_id, expires_at)
                                 SELECT :session, id, :expiresAt FROM owner
                                 ON CONFLICT (session_id) DO NOTHING
                                 RETURNING user_id)
                        SELECT owner.account_id FROM inserted JOIN owner ON owner.id = inserted.user_id
                        """)
                .bind("session", sessionId)
                .bind("user", userId)
                .bind("expiresAt", expiresAt)
                .map(row -> row.get("account_id", UUID.class))
                .one()
                .flatMap(accountId -> outbox.record(Topics.USER_ACCESS, EventEnvelope.of(accountId,
                        SessionRevoked.key(sessionId), new SessionRevoked(userId, sessionId, expiresAt), clock)));
    }

    /** Tombstones the sessions whose access tokens have all expired; emits how many. */
    public Mono<Integer> sweep() {
        return database.sql("DELETE FROM revoked_session WHERE expires_at <= :now RETURNING session_id")
                .bind("now", clock.instant())
                .map(row -> SessionRevoked.key(row.get("session_id", UUID.class)))
                .all()
                .collectList()
                .flatMap(keys -> outbox.recordTombstones(Topics.USER_ACCESS, keys).thenReturn(keys.size()))
                .as(transactions::transactional);
    }

    @Override
    public void start() {
        sweeping.start();
    }

    @Override
    public void stop() {
        sweeping.stop();
    }

    @Override
    public boolean isRunning() {
        return sweeping.isRunning();
    }
}
