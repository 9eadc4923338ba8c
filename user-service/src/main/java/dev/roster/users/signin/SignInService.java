package dev.roster.users.signin;

import dev.roster.users.credential.RefreshTokens;
import dev.roster.users.credential.PasswordHasher;
import dev.roster.events.user.UserStatus;
import dev.roster.platform.problem.ProblemException;
import dev.roster.users.account.AccountRepository;
import dev.roster.users.signin.SignInThrottle.Attempt;
import dev.roster.users.user.User;
import dev.roster.users.user.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Sign-in, refresh and sign-out. A wrong password and an unknown login get the same answer in the
 * same time; only after a correct password may the answer say that the user is not active. Failures
 * slow down the next attempts of that login from that address ({@link SignInThrottle}).
 */
@Service
class SignInService {

    private final AccountRepository accounts;
    private final UserRepository users;
    private final PasswordHasher passwords;
    private final TokenIssuer tokens;
    private final RefreshTokens refreshTokens;
    private final DatabaseClient database;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final TransactionalOperator transactions;

    SignInService(AccountRepository accounts, UserRepository users, PasswordHasher passwords, TokenIssuer tokens,
            RefreshTokens refreshTokens, DatabaseClient database, SignInThrottle throttle, Clock clock,
            TransactionalOperator transactions) {
        this.accounts = accounts;
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.database = database;
        this.throttle = throttle;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * Signs in from {@code client} (the caller's address). A known and an unknown login take the same
     * steps, so their answers (401, then 429 with the same {@code Retry-After}) and times are alike.
     */
    public Mono<TokenResponse> signIn(SignInRequest request, String client) {
        return candidate(request, client).flatMap(candidate -> throttle.check(candidate.attempt())
                .onErrorResume(ProblemException.class, throttled -> passwords.decoy(request.password())
                        .then(Mono.error(throttled)))
                .then(Mono.defer(() -> candidate.user() == null
                        ? passwords.decoy(request.password())
                                .then(throttle.failed(candidate.attempt()))
                                .then(Mono.<TokenResponse>error(invalidCredentials()))
                        : check(candidate.user(), request.password(), candidate.attempt()))));
    }

    /** The user the request names, if any, and the (login, address) pair whose failures count. */
    private Mono<Candidate> candidate(SignInRequest request, String client) {
        return accounts.findBySlug(request.account())
                .flatMap(account -> users.findByLoginOrEmail(account.id(), request.login())
                        .map(user -> new Candidate(Attempt.ofUser(user.id(), client, account.id()), user))
                        .defaultIfEmpty(new Candidate(Attempt.ofUnknown(request.account(), request.login(), client,
                                account.id()), null)))
                .defaultIfEmpty(new Candidate(Attempt.ofUnknown(request.account(), request.login(), client, null), null));
    }

    private record Candidate(Attempt attempt, User user) {
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

    private Mono<TokenResponse> check(User user, String password, Attempt attempt) {
        return passwords.matches(password, user.passwordHash()).flatMap(matches -> {
            if (!matches) {
                return throttle.failed(attempt).then(Mono.error(invalidCredentials()));
            }
            if (user.status() != UserStatus.ACTIVE) {
                return throttle.succeeded(attempt).then(Mono.error(inactive(user.status())));
            }
            return throttle.succeeded(attempt)
                    .then(users.signedIn(user.id(), clock.instant()))
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
