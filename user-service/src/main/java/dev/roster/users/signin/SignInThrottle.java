package dev.roster.users.signin;

import dev.roster.platform.problem.ProblemException;
import dev.roster.users.audit.AuditLog;
import dev.roster.users.signin.SignInThrottlePolicy.Streak;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the failed password checks of every (login, client address) pair in the database, so that all
 * replicas slow the same pairs down ({@link SignInThrottlePolicy} decides), and raises the account-wide
 * alarm for password spraying: a metric and an entry in the Account Owner's audit.
 * The one class that writes {@code sign_in_failure} and {@code sign_in_alarm}.
 */
@Component
@EnableConfigurationProperties(SignInThrottleProperties.class)
class SignInThrottle {

    private final DatabaseClient database;
    private final AuditLog audit;
    private final SignInThrottlePolicy policy;
    private final Clock clock;
    private final Counter failures;
    private final Counter throttled;
    private final Counter spraying;

    SignInThrottle(DatabaseClient database, AuditLog audit, SignInThrottleProperties properties, Clock clock,
            MeterRegistry meters) {
        this.database = database;
        this.audit = audit;
        this.policy = properties.policy();
        this.clock = clock;
        this.failures = Counter.builder("roster.users.sign-in.failures")
                .description("Wrong passwords, unknown logins and wrong current passwords").register(meters);
        this.throttled = Counter.builder("roster.users.sign-in.throttled")
                .description("Password checks refused because the login was slowed down for that address").register(meters);
        this.spraying = Counter.builder("roster.users.sign-in.spraying")
                .description("Alarms: failures across many logins of one account within the window").register(meters);
    }

    /**
     * Who is guessing which login: {@code subject} names the login (a user's id, or the account slug and
     * the login as typed when there is no such user), {@code client} the address, {@code accountId} the
     * account when it exists.
     */
    public record Attempt(String subject, String client, UUID accountId) {

        public static Attempt ofUser(UUID userId, String client, UUID accountId) {
            return new Attempt("user:" + userId, client, accountId);
        }

        /** A login that names no user (or an account that does not exist): throttled just the same. */
        public static Attempt ofUnknown(String accountSlug, String login, String client, UUID accountId) {
            return new Attempt("login:" + accountSlug.toLowerCase(Locale.ROOT) + "/" + login.toLowerCase(Locale.ROOT), client,
                    accountId);
        }
    }

    /** Fails with 429 {@code sign-in-throttled} (with {@code Retry-After}) while the pair must wait. */
    public Mono<Void> check(Attempt attempt) {
        Instant now = clock.instant();
        return database.sql("SELECT failures, last_failure_at FROM sign_in_failure WHERE subject = :subject AND client = :client")
                .bind("subject", attempt.subject()).bind("client", attempt.client())
                .map(row -> new Streak(row.get("failures", Integer.class), row.get("last_failure_at", OffsetDateTime.class).toInstant()))
                .one()
                .map(streak -> policy.waitBeforeCheck(streak, now))
                .filter(Duration::isPositive)
                .flatMap(wait -> {
                    throttled.increment();
                    long seconds = SignInThrottlePolicy.retryAfterSeconds(wait);
                    return Mono.error(new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "sign-in-throttled",
                            "Too many failed attempts",
                            "Too many failed attempts from this address; try again in " + seconds + " s")
                            .with("retryAfterSeconds", seconds));
                });
    }

    /** Counts a failure of the pair; may raise the account's spraying alarm. */
    public Mono<Void> failed(Attempt attempt) {
        // as precise as the database keeps it, so that a wait computed later never starts early or late
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        failures.increment();
        return database.sql("""
                        INSERT INTO sign_in_failure AS f (subject, client, account_id, failures, last_failure_at)
                        VALUES (:subject, :client, :account, 1, :now)
                        ON CONFLICT (subject, client) DO UPDATE SET
                            failures = CASE WHEN f.last_failure_at <= :forgottenBefore THEN 1 ELSE f.failures + 1 END,
                            last_failure_at = :now
                        """)
                .bind("subject", attempt.subject()).bind("client", attempt.client())
                .bind("account", Parameter.fromOrEmpty(attempt.accountId(), UUID.class))
                .bind("now", now).bind("forgottenBefore", policy.forgottenBefore(now))
                .then()
                .then(database.sql("DELETE FROM sign_in_failure WHERE last_failure_at <= :forgottenBefore")
                        .bind("forgottenBefore", policy.forgottenBefore(now)).then())
                .then(attempt.accountId() == null ? Mono.empty() : alarmIfSpraying(attempt, now));
    }

    /** A correct password ends the pair's streak. */
    public Mono<Void> succeeded(Attempt attempt) {
        return database.sql("DELETE FROM sign_in_failure WHERE subject = :subject AND client = :client")
                .bind("subject", attempt.subject()).bind("client", attempt.client())
                .then();
    }

    private Mono<Void> alarmIfSpraying(Attempt attempt, Instant now) {
        Instant windowStart = now.minus(policy.sprayWindow());
        return database.sql("""
                        SELECT count(DISTINCT subject) FROM sign_in_failure
                        WHERE account_id = :account AND last_failure_at > :since
                        """)
                .bind("account", attempt.accountId()).bind("since", windowStart)
                .map(row -> row.get(0, Long.class)).one()
                .filter(policy::isSpraying)
                // once per window and account, whichever replica sees it first
                .flatMap(logins -> database.sql("""
                                INSERT INTO sign_in_alarm AS a (account_id, raised_at) VALUES (:account, :now)
                                ON CONFLICT (account_id) DO UPDATE SET raised_at = :now WHERE a.raised_at <= :since
                                RETURNING account_id
                                """)
                        .bind("account", attempt.accountId()).bind("now", now).bind("since", windowStart)
                        .map(row -> logins).one())
                .doOnNext(logins -> spraying.increment())
                .flatMap(logins -> database.sql("SELECT owner_id FROM account WHERE id = :account")
                        .bind("account", attempt.accountId())
                        .map(row -> row.get(0, UUID.class)).one()
                        .flatMap(ownerId -> audit.record(attempt.accountId(), ownerId, null, "account.sign-in-spraying",
                                Map.of("failingLogins", logins, "window", policy.sprayWindow().toString()),
                                "api " + attempt.client())));
    }
}
