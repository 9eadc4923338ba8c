package dev.roster.users.status;

import dev.roster.users.user.SkipReason;
import dev.roster.users.user.BulkOutcome;
import dev.roster.users.user.StatusPolicy;
import dev.roster.events.user.UserStatus;
import dev.roster.platform.account.Seats;
import dev.roster.users.account.Account;
import dev.roster.users.audit.AuditLog;
import dev.roster.users.credential.RefreshTokens;
import dev.roster.users.user.UserEvents;
import dev.roster.users.user.UserEvents.StatusChange;
import dev.roster.users.user.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The one writer of users' statuses, for every path that changes one (the API, bulk, the scheduler, imports, SCIM):
 * it asks nobody's permission, which its callers have checked ({@link StatusService} for the API). It applies a
 * status change to one user or ten thousand in the same few statements: reads the current
 * statuses (locking the rows), decides per user with {@link StatusPolicy}, updates the rest in one
 * statement, and records their events, audit entries and revoked refresh tokens in bulk. Must run in
 * a transaction in which the account row is locked, so that seat counting is exact.
 */
@Service
public class StatusWriter {

    private static final Logger log = LoggerFactory.getLogger(StatusWriter.class);

    /** In the Reactor context of a change that is only tried and rolled back (a bulk request's dry run). */
    static final String DRY_RUN = "roster.status.dry-run";

    private final DatabaseClient database;
    private final UserRepository users;
    private final UserEvents events;
    private final RefreshTokens refreshTokens;
    private final AuditLog audit;
    private final Clock clock;

    StatusWriter(DatabaseClient database, UserRepository users, UserEvents events, RefreshTokens refreshTokens,
            AuditLog audit, Clock clock) {
        this.database = database;
        this.users = users;
        this.events = events;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Changes {@code userIds} of the locked {@code account} to {@code target}, effective at
     * {@code effectiveAt} (now, or the 23:59 of a scheduled date).
     */
    public Mono<BulkOutcome> apply(Account account, List<UUID> userIds, UserStatus target, UUID actorId,
            boolean scheduled, Instant effectiveAt, String source) {
        return apply(account, userIds, target, actorId, scheduled, effectiveAt, null, source);
    }

    /**
     * As {@link #apply(Account, List, UserStatus, UUID, boolean, Instant, String)}, with the date employment
     * ended on given (an imported file says when it ended); when null, the date of {@code effectiveAt} in
     * the account's time zone. Ignored unless {@code target} is EMPLOYMENT_ENDED.
     */
    public Mono<BulkOutcome> apply(Account account, List<UUID> userIds, UserStatus target, UUID actorId,
            boolean scheduled, Instant effectiveAt, LocalDate employmentEndedOn, String source) {
        List<UUID> requested = List.copyOf(new LinkedHashSet<>(userIds));
        return currentStatuses(account.id(), requested).flatMap(current -> apply(account, requested, current, target,
                actorId, scheduled, effectiveAt, employmentEndedOn, source));
    }

    /**
     * As {@link #apply(Account, List, UserStatus, UUID, boolean, Instant, LocalDate, String)}, with the current
     * statuses of the users read (and locked) already by {@link #lock}; a user missing from {@code current} is
     * skipped as not found.
     */
    public Mono<BulkOutcome> apply(Account account, List<UUID> userIds, Map<UUID, UserStatus> current, UserStatus target,
            UUID actorId, boolean scheduled, Instant effectiveAt, LocalDate employmentEndedOn, String source) {
        LocalDate endedOn = target != UserStatus.EMPLOYMENT_ENDED ? null
                : employmentEndedOn != null ? employmentEndedOn : StatusPolicy.dateIn(effectiveAt, account.timeZone());
        List<UUID> requested = List.copyOf(new LinkedHashSet<>(userIds));
        // only an activation needs the seats taken
        Mono<Long> seatsTaken = target == UserStatus.ACTIVE ? users.countActive(account.id()) : Mono.just(0L);
        return seatsTaken.flatMap(taken -> {
                    BulkOutcome decided = decide(account, requested, current, target, taken);
                    List<UUID> applied = decided.applied();
                    List<BulkOutcome.Skipped> skipped = decided.skipped();
                    if (applied.isEmpty()) {
                        return Mono.just(new BulkOutcome(applied, skipped));
                    }
                    return users.changeStatus(account.id(), applied, target, endedOn, clock.instant())
                            .flatMap(tokensValidAfter -> {
                                List<StatusChange> changes = applied.stream()
                                        .map(id -> new StatusChange(id, current.get(id), target, endedOn,
                                                tokensValidAfter.get(id)))
                                        .toList();
                                return events.statusChanged(account.id(), changes, effectiveAt, scheduled, actorId)
                                        .then(audit(account.id(), applied, actorId, current, target, scheduled, source))
                                        .then(target == UserStatus.ACTIVE ? Mono.empty() : refreshTokens.revokeAll(applied));
                            })
                            // one line per change, however many users it touched: with the trace and request id
                            // that its effects in the other services log too
                            .doOnEach(signal -> {
                                if (signal.isOnComplete()) {
                                    log.info("{} the status of {} users to {} ({}{}), skipped {}",
                                            signal.getContextView().getOrDefault(DRY_RUN, false) ? "Tried (dry run, rolled back)"
                                                    : "Changed", applied.size(), target, source,
                                            scheduled ? ", scheduled" : "", skipped.size());
                                }
                            })
                            .thenReturn(new BulkOutcome(applied, skipped));
                });
    }

    /**
     * Who of {@code requested} a change to {@code target} applies to, and why the others are skipped
     * ({@link StatusPolicy}), given their {@code current} statuses (a user missing is not found) and the seats
     * {@code activeSeats} taken before it (only an activation reads it): what a change does and what its preview
     * says it will do.
     */
    public static BulkOutcome decide(Account account, List<UUID> requested, Map<UUID, UserStatus> current,
            UserStatus target, long activeSeats) {
        Seats seats = new Seats(account.seatLimit(), activeSeats);
        List<UUID> applied = new ArrayList<>();
        List<BulkOutcome.Skipped> skipped = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(requested)) {
            UserStatus status = current.get(id);
            if (status == null) {
                skipped.add(new BulkOutcome.Skipped(id, SkipReason.NOT_FOUND));
                continue;
            }
            var reason = StatusPolicy.check(status, target, account.isOwner(id), seats.available());
            if (reason.isPresent()) {
                skipped.add(new BulkOutcome.Skipped(id, reason.get()));
                continue;
            }
            applied.add(id);
            if (target == UserStatus.ACTIVE) {
                seats.occupy();
            }
        }
        return new BulkOutcome(applied, skipped);
    }

    /**
     * Locks the account's users among {@code ids} (in the order of their ids) and reads what a bulk action decides
     * on: status, department and roles, in one statement. Run it with the account locked, as a change does.
     */
    public Mono<Map<UUID, Target>> lock(UUID accountId, Collection<UUID> ids) {
        return targets(accountId, ids, "ORDER BY u.id FOR UPDATE OF u");
    }

    /** As {@link #lock}, without locking: for a preview, which changes nothing and must not hold up changes. */
    public Mono<Map<UUID, Target>> read(UUID accountId, Collection<UUID> ids) {
        return targets(accountId, ids, "");
    }

    private Mono<Map<UUID, Target>> targets(UUID accountId, Collection<UUID> ids, String locking) {
        // one row of arrays rather than a row per user: ten thousand rows cost more in the reactive pipeline
        // (each signal restores the request's context) than in the database
        return database.sql("""
                        WITH locked AS (
                            SELECT u.id, u.status, u.department_id FROM app_user u
                            WHERE u.account_id = :account AND u.id = ANY(:ids)
                            %s
                        ), roles AS (
                            SELECT ur.user_id, ur.role_id FROM user_role ur WHERE ur.user_id IN (SELECT id FROM locked)
                        )
                        -- the arrays of one aggregate query read the rows in the same order; the two role arrays
                        -- come from two queries, so they are put in the same order explicitly
                        SELECT array_agg(l.id) AS ids, array_agg(l.status) AS statuses,
                               array_agg(l.department_id) AS departments,
                               (SELECT array_agg(user_id ORDER BY user_id, role_id) FROM roles) AS role_users,
                               (SELECT array_agg(role_id ORDER BY user_id, role_id) FROM roles) AS role_ids
                        FROM locked l
                        """.formatted(locking))
                .bind("account", accountId)
                .bind("ids", new LinkedHashSet<>(ids).toArray(UUID[]::new))
                .map(row -> {
                    Map<UUID, Target> found = new HashMap<>();
                    UUID[] lockedIds = row.get("ids", UUID[].class);
                    if (lockedIds == null) {
                        return found;
                    }
                    String[] statuses = row.get("statuses", String[].class);
                    UUID[] departments = row.get("departments", UUID[].class);
                    UUID[] roleUsers = row.get("role_users", UUID[].class);
                    UUID[] roleIds = row.get("role_ids", UUID[].class);
                    Map<UUID, List<UUID>> roles = new HashMap<>();
                    for (int i = 0; roleUsers != null && i < roleUsers.length; i++) {
                        roles.computeIfAbsent(roleUsers[i], user -> new ArrayList<>()).add(roleIds[i]);
                    }
                    for (int i = 0; i < lockedIds.length; i++) {
                        found.put(lockedIds[i], new Target(UserStatus.valueOf(statuses[i]), departments[i],
                                List.copyOf(roles.getOrDefault(lockedIds[i], List.of()))));
                    }
                    return found;
                })
                .one();
    }

    /** A user as a bulk action sees them: status, department (may be null) and roles. */
    public record Target(UserStatus status, UUID departmentId, List<UUID> roleIds) {
    }

    private Mono<Map<UUID, UserStatus>> currentStatuses(UUID accountId, List<UUID> ids) {
        return database.sql("SELECT id, status FROM app_user WHERE account_id = :account AND id = ANY(:ids) FOR UPDATE")
                .bind("account", accountId)
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("id", UUID.class), UserStatus.valueOf(row.get("status", String.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    private Mono<Void> audit(UUID accountId, List<UUID> ids, UUID actorId, Map<UUID, UserStatus> previous,
            UserStatus target, boolean scheduled, String source) {
        return audit.recordAll(accountId, ids, actorId, "user.status-changed", ids.stream()
                .map(id -> Map.of("from", String.valueOf(previous.get(id)), "to", target.name(), "scheduled", scheduled))
                .toList(), source);
    }

}
