package dev.roster.users.status;

import dev.roster.events.user.UserStatus;
import dev.roster.platform.scheduling.Rounds;
import dev.roster.users.UserServiceProperties;
import dev.roster.users.account.AccountRepository;
import dev.roster.users.user.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies scheduled status changes once they are due (23:59 of their date, account time). Runs at
 * start, so a change that fell due while the service was down is applied then, and every
 * {@code roster.users.scheduler-interval} after. Each due user is claimed with
 * {@code FOR UPDATE SKIP LOCKED} inside its account's transaction, so with several replicas running
 * every change is applied exactly once.
 */
@Component
class ScheduledStatusChanges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduledStatusChanges.class);

    private final DatabaseClient database;
    private final AccountRepository accounts;
    private final UserRepository users;
    private final StatusWriter changes;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final Rounds rounds;
    private final int batch;

    ScheduledStatusChanges(DatabaseClient database, AccountRepository accounts, UserRepository users, StatusWriter changes,
            TransactionalOperator transactions, Clock clock,
            UserServiceProperties properties) {
        this.database = database;
        this.accounts = accounts;
        this.users = users;
        this.changes = changes;
        this.transactions = transactions;
        this.clock = clock;
        this.batch = properties.schedulerBatch();
        this.rounds = new Rounds("Applying scheduled status changes", Duration.ZERO, properties.schedulerInterval(),
                () -> applyDue().doOnNext(count -> {
                    if (count > 0) {
                        log.info("Applied {} scheduled status changes", count);
                    }
                }), log);
    }

    /** Applies every change due now; emits how many users changed. */
    public Mono<Integer> applyDue() {
        Instant now = clock.instant();
        return database.sql("SELECT DISTINCT account_id FROM app_user WHERE scheduled_effective_at <= :now")
                .bind("now", now)
                .map(row -> row.get(0, UUID.class))
                .all()
                .concatMap(accountId -> applyDue(accountId, now))
                .reduce(0, Integer::sum);
    }

    private Mono<Integer> applyDue(UUID accountId, Instant now) {
        // the account first, then its users: the same lock order as a request, so no deadlock
        return accounts.lock(accountId)
                .flatMap(account -> database.sql("""
                                SELECT id, scheduled_status, scheduled_effective_at FROM app_user
                                WHERE account_id = :account AND scheduled_effective_at <= :now
                                ORDER BY scheduled_effective_at LIMIT :batch
                                FOR UPDATE SKIP LOCKED
                                """)
                        .bind("account", accountId)
                        .bind("now", now)
                        .bind("batch", batch)
                        .map(row -> new Due(row.get("id", UUID.class), UserStatus.valueOf(row.get("scheduled_status", String.class)),
                                row.get("scheduled_effective_at", OffsetDateTime.class).toInstant()))
                        .all()
                        .collectList()
                        .flatMap(due -> {
                            Map<Group, List<UUID>> groups = due.stream().collect(Collectors.groupingBy(
                                    d -> new Group(d.status(), d.effectiveAt()),
                                    Collectors.mapping(Due::userId, Collectors.toList())));
                            return Flux.fromIterable(groups.entrySet())
                                    .concatMap(group -> changes.apply(account, group.getValue(), group.getKey().status(),
                                            null, true, group.getKey().effectiveAt(), "scheduler"))
                                    .map(outcome -> outcome.applied().size())
                                    .reduce(0, Integer::sum)
                                    // skipped ones (already in the status, no seat left) are done too
                                    .flatMap(applied -> users.clearScheduled(accountId, due.stream().map(Due::userId).toList(), now)
                                            .then().thenReturn(applied));
                        }))
                .as(transactions::transactional);
    }

    @Override
    public void start() {
        rounds.start();
    }

    @Override
    public void stop() {
        rounds.stop();
    }

    @Override
    public boolean isRunning() {
        return rounds.isRunning();
    }

    private record Due(UUID userId, UserStatus status, Instant effectiveAt) {
    }

    private record Group(UserStatus status, Instant effectiveAt) {
    }
}
