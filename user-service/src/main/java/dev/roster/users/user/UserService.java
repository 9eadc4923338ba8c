package dev.roster.users.user;

import dev.roster.events.user.UserStatus;
import dev.roster.platform.problem.ProblemException;
import dev.roster.users.access.AccessScopes;
import dev.roster.users.access.GrantPolicy;
import dev.roster.users.access.Grants;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.users.access.RoleKind;
import dev.roster.users.account.Account;
import dev.roster.users.account.AccountRepository;
import dev.roster.users.department.DepartmentService;
import dev.roster.users.credential.PasswordHasher;
import dev.roster.users.user.SkipReason;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Creating, reading, changing and deleting users, within the caller's account and permissions. */
@Service
public class UserService {

    private final UserRepository users;
    private final AccountRepository accounts;
    private final UserWriter writer;
    private final UserDeletion deletion;
    private final AccessScopes scopes;
    private final Grants grants;
    private final DepartmentService departments;
    private final PasswordHasher passwords;
    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final Clock clock;

    UserService(UserRepository users, AccountRepository accounts, UserWriter writer, UserDeletion deletion,
            AccessScopes scopes, Grants grants, DepartmentService departments, PasswordHasher passwords,
            DatabaseClient database, TransactionalOperator transactions, Clock clock) {
        this.users = users;
        this.accounts = accounts;
        this.writer = writer;
        this.deletion = deletion;
        this.scopes = scopes;
        this.grants = grants;
        this.departments = departments;
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
                                        checked.getT1())
                                        .then(mayCreateWithRoles(caller, request.roleIds(), checked.getT1(), checked.getT2()))
                                        .thenReturn(checked))
                                .flatMap(checked -> {
                                    UserStatus requested = request.status() == null ? UserStatus.ACTIVE : request.status();
                                    User user = User.create(id, account.id(), new User.Details(
                                                    request.login().strip(), request.email().strip(),
                                                    request.firstName().strip(), request.lastName().strip(),
                                                    checked.getT1(), request.supervisorId(),
                                                    blankToNull(request.jobTitle()), blankToNull(request.phone()),
                                                    request.locale() == null ? "en" : request.locale()),
                                            requested, null, passwordHash.isEmpty() ? null : passwordHash,
                                            clock.instant(), checked.getT2());
                                    return writer.insert(account, user, caller.userId(), source).map(created -> {
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

    public Mono<User> find(Caller caller, UUID id) {
        Mono<Void> allowed = Mono.empty();
        if (!caller.isSelf(id)) {
            caller.require(Permission.USERS_VIEW);
            allowed = scopes.requireUserInScope(caller, Permission.USERS_VIEW, id);
        }
        return allowed.then(users.find(caller.accountId(), id))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("User " + id)));
    }

    /**
     * A user whose audit the caller may read: it names administrators and source addresses, so it needs
     * {@code USERS_VIEW} over the user's department even for the user themselves.
     */
    /** A user the caller may view (USERS_VIEW over the user's department), or 404. */
    public Mono<User> findInScope(Caller caller, UUID id) {
        caller.require(Permission.USERS_VIEW);
        return scopes.requireUserInScope(caller, Permission.USERS_VIEW, id)
                .then(users.find(caller.accountId(), id))
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
                                    .flatMap(roleIds -> mayChange(caller, current, request, roleIds).then(Mono.defer(() -> {
                                        User changed = current.with(new User.Details(
                                                or(request.login(), current.login()), or(request.email(), current.email()),
                                                or(request.firstName(), current.firstName()),
                                                or(request.lastName(), current.lastName()), departmentId, supervisor,
                                                request.jobTitle() == null ? current.jobTitle() : blankToNull(request.jobTitle()),
                                                request.phone() == null ? current.phone() : blankToNull(request.phone()),
                                                or(request.locale(), current.locale())), roleIds);
                                        return save(caller, current, changed, source);
                                    }))));
                })
                .as(transactions::transactional);
    }

    public Mono<Void> delete(Caller caller, UUID id, String source) {
        caller.require(Permission.USERS_DELETE);
        return scopes.requireUserInScope(caller, Permission.USERS_DELETE, id)
                .then(grants.requireStatusChangeable(caller, id))
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
        return Account.ownerProtected("The Account Owner cannot be " + what);
    }

    private Mono<UserResponse> save(Caller caller, User current, User changed, String source) {
        return writer.saveProfile(current, changed, caller.userId(), source).map(UserResponse::from);
    }

    /**
     * Whether the caller may give a new user {@code roleIds} (as requested; null or empty: the Learner role) in
     * {@code departmentId}: {@link GrantPolicy}.
     */
    private Mono<Void> mayCreateWithRoles(Caller caller, List<UUID> requested, UUID departmentId, List<UUID> roleIds) {
        if (requested == null || requested.isEmpty()) {
            return Mono.empty();
        }
        return Mono.zip(grants.grantor(caller.accountId(), caller.userId()), grants.roles(caller.accountId(), roleIds),
                        accounts.roleOfKind(caller.accountId(), RoleKind.LEARNER.name()).map(List::of)
                                .defaultIfEmpty(List.of()))
                .flatMap(facts -> Grants.require(GrantPolicy.createWithRoles(facts.getT1(), departmentId,
                        facts.getT2().values(), facts.getT3())));
    }

    /**
     * Whether the caller may make the changes of {@code request} that {@link GrantPolicy} rules on: the user's
     * roles (to {@code roleIds}), and their credentials (login, email).
     */
    private Mono<Void> mayChange(Caller caller, User current, UpdateUserRequest request, List<UUID> roleIds) {
        boolean roles = !Set.copyOf(roleIds).equals(Set.copyOf(current.roleIds()));
        boolean credentials = request.login() != null && !request.login().strip().equals(current.login())
                || request.email() != null && !request.email().strip().equals(current.email());
        if (!roles && !credentials) {
            return Mono.empty();
        }
        return Mono.zip(grants.grantor(caller.accountId(), caller.userId()),
                        grants.holder(caller.accountId(), current.id()), grants.roles(caller.accountId(), roleIds))
                .flatMap(facts -> Grants.require(roles
                                ? GrantPolicy.changeRoles(facts.getT1(), facts.getT2(), facts.getT3().values())
                                : Optional.empty())
                        .then(Grants.require(credentials ? GrantPolicy.changeCredentials(facts.getT1(), facts.getT2())
                                : Optional.empty())));
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
        return departments.placement(accountId, departmentId);
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
                        return Mono.error(Account.ownerProtected(
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
