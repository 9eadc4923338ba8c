package dev.roster.users.status;

import dev.roster.users.user.SkipReason;
import dev.roster.users.user.BulkOutcome;
import dev.roster.users.user.StatusPolicy;
import dev.roster.events.user.UserStatus;
import dev.roster.platform.problem.ProblemException;
import dev.roster.users.access.AccessScopes;
import dev.roster.users.access.Grants;
import dev.roster.users.access.Scope;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.users.account.Account;
import dev.roster.users.account.AccountRepository;
import dev.roster.users.audit.AuditLog;
import dev.roster.users.user.User;
import dev.roster.users.user.UserDeletion;
import dev.roster.users.user.UserRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Status changes as the API asks for them: one user or many, now or scheduled, and cancelling a scheduled one. It
 * decides who may (permission, department scope, privileged users) and hands what is allowed to {@link StatusWriter}.
 */
@Service
public class StatusService {

    private final AccountRepository accounts;
    private final UserRepository users;
    private final StatusWriter changes;
    private final UserDeletion deletion;
    private final AccessScopes scopes;
    private final Grants grants;
    private final AuditLog audit;
    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final Clock clock;

    StatusService(AccountRepository accounts, UserRepository users, StatusWriter changes, UserDeletion deletion,
            AccessScopes scopes, Grants grants, AuditLog audit, DatabaseClient database, TransactionalOperator transactions, Clock clock) {
        this.accounts = accounts;
        this.users = users;
        this.changes = changes;
        this.deletion = deletion;
        this.scopes = scopes;
        this.grants = grants;
        this.audit = audit;
        this.database = database;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Changes one user's status now, or schedules it; answers with the user. */
    public Mono<User> change(Caller caller, UUID userId, StatusChangeRequest request, String source) {
        caller.require(Permission.USERS_MANAGE);
        Mono<BulkOutcome> work = scopes.requireUserInScope(caller, Permission.USERS_MANAGE, userId)
                .then(grants.requireStatusChangeable(caller, userId))
                .then(accounts.lock(caller.accountId())).flatMap(account -> request.effectiveDate() == null
                ? changes.apply(account, List.of(userId), request.status(), caller.userId(), false, clock.instant(), source)
                : schedule(account, List.of(userId), request.status(), request.effectiveDate(), caller.userId(), source));
        return work.as(transactions::transactional)
                .flatMap(outcome -> failure(outcome, userId))
                .then(users.find(caller.accountId(), userId));
    }

    /** Cancels a user's scheduled status change. */
    public Mono<User> cancel(Caller caller, UUID userId, String source) {
        caller.require(Permission.USERS_MANAGE);
        return scopes.requireUserInScope(caller, Permission.USERS_MANAGE, userId)
                .then(accounts.lock(caller.accountId()))
                .flatMap(account -> cancelScheduled(account, List.of(userId), caller.userId(), source))
                .as(transactions::transactional)
                .flatMap(outcome -> failure(outcome, userId))
                .then(users.find(caller.accountId(), userId));
    }

    /**
     * One action for up to 10,000 users, in one transaction and a handful of statements whatever their number:
     * the users are locked and read once (status, department, roles), the rules (department scope, privileged
     * users, owner protection, seats, already in the status) decided over that read, the change written in one
     * statement, its events, audit entries and revoked refresh tokens in one statement each.
     *
     * <p>A dry run ({@link BulkRequest#onlyTried()}) is the same work in a transaction that is rolled back: the same
     * permission, the same locks and rules, so its answer is exactly what the request would answer at that moment,
     * and nothing of it stays (no status, event, audit entry or revoked token).
     */
    public Mono<BulkOutcome> bulk(Caller caller, BulkRequest request, String source) {
        caller.require(needed(request.action()));
        if (request.action() == BulkRequest.BulkAction.DELETE && request.effectiveDate() != null) {
            throw ProblemException.badRequest("invalid-effective-date", "Deleting cannot be scheduled");
        }
        if (request.action() == BulkRequest.BulkAction.CANCEL_SCHEDULED && request.effectiveDate() != null) {
            throw ProblemException.badRequest("invalid-effective-date", "Cancelling takes no effective date");
        }
        Mono<BulkOutcome> work = Mono.defer(() -> bulkLocked(caller, request, source));
        return request.onlyTried()
                ? transactions.execute(transaction -> {
                            transaction.setRollbackOnly();
                            return work.contextWrite(context -> context.put(StatusWriter.DRY_RUN, true));
                        }).single()
                : work.as(transactions::transactional);
    }

    private Mono<BulkOutcome> bulkLocked(Caller caller, BulkRequest request, String source) {
        Permission needed = needed(request.action());
        // the account, then its users (locked and read once): the lock order of every status change
        return accounts.lock(caller.accountId()).flatMap(account -> Mono.zip(changes.lock(account.id(), request.userIds()),
                scopes.scope(caller, needed), grants.statusChanges(caller)).flatMap(facts -> {
            Screened screened = screen(account, request.userIds(), facts.getT1(), facts.getT2(), facts.getT3());
            Mono<BulkOutcome> done = switch (request.action()) {
                case DELETE -> deletion.delete(account, screened.allowed(), caller.userId(), source);
                case CANCEL_SCHEDULED -> cancelScheduled(account, screened.allowed(), caller.userId(), source);
                default -> request.effectiveDate() == null
                        ? changes.apply(account, screened.allowed(), statuses(facts.getT1()), target(request.action()),
                                caller.userId(), false, clock.instant(), null, source)
                        : schedule(account, screened.allowed(), target(request.action()), request.effectiveDate(),
                                caller.userId(), source);
            };
            return done.map(screened::withRefused);
        }));
    }

    /**
     * What {@code action} (a status change or DELETE, now) would do to {@code userIds}, decided by the rules of
     * {@link #bulk} over the users as they are now, read without locks and without changing anything: for a
     * preview of its impact, which must not hold up the changes it previews. The caller needs the permission of the
     * action itself.
     */
    public Mono<Preview> preview(Caller caller, BulkRequest.BulkAction action, List<UUID> userIds) {
        if (action == BulkRequest.BulkAction.CANCEL_SCHEDULED) {
            throw new IllegalArgumentException("Cancelling has no impact to preview");
        }
        Permission needed = needed(action);
        caller.require(needed);
        return accounts.find(caller.accountId()).flatMap(account -> Mono.zip(changes.read(account.id(), userIds),
                scopes.scope(caller, needed), grants.statusChanges(caller), users.countActive(account.id())).map(facts -> {
            Map<UUID, StatusWriter.Target> found = facts.getT1();
            Screened screened = screen(account, userIds, found, facts.getT2(), facts.getT3());
            BulkOutcome outcome = action == BulkRequest.BulkAction.DELETE
                    ? UserDeletion.outcome(List.copyOf(new LinkedHashSet<>(screened.allowed())), found.keySet().stream()
                            .filter(id -> !account.isOwner(id)).collect(java.util.stream.Collectors.toSet()),
                            account.ownerId())
                    : StatusWriter.decide(account, screened.allowed(), statuses(found), target(action), facts.getT4());
            return new Preview(account, found, screened.withRefused(outcome), facts.getT4());
        }));
    }

    /** A preview's decision and the facts it was decided on: the account, the users found, the seats taken. */
    public record Preview(Account account, Map<UUID, StatusWriter.Target> users, BulkOutcome outcome,
            long activeSeats) {
    }

    private static Permission needed(BulkRequest.BulkAction action) {
        return action == BulkRequest.BulkAction.DELETE ? Permission.USERS_DELETE : Permission.USERS_MANAGE;
    }

    private static UserStatus target(BulkRequest.BulkAction action) {
        return switch (action) {
            case ACTIVATE -> UserStatus.ACTIVE;
            case DEACTIVATE -> UserStatus.INACTIVE;
            case END_EMPLOYMENT -> UserStatus.EMPLOYMENT_ENDED;
            case DELETE, CANCEL_SCHEDULED -> throw new IllegalArgumentException(action + " is not a status");
        };
    }

    private static Map<UUID, UserStatus> statuses(Map<UUID, StatusWriter.Target> found) {
        Map<UUID, UserStatus> current = new HashMap<>();
        found.forEach((id, user) -> current.put(id, user.status()));
        return current;
    }

    /**
     * Users outside the caller's departments, then users holding more than the caller, are refused before any rule
     * of the action itself; the others ({@code allowed}) go on to it.
     */
    private static Screened screen(Account account, List<UUID> requested, Map<UUID, StatusWriter.Target> found,
            Scope scope, Grants.StatusChangeCheck check) {
        Set<UUID> outside = new HashSet<>();
        Set<UUID> privileged = new HashSet<>();
        found.forEach((id, user) -> {
            if (!scope.contains(user.departmentId())) {
                outside.add(id);
            }
            else if (check.privileged(id, account.isOwner(id), user.departmentId(), user.roleIds())) {
                privileged.add(id);
            }
        });
        List<UUID> allowed = requested.stream().filter(id -> !outside.contains(id) && !privileged.contains(id)).toList();
        return new Screened(requested, allowed, outside, privileged);
    }

    private record Screened(List<UUID> requested, List<UUID> allowed, Set<UUID> outside, Set<UUID> privileged) {

        /** The action's outcome with the refused users added as skipped. */
        BulkOutcome withRefused(BulkOutcome outcome) {
            return StatusService.withRefused(StatusService.withRefused(outcome, requested, outside, SkipReason.OUT_OF_SCOPE),
                    requested, privileged, SkipReason.PRIVILEGED_USER);
        }
    }

    private static BulkOutcome withRefused(BulkOutcome outcome, List<UUID> requested, Set<UUID> refused,
            SkipReason reason) {
        if (refused.isEmpty()) {
            return outcome;
        }
        List<BulkOutcome.Skipped> skipped = new ArrayList<>(outcome.skipped());
        requested.stream().distinct().filter(refused::contains)
                .forEach(id -> skipped.add(new BulkOutcome.Skipped(id, reason)));
        return new BulkOutcome(outcome.applied(), skipped);
    }

    private Mono<BulkOutcome> schedule(Account account, List<UUID> userIds, UserStatus target, LocalDate date,
            UUID actorId, String source) {
        if (!StatusPolicy.isSchedulable(date, account.timeZone(), clock.instant())) {
            return Mono.error(ProblemException.badRequest("invalid-effective-date",
                    "The effective date must be today or later (account time zone " + account.timeZone()
                            + "), before 23:59 of that day").with("field", "effectiveDate"));
        }
        List<UUID> requested = List.copyOf(new LinkedHashSet<>(userIds));
        List<UUID> schedulable = requested.stream()
                .filter(id -> !(account.isOwner(id) && StatusPolicy.ownerKeptFrom(target))).toList();
        return users.schedule(account.id(), schedulable, target, date, StatusPolicy.effectiveAt(date, account.timeZone()),
                        clock.instant())
                .collectList()
                .flatMap(scheduled -> audit.recordAll(account.id(), scheduled, actorId, "user.status-scheduled",
                                Collections.nCopies(scheduled.size(),
                                        Map.of("status", target.name(), "effectiveDate", date.toString())), source)
                        .thenReturn(outcome(requested, new HashSet<>(scheduled), account.ownerId(), SkipReason.NOT_FOUND)));
    }

    private Mono<BulkOutcome> cancelScheduled(Account account, List<UUID> userIds, UUID actorId, String source) {
        List<UUID> requested = List.copyOf(new LinkedHashSet<>(userIds));
        return users.clearScheduled(account.id(), requested, clock.instant())
                .collectList()
                .flatMap(cancelled -> audit.recordAll(account.id(), cancelled, actorId, "user.status-schedule-cancelled",
                                Collections.nCopies(cancelled.size(), Map.of()), source)
                        .then(existing(account.id(), requested))
                        .map(found -> {
                            Set<UUID> done = new HashSet<>(cancelled);
                            List<UUID> applied = requested.stream().filter(done::contains).toList();
                            List<BulkOutcome.Skipped> skipped = requested.stream().filter(id -> !done.contains(id))
                                    .map(id -> new BulkOutcome.Skipped(id,
                                            found.contains(id) ? SkipReason.NOTHING_SCHEDULED : SkipReason.NOT_FOUND))
                                    .toList();
                            return new BulkOutcome(applied, skipped);
                        }));
    }

    private Mono<Set<UUID>> existing(UUID accountId, List<UUID> ids) {
        return database.sql("SELECT id FROM app_user WHERE account_id = :account AND id = ANY(:ids)")
                .bind("account", accountId)
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class))
                .all()
                .collect(HashSet::new, Set::add);
    }

    private static BulkOutcome outcome(List<UUID> requested, Set<UUID> done, UUID ownerId, SkipReason otherwise) {
        List<UUID> applied = new ArrayList<>();
        List<BulkOutcome.Skipped> skipped = new ArrayList<>();
        for (UUID id : requested) {
            if (done.contains(id)) {
                applied.add(id);
            }
            else {
                skipped.add(new BulkOutcome.Skipped(id, id.equals(ownerId) ? SkipReason.ACCOUNT_OWNER : otherwise));
            }
        }
        return new BulkOutcome(applied, skipped);
    }

    /** The problem a single-user change answers with; none when the user already had the status (idempotent). */
    private static Mono<Void> failure(BulkOutcome outcome, UUID userId) {
        return outcome.skipped().stream()
                .filter(skipped -> skipped.reason() != SkipReason.ALREADY_IN_STATUS)
                .findFirst()
                .map(skipped -> Mono.<Void>error(problem(skipped.reason(), userId)))
                .orElse(Mono.empty());
    }

    private static ProblemException problem(SkipReason reason, UUID userId) {
        return switch (reason) {
            case NOT_FOUND -> ProblemException.notFound("User " + userId);
            case ACCOUNT_OWNER -> Account.ownerProtected(
                    "The Account Owner cannot be deactivated, ended or deleted");
            case SEAT_LIMIT -> new ProblemException(HttpStatus.CONFLICT, "seat-limit-reached", "Seat limit reached",
                    "Every seat of the account is taken; deactivate someone or raise the seat limit first");
            case OUT_OF_SCOPE -> ProblemException.forbidden("This user is outside the departments your role covers");
            case PRIVILEGED_USER -> Grants.problem(dev.roster.users.access.GrantPolicy.Refusal.PRIVILEGED_USER);
            case NOTHING_SCHEDULED -> new ProblemException(HttpStatus.NOT_FOUND, "nothing-scheduled", "Not found",
                    "The user has no scheduled status change");
            case ALREADY_IN_STATUS -> throw new IllegalArgumentException("not a failure");
        };
    }
}
