package dev.roster.users.role;

import dev.roster.users.access.Grants;
import dev.roster.users.access.RoleKind;
import dev.roster.users.access.GrantPolicy;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.platform.problem.ProblemException;
import dev.roster.users.user.UserSessions;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
    private final Grants grants;
    private final UserSessions sessions;
    private final TransactionalOperator transactions;

    RoleController(DatabaseClient database, Grants grants, UserSessions sessions, TransactionalOperator transactions) {
        this.database = database;
        this.grants = grants;
        this.sessions = sessions;
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
                .then(grants.grantor(caller.accountId(), caller.userId()))
                .flatMap(grantor -> Grants.require(GrantPolicy.editRole(grantor, null, role(id, request), false)))
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
        GrantPolicy.Role after = role(id, request);
        return custom(caller, id)
                .then(validate(caller, request))
                .then(Mono.zip(grants.grantor(caller.accountId(), caller.userId()), stored(caller, id),
                        sessions.holders(id)))
                .flatMap(facts -> Grants.require(GrantPolicy.editRole(facts.getT1(), facts.getT2(), after,
                                facts.getT3().contains(caller.userId())))
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
                        // the holders' tokens carry the old permissions: their sessions end, as after a change of their roles
                        .then(sameReach(facts.getT2(), after) ? Mono.<Void>empty()
                                : sessions.endAll(caller.accountId(), facts.getT3())))
                .as(transactions::transactional)
                .onErrorMap(DuplicateKeyException.class, duplicate -> ProblemException.conflict("role-name-taken",
                        "Another role of this account has this name"))
                .then(find(caller, id));
    }

    @DeleteMapping("/roles/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable UUID id) {
        Caller caller = Caller.from(jwt);
        caller.require(Permission.ROLES_MANAGE);
        return custom(caller, id)
                .then(Mono.zip(grants.grantor(caller.accountId(), caller.userId()), stored(caller, id),
                        sessions.holders(id)))
                .flatMap(facts -> Grants.require(GrantPolicy.deleteRole(facts.getT1(), facts.getT2(),
                                facts.getT3().contains(caller.userId())))
                        .then(database.sql("DELETE FROM role WHERE id = :id AND account_id = :account")
                                .bind("id", id).bind("account", caller.accountId()).then())
                        .then(sessions.endAll(caller.accountId(), facts.getT3())))
                .as(transactions::transactional);
    }

    private Mono<GrantPolicy.Role> stored(Caller caller, UUID id) {
        return grants.roles(caller.accountId(), List.of(id)).mapNotNull(roles -> roles.get(id))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Role " + id)));
    }

    /** The role as a request would make it, for {@link GrantPolicy}. */
    private static GrantPolicy.Role role(UUID id, RoleRequest request) {
        UUID[] departments = departments(request);
        return new GrantPolicy.Role(id, RoleKind.CUSTOM, Set.copyOf(request.permissions()),
                departments == null ? null : Set.of(departments));
    }

    /** Whether a role's permissions and departments stay what they were (only its name may differ). */
    private static boolean sameReach(GrantPolicy.Role before, GrantPolicy.Role after) {
        return before.permissions().equals(after.permissions())
                && java.util.Objects.equals(before.departmentIds(), after.departmentIds());
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
