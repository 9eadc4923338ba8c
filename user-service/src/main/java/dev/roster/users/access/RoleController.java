package dev.roster.users.access;

import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.platform.problem.ProblemException;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The roles of the caller's account: the built-in ones, and custom ones the caller may create, change and delete. */
@RestController
@RequestMapping("/api/v1")
class RoleController {

    private final DatabaseClient database;
    private final RoleHolders holders;
    private final TransactionalOperator transactions;

    RoleController(DatabaseClient database, RoleHolders holders, TransactionalOperator transactions) {
        this.database = database;
        this.holders = holders;
        this.transactions = transactions;
    }

    @GetMapping("/roles")
    Mono<List<RoleResponse>> list(@AuthenticationPrincipal Jwt jwt) {
        return list(Caller.from(jwt));
    }

    private Mono<List<RoleResponse>> list(Caller caller) {
        if (!caller.can(Permission.ROLES_MANAGE)) {
            caller.require(Permission.USERS_MANAGE);
        }
        return database.sql("""
                        SELECT id, kind, name, permissions, department_ids FROM role
                        WHERE account_id = :account ORDER BY kind <> 'OWNER', kind <> 'ADMINISTRATOR', kind <> 'LEARNER', name
                        """)
                .bind("account", caller.accountId())
                .map(row -> new RoleResponse(row.get("id", UUID.class), RoleKind.valueOf(row.get("kind", String.class)),
                        row.get("name", String.class), Arrays.asList(row.get("permissions", String[].class)),
                        row.get("department_ids", UUID[].class) == null ? null
                                : Arrays.asList(row.get("department_ids", UUID[].class))))
                .all()
                .collectList();
    }

    @PostMapping("/roles")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<RoleResponse> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody RoleRequest request) {
        Caller caller = Caller.from(jwt);
        caller.require(Permission.ROLES_MANAGE);
        if (request.name() == null || request.name().isBlank()) {
            return Mono.error(ProblemException.badRequest("validation-failed", "A role needs a name"));
        }
        UUID id = UUID.randomUUID();
        return validate(caller, request)
                .then(database.sql("""
                                INSERT INTO role (id, account_id, kind, name, permissions, department_ids)
                                VALUES (:id, :account, 'CUSTOM', :name, :permissions, :departments)
                                """)
                        .bind("id", id).bind("account", caller.accountId()).bind("name", request.name().strip())
                        .bind("permissions", names(request.permissions()))
                        .bind("departments", Parameter.fromOrEmpty(departments(request), UUID[].class))
                        .then())
                .onErrorMap(DuplicateKeyException.class, duplicate -> ProblemException.conflict("role-name-taken",
                        "Another role of this account has this name"))
                .then(find(caller, id));
    }

    @PutMapping("/roles/{id}")
    Mono<RoleResponse> replace(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id,
            @Valid @RequestBody RoleRequest request) {
        Caller caller = Caller.from(jwt);
        caller.require(Permission.ROLES_MANAGE);
        return custom(caller, id)
                .then(validate(caller, request))
                .then(changesAccess(caller, id, request))
                .flatMap(changes -> changes ? holders.endSessions(caller.accountId(), id) : Mono.empty())
                .then(database.sql("""
                                UPDATE role SET name = coalesce(:name, name), permissions = :permissions,
                                    department_ids = :departments
                                WHERE id = :id AND account_id = :account
                                """)
                        .bind("name", Parameter.fromOrEmpty(request.name() == null ? null : request.name().strip(), String.class))
                        .bind("permissions", names(request.permissions()))
                        .bind("departments", Parameter.fromOrEmpty(departments(request), UUID[].class))
                        .bind("id", id).bind("account", caller.accountId())
                        .then())
                .as(transactions::transactional)
                .onErrorMap(DuplicateKeyException.class, duplicate -> ProblemException.conflict("role-name-taken",
                        "Another role of this account has this name"))
                .then(find(caller, id));
    }

    /** Whether {@code request} changes the role's permissions or department scope (a new name changes no access). */
    private Mono<Boolean> changesAccess(Caller caller, UUID id, RoleRequest request) {
        return database.sql("SELECT permissions, department_ids FROM role WHERE id = :id AND account_id = :account")
                .bind("id", id).bind("account", caller.accountId())
                .map(row -> {
                    UUID[] departments = row.get("department_ids", UUID[].class);
                    UUID[] wanted = departments(request);
                    return !Arrays.equals(sorted(row.get("permissions", String[].class)), names(request.permissions()))
                            || !java.util.Objects.equals(departments == null ? null : java.util.Set.of(departments),
                                    wanted == null ? null : java.util.Set.of(wanted));
                })
                .one()
                .defaultIfEmpty(true);
    }

    private static String[] sorted(String[] names) {
        return Arrays.stream(names).distinct().sorted().toArray(String[]::new);
    }

    @DeleteMapping("/roles/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        Caller caller = Caller.from(jwt);
        caller.require(Permission.ROLES_MANAGE);
        return custom(caller, id)
                .then(holders.endSessions(caller.accountId(), id))
                .then(database.sql("DELETE FROM role WHERE id = :id AND account_id = :account")
                        .bind("id", id).bind("account", caller.accountId()).then())
                .as(transactions::transactional);
    }

    private Mono<RoleResponse> find(Caller caller, UUID id) {
        return list(caller).flatMapIterable(roles -> roles).filter(role -> role.id().equals(id)).next()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Role " + id)));
    }

    /** Built-in roles are fixed; only custom ones change. */
    private Mono<Void> custom(Caller caller, UUID id) {
        return database.sql("SELECT kind FROM role WHERE id = :id AND account_id = :account")
                .bind("id", id).bind("account", caller.accountId())
                .map(row -> row.get("kind", String.class)).one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Role " + id)))
                .flatMap(kind -> RoleKind.CUSTOM.name().equals(kind) ? Mono.empty()
                        : Mono.error(ProblemException.conflict("built-in-role", "The built-in roles cannot be changed")));
    }

    private Mono<Void> validate(Caller caller, RoleRequest request) {
        if (request.permissions().contains(Permission.ACCOUNT_MANAGE)) {
            return Mono.error(ProblemException.badRequest("invalid-permission",
                    "Managing the account is for the Account Owner and administrators only").with("field", "permissions"));
        }
        UUID[] departments = departments(request);
        if (departments == null) {
            return Mono.empty();
        }
        return database.sql("SELECT count(*) FROM department WHERE account_id = :account AND id = ANY(:ids)")
                .bind("account", caller.accountId()).bind("ids", departments)
                .map(row -> row.get(0, Long.class)).one()
                .flatMap(found -> found == departments.length ? Mono.empty()
                        : Mono.error(ProblemException.badRequest("unknown-department",
                                "Some departments do not exist in this account").with("field", "departmentIds")));
    }

    private static UUID[] departments(RoleRequest request) {
        return request.departmentIds() == null || request.departmentIds().isEmpty() ? null
                : request.departmentIds().stream().distinct().toArray(UUID[]::new);
    }

    private static String[] names(List<Permission> permissions) {
        return permissions.stream().distinct().map(Enum::name).sorted().toArray(String[]::new);
    }

    /** A role: built in or custom, its permissions, and the department subtrees it is limited to (null: all). */
    record RoleResponse(UUID id, RoleKind kind, String name, List<String> permissions, List<UUID> departmentIds) {
    }
}
