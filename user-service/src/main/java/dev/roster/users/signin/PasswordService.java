package dev.roster.users.signin;

import dev.roster.users.credential.SecretTokens;
import dev.roster.users.credential.RefreshTokens;
import dev.roster.users.credential.PasswordHasher;
import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.user.PasswordChanged;
import dev.roster.events.user.UserInvited;
import dev.roster.platform.outbox.Outbox;
import dev.roster.platform.problem.ProblemException;
import dev.roster.users.access.AccessScopes;
import dev.roster.users.access.GrantPolicy;
import dev.roster.users.access.Grants;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.users.audit.AuditLog;
import dev.roster.users.signin.SignInThrottle.Attempt;
import dev.roster.users.user.User;
import dev.roster.users.user.UserEvents;
import dev.roster.users.user.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Passwords: changed by the user (with the current one), set by an administrator, or set through a
 * one-time invitation. Every change signs the user out everywhere else: refresh tokens are revoked
 * and access tokens issued before it are refused by the gateway.
 */
@Service
public class PasswordService {

    static final Duration INVITATION_TTL = Duration.ofDays(7);

    private final UserRepository users;
    private final UserEvents events;
    private final AuditLog audit;
    private final AccessScopes scopes;
    private final Grants grants;
    private final PasswordHasher passwords;
    private final RefreshTokens refreshTokens;
    private final SignInService signIn;
    private final SignInThrottle throttle;
    private final Outbox outbox;
    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final Clock clock;

    PasswordService(UserRepository users, UserEvents events, AuditLog audit, AccessScopes scopes, Grants grants,
            PasswordHasher passwords, RefreshTokens refreshTokens, SignInService signIn, SignInThrottle throttle,
            Outbox outbox, DatabaseClient database,
            TransactionalOperator transactions, Clock clock) {
        this.users = users;
        this.events = events;
        this.audit = audit;
        this.scopes = scopes;
        this.grants = grants;
        this.passwords = passwords;
        this.refreshTokens = refreshTokens;
        this.signIn = signIn;
        this.throttle = throttle;
        this.outbox = outbox;
        this.database = database;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The caller changes their own password from {@code client}; answers with a fresh session, every other
     * one is ended. A wrong current password counts like a failed sign-in of that user from that address.
     */
    public Mono<TokenResponse> changeOwn(Caller caller, String currentPassword, String newPassword, String client,
            String source) {
        Attempt attempt = Attempt.ofUser(caller.userId(), client, caller.accountId());
        return users.find(caller.accountId(), caller.userId())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("User " + caller.userId())))
                .flatMap(user -> throttle.check(attempt)
                        .then(passwords.matches(currentPassword, user.passwordHash()))
                        .flatMap(matches -> matches
                                ? throttle.succeeded(attempt).then(passwords.hash(newPassword))
                                : throttle.failed(attempt).then(Mono.error(new ProblemException(HttpStatus.BAD_REQUEST,
                                        "wrong-current-password", "Bad request", "The current password is wrong")
                                        .with("field", "currentPassword")))))
                .flatMap(hash -> apply(caller.accountId(), caller.userId(), hash, caller.userId(), source)
                        .as(transactions::transactional))
                .flatMap(user -> refreshTokens.issue(user.id())
                        .flatMap(refresh -> signIn.permissions(user.id())
                                .flatMap(permissions -> signIn.tokens().accessToken(user.id(), user.accountId(), permissions,
                                        refresh.sessionId()))
                                .map(access -> new TokenResponse(access, refresh.token(), signIn.tokens().expiresInSeconds(),
                                        "Bearer"))));
    }

    /** An administrator sets a user's password. */
    public Mono<Void> setByAdministrator(Caller caller, UUID userId, String newPassword, String source) {
        caller.require(Permission.USERS_MANAGE);
        return scopes.requireUserInScope(caller, Permission.USERS_MANAGE, userId)
                .then(mayChangeCredentials(caller, userId))
                .then(passwords.hash(newPassword))
                .flatMap(hash -> apply(caller.accountId(), userId, hash, caller.userId(), source).as(transactions::transactional))
                .then();
    }

    /** Creates a one-time invitation; the notification service mails its link. Earlier invitations stop working. */
    public Mono<Instant> invite(Caller caller, UUID userId, String source) {
        caller.require(Permission.USERS_MANAGE);
        String token = SecretTokens.generate();
        Instant expiresAt = clock.instant().plus(INVITATION_TTL);
        return scopes.requireUserInScope(caller, Permission.USERS_MANAGE, userId)
                .then(mayChangeCredentials(caller, userId))
                .then(database.sql("UPDATE invitation SET used_at = :now WHERE user_id = :user AND used_at IS NULL")
                        .bind("now", clock.instant()).bind("user", userId).then())
                .then(database.sql("""
                                INSERT INTO invitation (id, user_id, token_hash, expires_at)
                                VALUES (:id, :user, :hash, :expiresAt)
                                """)
                        .bind("id", UUID.randomUUID()).bind("user", userId).bind("hash", SecretTokens.hash(token))
                        .bind("expiresAt", expiresAt).then())
                .then(audit.record(caller.accountId(), userId, caller.userId(), "user.invited",
                        Map.of("expiresAt", expiresAt.toString()), source))
                .then(outbox.record(Topics.USERS, EventEnvelope.of(caller.accountId(), userId,
                        new UserInvited(userId, token, expiresAt, caller.userId()), clock)))
                .as(transactions::transactional)
                .thenReturn(expiresAt);
    }

    /**
     * Whether the caller may set the password of {@code userId} or invite them to set one ({@link GrantPolicy}:
     * the Account Owner's only they; nobody a user holding permissions the caller lacks); 404 for no such user.
     */
    private Mono<Void> mayChangeCredentials(Caller caller, UUID userId) {
        return grants.holder(caller.accountId(), userId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("User " + userId)))
                .zipWith(grants.grantor(caller.accountId(), caller.userId()))
                .flatMap(facts -> Grants.require(GrantPolicy.changeCredentials(facts.getT2(), facts.getT1())));
    }

    /** Sets a password with an invitation token: once, before it expires. */
    public Mono<Void> acceptInvitation(String token, String newPassword) {
        return passwords.hash(newPassword)
                .flatMap(hash -> database.sql("""
                                UPDATE invitation SET used_at = :now
                                WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now
                                RETURNING user_id
                                """)
                        .bind("now", clock.instant()).bind("hash", SecretTokens.hash(token))
                        .map(row -> row.get("user_id", UUID.class)).one()
                        .switchIfEmpty(Mono.error(() -> new ProblemException(HttpStatus.BAD_REQUEST, "invalid-invitation",
                                "Bad request", "The invitation is unknown, used or expired; ask for a new one")))
                        .flatMap(userId -> database.sql("SELECT account_id FROM app_user WHERE id = :id").bind("id", userId)
                                .map(row -> row.get(0, UUID.class)).one()
                                .flatMap(accountId -> apply(accountId, userId, hash, userId, "invitation")))
                        .as(transactions::transactional))
                .then();
    }

    /**
     * Replaces a user's password with one already hashed in the delegating format (an imported row), in
     * the caller's transaction; like every password change it signs the user out everywhere.
     */
    public Mono<User> setHashed(UUID accountId, UUID userId, String hash, UUID actorId, String source) {
        return apply(accountId, userId, hash, actorId, source);
    }

    private Mono<User> apply(UUID accountId, UUID userId, String hash, UUID actorId, String source) {
        return users.setPassword(accountId, userId, hash, clock.instant())
                .then(refreshTokens.revokeAll(userId))
                .then(audit.record(accountId, userId, actorId, "user.password-changed", Map.of(), source))
                .then(outbox.record(Topics.USERS, EventEnvelope.of(accountId, userId, new PasswordChanged(userId, actorId), clock)))
                .then(users.find(accountId, userId))
                .flatMap(user -> events.access(user).thenReturn(user));
    }
}
