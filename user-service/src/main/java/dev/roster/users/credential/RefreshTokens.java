package dev.roster.users.credential;

import dev.roster.users.UserServiceProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Rotating refresh tokens. Each use replaces the token with a new one of the same family; a token
 * used a second time means it was stolen (or leaked), so the whole family is revoked. Only a
 * SHA-256 of each token is stored. A family is a session: its id is the {@code sid} of the access
 * tokens issued with it, and revoking the family ends the session's access tokens too
 * ({@link SessionRevocations}).
 */
@Component
public class RefreshTokens {

    private final DatabaseClient database;
    private final UserServiceProperties properties;
    private final Clock clock;
    private final SessionRevocations sessions;
    private final TransactionalOperator transactions;

    RefreshTokens(DatabaseClient database, UserServiceProperties properties, Clock clock, SessionRevocations sessions,
            TransactionalOperator transactions) {
        this.database = database;
        this.properties = properties;
        this.clock = clock;
        this.sessions = sessions;
        this.transactions = transactions;
    }

    /** A new token of a new family: a new session. */
    public Mono<Issued> issue(UUID userId) {
        UUID session = UUID.randomUUID();
        return issue(userId, session).map(token -> new Issued(session, token));
    }

    /**
     * Exchanges {@code token} for a new one. Emits the user it belongs to, its session and the new token,
     * or nothing when the token is unknown, expired, revoked, or already used (then its family is revoked,
     * and with it the session's access tokens, in a transaction of its own: the caller answers with an error).
     */
    public Mono<Rotation> rotate(String token) {
        Instant now = clock.instant();
        return database.sql("""
                        UPDATE refresh_token SET rotated_at = :now
                        WHERE token_hash = :hash AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > :now
                        RETURNING user_id, family_id
                        """)
                .bind("now", now)
                .bind("hash", SecretTokens.hash(token))
                .map(row -> new Stored(row.get("user_id", UUID.class), row.get("family_id", UUID.class)))
                .one()
                .flatMap(stored -> issue(stored.userId(), stored.familyId())
                        .map(next -> new Rotation(stored.userId(), stored.familyId(), next)))
                .switchIfEmpty(Mono.defer(() -> revokeFamilyOfReused(token).as(transactions::transactional))
                        .then(Mono.empty()));
    }

    /**
     * Revokes the family of {@code token} (sign-out) and ends the session's access tokens, in the
     * caller's transaction; emits the user it belonged to, or nothing when it was revoked already.
     */
    public Mono<UUID> revokeFamily(String token) {
        return database.sql("""
                        UPDATE refresh_token SET revoked_at = :now
                        WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = :hash)
                          AND revoked_at IS NULL
                        RETURNING user_id, family_id
                        """)
                .bind("now", clock.instant())
                .bind("hash", SecretTokens.hash(token))
                .map(row -> new Stored(row.get("user_id", UUID.class), row.get("family_id", UUID.class)))
                .all()
                .collectList()
                .flatMap(revoked -> revoked.isEmpty() ? Mono.empty()
                        : sessions.revoked(revoked.get(0).userId(), revoked.get(0).familyId()).thenReturn(revoked.get(0).userId()));
    }

    /**
     * How many live sessions each of these users has: families whose latest token is neither rotated, revoked nor
     * expired (what a deactivation would end). Users without any are left out.
     */
    public Mono<java.util.Map<UUID, Long>> liveSessions(Collection<UUID> userIds) {
        return database.sql("""
                        SELECT user_id, count(DISTINCT family_id) AS sessions FROM refresh_token
                        WHERE user_id = ANY(:users) AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > :now
                        GROUP BY user_id""")
                .bind("users", userIds.toArray(UUID[]::new))
                .bind("now", clock.instant())
                .map(row -> java.util.Map.entry(row.get("user_id", UUID.class), row.get("sessions", Long.class)))
                .all()
                .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
    }

    /** Revokes every refresh token of a user (deactivated, password changed). */
    public Mono<Void> revokeAll(UUID userId) {
        return revokeAll(List.of(userId));
    }

    /** Revokes every refresh token of these users (deactivated, roles changed), in one statement. */
    public Mono<Void> revokeAll(Collection<UUID> userIds) {
        return userIds.isEmpty() ? Mono.empty()
                : database.sql("UPDATE refresh_token SET revoked_at = :now WHERE user_id = ANY(:users) AND revoked_at IS NULL")
                        .bind("now", clock.instant())
                        .bind("users", userIds.toArray(UUID[]::new))
                        .then();
    }

    private Mono<Void> revokeFamilyOfReused(String token) {
        return database.sql("""
                        UPDATE refresh_token SET revoked_at = :now
                        WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = :hash AND rotated_at IS NOT NULL)
                          AND revoked_at IS NULL
                        RETURNING user_id, family_id
                        """)
                .bind("now", clock.instant())
                .bind("hash", SecretTokens.hash(token))
                .map(row -> new Stored(row.get("user_id", UUID.class), row.get("family_id", UUID.class)))
                .all()
                .collectList()
                .flatMap(revoked -> revoked.isEmpty() ? Mono.empty()
                        : sessions.revoked(revoked.get(0).userId(), revoked.get(0).familyId()));
    }

    private Mono<String> issue(UUID userId, UUID familyId) {
        String token = SecretTokens.generate();
        return database.sql("""
                        INSERT INTO refresh_token (id, family_id, user_id, token_hash, expires_at)
                        VALUES (:id, :family, :user, :hash, :expiresAt)
                        """)
                .bind("id", UUID.randomUUID())
                .bind("family", familyId)
                .bind("user", userId)
                .bind("hash", SecretTokens.hash(token))
                .bind("expiresAt", clock.instant().plus(properties.refreshTokenTtl()))
                .then()
                .thenReturn(token);
    }

    /** A new refresh token and its session (family). */
    public record Issued(UUID sessionId, String token) {
    }

    /** The outcome of a rotation: whose token it was, its session and its replacement. */
    public record Rotation(UUID userId, UUID sessionId, String token) {
    }

    private record Stored(UUID userId, UUID familyId) {
    }
}
