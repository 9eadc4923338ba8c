package dev.roster.users.role;

import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.users.access.GrantPolicy;
import dev.roster.users.access.Grants;
import dev.roster.users.access.RoleKind;
import dev.roster.users.department.DepartmentService;
import dev.roster.users.user.UserSessions;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The roles of the caller's account: the built-in ones, and custom ones the caller may create, change and delete
 * ({@code ROLES_MANAGE}, and what {@link GrantPolicy} allows: never more than the caller holds, never a role the caller
 * holds). A change of what a role allows, or its deletion, ends its holders' sessions.
 */
@Service
class RoleService {

    private final RoleRepository roles;
    private final Grants grants;
    private final DepartmentService departments;
    private final UserSessions sessions;
    private final TransactionalOperator transactions;

    RoleService(RoleRepository roles, Grants grants, DepartmentService departments, UserSessions sessions,
            TransactionalOperator transactions) {
        this.roles = roles;
        this.grants = grants;
        this.departments = departments;
        this.sessions = sessions;
        this.transactions = transactions;
    }

    Mono<List<RoleController.RoleResponse>> list(Caller caller) {
        if (!caller.can(Permission.ROLES_MANAGE)) {
            caller.require(Permission.USERS_MANAGE);
        }
        return roles.findAllOfAccount(caller.accountId()).map(Role::response).collectList();
    }

    Mono<RoleController.RoleResponse> create(Caller caller, RoleRequest request) {
        caller.require(Permission.ROLES_MANAGE);
        if (request.name() == null || request.name().isBlank()) {
            return Mono.error(ProblemException.badRequest("validation-failed", "A role needs a name"));
        }
        UUID id = UUID.randomUUID();
        return validate(caller, request)
                .then(grants.grantor(caller.accountId(), caller.userId()))
                .flatMap(grantor -> Grants.require(GrantPolicy.editRole(grantor, null, role(id, request), false)))
                .then(roles.save(Role.custom(id, caller.accountId(), request.name().strip(), names(request.permissions()),
                        departments(request))))
                .onErrorMap(DuplicateKeyException.class, duplicate -> nameTaken())
                .map(Role::response);
    }

    Mono<RoleController.RoleResponse> replace(Caller caller, UUID id, RoleRequest request) {
        caller.require(Permission.ROLES_MANAGE);
        GrantPolicy.Role after = role(id, request);
        return custom(caller, id)
                .flatMap(stored -> validate(caller, request)
                        .then(Mono.zip(grants.grantor(caller.accountId(), caller.userId()), sessions.holders(id)))
                        .flatMap(facts -> Grants.require(GrantPolicy.editRole(facts.getT1(), stored.reach(), after,
                                        facts.getT2().contains(caller.userId())))
                                .then(roles.save(stored.with(request.name() == null ? null : request.name().strip(),
                                        names(request.permissions()), departments(request))))
                                // the holders' tokens carry the old permissions: their sessions end, as after a change
                                // of their roles
                                .flatMap(saved -> (sameReach(stored.reach(), after) ? Mono.<Void>empty()
                                        : sessions.endAll(caller.accountId(), facts.getT2())).thenReturn(saved))))
                .as(transactions::transactional)
                .onErrorMap(DuplicateKeyException.class, duplicate -> nameTaken())
                .onErrorMap(OptimisticLockingFailureException.class, stale -> ProblemException.changedMeanwhile("The role"))
                .map(Role::response);
    }

    Mono<Void> delete(Caller caller, UUID id) {
        caller.require(Permission.ROLES_MANAGE);
        return custom(caller, id)
                .flatMap(stored -> Mono.zip(grants.grantor(caller.accountId(), caller.userId()), sessions.holders(id))
                        .flatMap(facts -> Grants.require(GrantPolicy.deleteRole(facts.getT1(), stored.reach(),
                                        facts.getT2().contains(caller.userId())))
                                .then(roles.deleteUnchanged(stored))
                                .then(sessions.endAll(caller.accountId(), facts.getT2()))))
                .as(transactions::transactional)
                .onErrorMap(OptimisticLockingFailureException.class, stale -> ProblemException.changedMeanwhile("The role"));
    }

    /** Built-in roles are fixed; only custom ones change. */
    private Mono<Role> custom(Caller caller, UUID id) {
        return roles.findByIdAndAccountId(id, caller.accountId())
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Role " + id)))
                .flatMap(role -> role.kind() == RoleKind.CUSTOM ? Mono.just(role)
                        : Mono.<Role>error(ProblemException.conflict("built-in-role", "The built-in roles cannot be changed")));
    }

    private Mono<Void> validate(Caller caller, RoleRequest request) {
        if (request.permissions().contains(Permission.ACCOUNT_MANAGE)) {
            return Mono.error(ProblemException.badRequest("invalid-permission",
                    "Managing the account is for the Account Owner and administrators only").with("field", "permissions"));
        }
        UUID[] limited = departments(request);
        return limited == null ? Mono.empty()
                : departments.requireAllInAccount(caller.accountId(), List.of(limited), "departmentIds");
    }

    /** The role as a request would make it, for {@link GrantPolicy}. */
    private static GrantPolicy.Role role(UUID id, RoleRequest request) {
        UUID[] limited = departments(request);
        return new GrantPolicy.Role(id, RoleKind.CUSTOM, Set.copyOf(request.permissions()),
                limited == null ? null : Set.of(limited));
    }

    /** Whether a role's permissions and departments stay what they were (only its name may differ). */
    private static boolean sameReach(GrantPolicy.Role before, GrantPolicy.Role after) {
        return before.permissions().equals(after.permissions())
                && Objects.equals(before.departmentIds(), after.departmentIds());
    }

    private static UUID[] departments(RoleRequest request) {
        return request.departmentIds() == null || request.departmentIds().isEmpty() ? null
                : request.departmentIds().stream().distinct().toArray(UUID[]::new);
    }

    private static String[] names(List<Permission> permissions) {
        return permissions.stream().distinct().map(Enum::name).sorted().toArray(String[]::new);
    }

    private static ProblemException nameTaken() {
        return ProblemException.conflict("role-name-taken", "Another role of this account has this name");
    }
}
