package dev.roster.users.user;

import dev.roster.events.user.UserStatus;
import dev.roster.platform.problem.ProblemException;
import dev.roster.users.access.AccessScopes;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.users.access.RoleKind;
import dev.roster.users.account.Account;
import dev.roster.users.account.AccountRepository;
import dev.roster.users.audit.AuditLog;
import dev.roster.users.department.DepartmentService;
import dev.roster.users.signin.PasswordHasher;
import dev.roster.users.status.SkipReason;
import dev.roster.users.status.StatusPolicy;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Creating, reading, changing and deleting users, within the caller's account and permissions. */
@Service
public class UserService {

    private final UserRepository users;
    private final AccountRepository accounts;
    private final UserEvents events;
    private final UserDeletion deletion;
    private final AccessScopes scopes;
    private final DepartmentService departments;
    private final AuditLog audit;
    private final PasswordHasher passwords;
    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final Clock clock;

    UserService(UserRepository users, AccountRepository accounts, UserEvents events, UserDeletion deletion,
            AccessScopes scopes, DepartmentService departments, AuditLog audit, PasswordHasher passwords, DatabaseClient database, TransactionalOperator transactions,
            Clock clock) {
        this.users = users;
        this.accounts = accounts;
        this.events = events;
        this.deletion = deletion;
        this.scopes = scopes;
        this.departments = departments;
        this.audit = audit;
        this.passwords = passwords;
        this.database = database;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Mono<UserResponse> create(Caller caller, CreateUserRequest request, String source) {
        caller.require(Permission.USERS_MANAGE);
        UUID id = UUID.randomUUID();
        Mono<String> hash = request.password() == null ? Mono.just("") : passwords.hash(request.password());
        return hash.flatMap(passwordHash -> accounts.lock(caller.accountId())
                        .flatMap(account -> checkUnique(caller.accountId(), null, request.login(), request.email())
                                .then(checkSupervisor(caller.accountId(), id, request.supervisorId()))
                                .then(Mono.zip(department(caller.accountId(), request.departmentId()),
                                        roles(caller.accountId(), request.roleIds())))
                                .flatMap(checked -> scopes.requireDepartmentInScope(caller, Permission.USERS_MANAGE,
                                        checked.getT1()).thenReturn(checked))
                                .flatMap(checked -> {
                                    UserStatus requested = request.status() == null ? UserStatus.ACTIVE : request.status();
                                    User user = new User(id, account.id(), request.login().strip(),
                                            request.email().strip(), request.firstName().strip(),
                                            request.lastName().strip(), requested, null, checked.getT1(),
                                            request.supervisorId(), blankToNull(request.jobTitle()),
                                            blankToNull(request.phone()),
                                            request.locale() == null ? "en" : request.locale(),
                                            passwordHash.isEmpty() ? null : passwordHash, clock.instant(), null, 0,
                                            null, null, null, checked.getT2(), 0);
                                    return insert(account, user, caller.userId(), source).map(created -> {
                                        List<String> warnings = new ArrayList<>();
                                        if (requested == UserStatus.ACTIVE && created.status() != UserStatus.ACTIVE) {
                                            warnings.add("seat-limit-reached: all " + account.seatLimit()
                                                    + " seats are taken, so the user was created inactive");
                                        }
                                        return UserResponse.from(created, warnings);
                                    });
                                }))
                        .as(transactions::transactional));
    }

    /**
     * Inserts a user whose fields are already checked (login and email free, department, supervisor and
     * roles of the account) into {@code account}, which the caller's transaction holds locked. The user
     * gets {@code user.status()}, except that one meant to be active is created INACTIVE when every seat
     * is taken; an ended one gets {@code user.employmentEndedOn()} (today in the account's time zone when
     * null). Audited and announced like every creation; emits the user as stored.
     */
    public Mono<User> insert(Account account, User user, UUID actorId, String source) {
        return users.countActive(account.id()).flatMap(active -> {
            UserStatus status = user.status() == UserStatus.ACTIVE && active >= account.seatLimit()
                    ? UserStatus.INACTIVE : user.status();
            LocalDate endedOn = status != UserStatus.EMPLOYMENT_ENDED ? null
                    : user.employmentEndedOn() != null ? user.employmentEndedOn()
                    : StatusPolicy.dateIn(clock.instant(), account.timeZone());
            return users.insert(user)
                    .then(status == UserStatus.ACTIVE ? Mono.empty() : setInitialStatus(user, status, endedOn))
                    .then(audit.record(account.id(), user.id(), actorId, "user.created",
                            Map.of("status", status.name()), source))
                    .then(users.find(account.id(), user.id()))
                    .flatMap(created -> events.created(created, actorId).thenReturn(created));
        });
    }

    public Mono<User> find(Caller caller, UUID id) {
        Mono<Void> allowed = Mono.empty();
        if (!caller.isSelf(id)) {
            caller.require(Permission.USERS_VIEW);
            allowed = scopes.requireUserInScope(caller, Permission.USERS_VIEW, id);
        }
        return allowed.then(users.find(caller.accountId(), id))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("User " + id)));
    }

    public Mono<UserPage> list(Caller caller, UserQuery query) {
        caller.require(Permission.USERS_VIEW);
        return scopes.scope(caller, Permission.USERS_VIEW).flatMap(scope -> query.run(database, caller.accountId(), scope));
    }

    public Mono<UserResponse> update(Caller caller, UUID id, UpdateUserRequest request, Long expectedVersion,
            String source) {
        caller.require(Permission.USERS_MANAGE);
        return scopes.requireUserInScope(caller, Permission.USERS_MANAGE, id)
                .then(request.departmentId() == null ? Mono.empty()
                        : scopes.requireDepartmentInScope(caller, Permission.USERS_MANAGE, request.departmentId()))
                .then(users.findForUpdate(caller.accountId(), id))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("User " + id)))
                .flatMap(current -> {
                    if (expectedVersion != null && expectedVersion != current.version()) {
                        return Mono.error(new ProblemException(HttpStatus.PRECONDITION_FAILED, "stale-version",
                                "Precondition failed", "The user changed since you read it (version "
                                        + current.version() + ", not " + expectedVersion + "); reload and try again"));
                    }
                    UUID supervisor = Boolean.TRUE.equals(request.clearSupervisor()) ? null
                            : request.supervisorId() != null ? request.supervisorId() : current.supervisorId();
                    return checkUnique(caller.accountId(), id, request.login(), request.email())
                            .then(request.departmentId() == null ? Mono.just(current.departmentId())
                                    : department(caller.accountId(), request.departmentId()))
                            .flatMap(departmentId -> checkSupervisor(caller.accountId(), id, request.supervisorId())
                                    .then(request.roleIds() == null ? Mono.just(current.roleIds())
                                            : roles(caller.accountId(), request.roleIds()))
                                    .flatMap(roleIds -> {
                                        User changed = new User(current.id(), current.accountId(),
                                                or(request.login(), current.login()), or(request.email(), current.email()),
                                                or(request.firstName(), current.firstName()),
                                                or(request.lastName(), current.lastName()), current.status(),
                                                current.employmentEndedOn(), departmentId, supervisor,
                                                request.jobTitle() == null ? current.jobTitle() : blankToNull(request.jobTitle()),
                                                request.phone() == null ? current.phone() : blankToNull(request.phone()),
                                                or(request.locale(), current.locale()), current.passwordHash(),
                                                current.tokensValidAfter(), current.lastSignInAt(),
                                                current.failedSignIns(), current.lockedUntil(), current.scheduledStatus(),
                                                current.scheduledEffectiveDate(), roleIds, current.version());
                                        return save(caller, current, changed, source);
                                    }));
                })
                .as(transactions::transactional);
    }

    public Mono<Void> delete(Caller caller, UUID id, String source) {
        caller.require(Permission.USERS_DELETE);
        return scopes.requireUserInScope(caller, Permission.USERS_DELETE, id)
                .then(accounts.lock(caller.accountId()))
                .flatMap(account -> deletion.delete(account, List.of(id), caller.userId(), source))
                .flatMap(outcome -> {
                    if (!outcome.skipped().isEmpty()) {
                        SkipReason reason = outcome.skipped().getFirst().reason();
                        return Mono.error(reason == SkipReason.ACCOUNT_OWNER ? ownerProtected("deleted")
                                : ProblemException.notFound("User " + id));
                    }
                    return Mono.<Void>empty();
                })
                .as(transactions::transactional);
    }

    static ProblemException ownerProtected(String what) {
        return ProblemException.conflict("account-owner-protected", "The Account Owner cannot be " + what);
    }

    private Mono<UserResponse> save(Caller caller, User current, User changed, String source) {
        return saveProfile(current, changed, caller.userId(), source).map(UserResponse::from);
    }

    /**
     * Writes {@code changed} over {@code current} (read for update in the caller's transaction) when any
     * profile field differs ({@link ProfileChanges}): audited, and announced with the changed fields.
     * Emits the user as saved, or {@code current} when nothing differs.
     */
    public Mono<User> saveProfile(User current, User changed, UUID actorId, String source) {
        List<String> fields = ProfileChanges.between(current, changed);
        if (fields.isEmpty()) {
            return Mono.just(current);
        }
        boolean ownerRoleTouched = !Objects.equals(current.roleIds(), changed.roleIds());
        return (ownerRoleTouched ? guardOwnerRole(current, changed) : Mono.<Void>empty())
                .then(users.updateProfile(changed, current.version()))
                .flatMap(updated -> updated ? Mono.empty()
                        : Mono.<Void>error(new ProblemException(HttpStatus.PRECONDITION_FAILED, "stale-version",
                                "Precondition failed", "The user changed meanwhile; reload and try again")))
                .then(ownerRoleTouched ? users.setRoles(changed.id(), changed.roleIds()) : Mono.empty())
                .then(audit.record(changed.accountId(), changed.id(), actorId, "user.updated",
                        Map.of("fields", fields), source))
                .then(users.find(changed.accountId(), changed.id()))
                .flatMap(saved -> events.updated(saved, fields, actorId).thenReturn(saved));
    }

    /** Nobody gets or loses the Account Owner role by an edit. */
    private Mono<Void> guardOwnerRole(User current, User changed) {
        return accounts.roleOfKind(current.accountId(), RoleKind.OWNER.name()).flatMap(ownerRole -> {
            boolean had = current.roleIds().contains(ownerRole);
            boolean has = changed.roleIds().contains(ownerRole);
            return had == has ? Mono.empty()
                    : Mono.error(ProblemException.conflict("account-owner-protected",
                            "The Account Owner role cannot be given or taken by editing a user"));
        });
    }

    private Mono<Void> setInitialStatus(User user, UserStatus status, LocalDate employmentEndedOn) {
        return database.sql("""
                        UPDATE app_user SET status = :status, employment_ended_on = :endedOn WHERE id = :id
                        """)
                .bind("status", status.name())
                .bind("endedOn", Parameter.fromOrEmpty(employmentEndedOn, LocalDate.class))
                .bind("id", user.id())
                .then();
    }

    private Mono<Void> checkUnique(UUID accountId, UUID self, String login, String email) {
        if (login == null && email == null) {
            return Mono.empty();
        }
        return database.sql("""
                        SELECT lower(login) = lower(:login) AS login_taken, lower(email) = lower(:email) AS email_taken
                        FROM app_user
                        WHERE account_id = :account AND id <> :self
                          AND (lower(login) = lower(:login) OR lower(email) = lower(:email))
                        LIMIT 1
                        """)
                .bind("login", login == null ? "" : login.strip())
                .bind("email", email == null ? "" : email.strip())
                .bind("account", accountId)
                .bind("self", self == null ? new UUID(0, 0) : self)
                .map(row -> Boolean.TRUE.equals(row.get("login_taken", Boolean.class)) ? "login" : "email")
                .one()
                .flatMap(field -> Mono.error(ProblemException.conflict(field + "-taken",
                        "Another user of this account already has this " + field).with("field", field)));
    }

    private Mono<UUID> department(UUID accountId, UUID departmentId) {
        return departmentId == null ? accounts.rootDepartment(accountId)
                : departments.requireInAccount(accountId, departmentId, "departmentId");
    }

    private Mono<Void> checkSupervisor(UUID accountId, UUID userId, UUID supervisorId) {
        if (supervisorId == null) {
            return Mono.empty();
        }
        if (supervisorId.equals(userId)) {
            return Mono.error(ProblemException.badRequest("invalid-supervisor", "A user cannot supervise themselves")
                    .with("field", "supervisorId"));
        }
        return users.exists(accountId, supervisorId).flatMap(exists -> exists ? Mono.empty()
                : Mono.error(ProblemException.badRequest("unknown-supervisor",
                        "Supervisor " + supervisorId + " does not exist in this account").with("field", "supervisorId")));
    }

    /** The requested roles (all of this account, never the owner's); the Learner role when none are given. */
    private Mono<List<UUID>> roles(UUID accountId, List<UUID> requested) {
        if (requested == null || requested.isEmpty()) {
            return accounts.roleOfKind(accountId, RoleKind.LEARNER.name()).map(List::of);
        }
        List<UUID> distinct = requested.stream().distinct().sorted().toList();
        return database.sql("SELECT id, kind FROM role WHERE account_id = :account AND id = ANY(:ids)")
                .bind("account", accountId)
                .bind("ids", distinct.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("kind", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
                .flatMap(found -> {
                    if (found.size() != distinct.size()) {
                        return Mono.error(ProblemException.badRequest("unknown-role",
                                "Some roles do not exist in this account").with("field", "roleIds"));
                    }
                    if (found.containsValue(RoleKind.OWNER.name())) {
                        return Mono.error(ProblemException.conflict("account-owner-protected",
                                "An account has exactly one Account Owner; the role cannot be given"));
                    }
                    return Mono.just(distinct);
                });
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
