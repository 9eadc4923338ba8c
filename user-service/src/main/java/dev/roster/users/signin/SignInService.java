package dev.roster.users.signin;

import dev.roster.events.user.UserStatus;
import dev.roster.platform.problem.ProblemException;
import dev.roster.users.account.AccountRepository;
import dev.roster.users.config.UserServiceProperties;
import dev.roster.users.user.User;
import dev.roster.users.user.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Sign-in, refresh and sign-out. A wrong password and an unknown login get the same answer in the
 * same time; only after a correct password may the answer say that the user is not active. Too many
 * failures in a row lock the login for a while.
 */
@Service
public class SignInService {

    private final AccountRepository accounts;
    private final UserRepository users;
    private final PasswordHasher passwords;
    private final TokenIssuer tokens;
    private final RefreshTokens refreshTokens;
    private final DatabaseClient database;
    private final UserServiceProperties properties;
    private final Clock clock;
    private final TransactionalOperator transactions;

    SignInService(AccountRepository accounts, UserRepository users, PasswordHasher passwords, TokenIssuer tokens,
            RefreshTokens refreshTokens, DatabaseClient database, UserServiceProperties properties, Clock clock,
            TransactionalOperator transactions) {
        this.accounts = accounts;
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.database = database;
        this.properties = properties;
        this.clock = clock;
        this.transactions = transactions;
    }

    public Mono<TokenResponse> signIn(SignInRequest request) {
        return accounts.findBySlug(request.account())
                .flatMap(account -> users.findByLoginOrEmail(account.id(), request.login()))
                .flatMap(user -> check(user, request.password()))
                .switchIfEmpty(Mono.defer(() -> passwords.decoy(request.password()).then(Mono.error(invalidCredentials()))));
    }

    public Mono<TokenResponse> refresh(String refreshToken) {
        return refreshTokens.rotate(refreshToken)
                .switchIfEmpty(Mono.error(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "invalid-refresh-token",
                        "Unauthorized", "The refresh token is unknown, expired, revoked or already used; sign in again")))
                .flatMap(rotation -> database.sql("SELECT account_id FROM app_user WHERE id = :id")
                        .bind("id", rotation.userId())
                        .map(row -> row.get(0, UUID.class)).one()
                        .flatMap(accountId -> users.find(accountId, rotation.userId()))
                        .filter(user -> user.status() == UserStatus.ACTIVE)
                        .switchIfEmpty(Mono.defer(() -> refreshTokens.revokeAll(rotation.userId())
                                .then(Mono.error(inactive(null)))))
                        .flatMap(user -> respond(user, rotation.sessionId(), rotation.token())));
    }

    /** Ends the session of {@code refreshToken}: its refresh tokens, and its access tokens everywhere. */
    public Mono<Void> signOut(String refreshToken) {
        return refreshTokens.revokeFamily(refreshToken).as(transactions::transactional).then();
    }

    private Mono<TokenResponse> check(User user, String password) {
        Instant now = clock.instant();
        if (user.lockedUntil() != null && user.lockedUntil().isAfter(now)) {
            long seconds = Math.max(1, Duration.between(now, user.lockedUntil()).toSeconds());
            return passwords.decoy(password).then(Mono.error(new ProblemException(HttpStatus.TOO_MANY_REQUESTS,
                    "login-locked", "Too many failed sign-ins",
                    "This login is locked after too many failed sign-ins; try again in " + seconds + " s")
                    .with("retryAfterSeconds", seconds)));
        }
        return passwords.matches(password, user.passwordHash()).flatMap(matches -> {
            if (!matches) {
                return recordFailure(user).then(Mono.error(invalidCredentials()));
            }
            if (user.status() != UserStatus.ACTIVE) {
                return Mono.error(inactive(user.status()));
            }
            return database.sql("""
                            UPDATE app_user SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = :now
                            WHERE id = :id
                            """)
                    .bind("now", now).bind("id", user.id()).then()
                    .then(refreshTokens.issue(user.id()))
                    .flatMap(refresh -> respond(user, refresh.sessionId(), refresh.token()));
        });
    }

    private Mono<TokenResponse> respond(User user, UUID sessionId, String refreshToken) {
        return permissions(user.id())
                .flatMap(permissions -> tokens.accessToken(user.id(), user.accountId(), permissions, sessionId))
                .map(access -> new TokenResponse(access, refreshToken, tokens.expiresInSeconds(), "Bearer"));
    }

    TokenIssuer tokens() {
        return tokens;
    }

    /** The union of the permissions of the user's roles. */
    public Mono<List<String>> permissions(UUID userId) {
        return database.sql("""
                        SELECT DISTINCT unnest(r.permissions) AS permission
                        FROM role r JOIN user_role ur ON ur.role_id = r.id
                        WHERE ur.user_id = :user ORDER BY permission
                        """)
                .bind("user", userId)
                .map(row -> row.get("permission", String.class))
                .all()
                .collectList();
    }

    private Mono<Void> recordFailure(User user) {
        return database.sql("""
                        UPDATE app_user SET
                            failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= :max THEN 0 ELSE failed_sign_ins + 1 END,
                            locked_until = CASE WHEN failed_sign_ins + 1 >= :max THEN :lockedUntil ELSE locked_until END
                        WHERE id = :id
                        """)
                .bind("max", properties.maxFailedSignIns())
                .bind("lockedUntil", clock.instant().plus(properties.lockDuration()))
                .bind("id", user.id())
                .then();
    }

    private static ProblemException invalidCredentials() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Unauthorized",
                "The account, login or password is wrong");
    }

    private static ProblemException inactive(UserStatus status) {
        String detail = status == UserStatus.EMPLOYMENT_ENDED ? "Your employment has ended; you can no longer sign in"
                : "Your user is not active; ask your administrator to activate it";
        ProblemException problem = new ProblemException(HttpStatus.FORBIDDEN, "user-not-active", "Sign-in refused", detail);
        return status == null ? problem : problem.with("status", status.name());
    }
}
