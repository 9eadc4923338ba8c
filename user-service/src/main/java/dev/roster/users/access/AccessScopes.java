package dev.roster.users.access;

import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.platform.problem.ProblemException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Department scopes of custom roles. A permission held through any unrestricted role applies to the
 * whole account; held only through roles limited to departments, it applies to those departments and
 * everything below them. Outside its scope, the caller is refused (403).
 */
@Component
public class AccessScopes {

    private final DatabaseClient database;

    AccessScopes(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Scope> scope(Caller caller, Permission permission) {
        return database.sql("""
                        WITH held AS (
                            SELECT r.department_ids FROM role r JOIN user_role ur ON ur.role_id = r.id
                            WHERE ur.user_id = :caller AND r.account_id = :account AND :permission = ANY(r.permissions)),
                        roots AS (SELECT DISTINCT unnest(department_ids) AS id FROM held),
                        subtree AS (
                            WITH RECURSIVE below AS (
                                SELECT d.id FROM department d JOIN roots ON d.id = roots.id WHERE d.account_id = :account
                                UNION
                                SELECT d.id FROM department d JOIN below b ON d.parent_id = b.id)
                            SELECT id FROM below)
                        SELECT coalesce(bool_or(department_ids IS NULL), false) AS whole,
                               ARRAY(SELECT id FROM subtree) AS departments
                        FROM held
                        """)
                .bind("caller", caller.userId())
                .bind("account", caller.accountId())
                .bind("permission", permission.name())
                .map(row -> Boolean.TRUE.equals(row.get("whole", Boolean.class)) ? Scope.WHOLE_ACCOUNT
                        : new Scope(false, Set.copyOf(List.of(row.get("departments", UUID[].class)))))
                .one()
                .defaultIfEmpty(new Scope(false, Set.of()));
    }

    /**
     * For each permission the user holds only through roles limited to departments, the roots of those
     * subtrees (unexpanded, so that a service with its own copy of the tree expands them); permissions held
     * through any unrestricted role are left out (they apply to the whole account). What access tokens carry
     * as {@link dev.roster.platform.security.Claims#DEPARTMENT_SCOPES}.
     */
    public Mono<Map<Permission, Set<UUID>>> departmentScopes(UUID accountId, UUID userId) {
        return database.sql("""
                        SELECT p.permission, array_remove(array_agg(DISTINCT d.id), NULL) AS roots
                        FROM user_role ur JOIN role r ON r.id = ur.role_id AND r.account_id = :account
                        CROSS JOIN LATERAL unnest(r.permissions) AS p(permission)
                        LEFT JOIN LATERAL unnest(r.department_ids) AS d(id) ON true
                        WHERE ur.user_id = :user
                        GROUP BY p.permission
                        HAVING bool_and(r.department_ids IS NOT NULL)
                        """)
                .bind("account", accountId)
                .bind("user", userId)
                .map(row -> Map.entry(row.get("permission", String.class), row.get("roots", UUID[].class)))
                .all()
                .collect(() -> new EnumMap<Permission, Set<UUID>>(Permission.class), (scopes, held) -> {
                    try {
                        scopes.put(Permission.valueOf(held.getKey()), Set.of(held.getValue()));
                    }
                    catch (IllegalArgumentException unknown) {
                        // a permission this version does not know grants nothing
                    }
                })
                .map(scopes -> (Map<Permission, Set<UUID>>) scopes);
    }

    /** Fails with 403 unless every one of {@code departmentIds} lies in the caller's scope for {@code permission}. */
    public Mono<Void> requireDepartmentsInScope(Caller caller, Permission permission, UUID... departmentIds) {
        return scope(caller, permission).flatMap(scope -> java.util.Arrays.stream(departmentIds).allMatch(scope::contains)
                ? Mono.empty() : Mono.error(outsideDepartments()));
    }

    /** Fails with 403 when the user exists but lies outside the caller's scope for {@code permission}. */
    public Mono<Void> requireUserInScope(Caller caller, Permission permission, UUID userId) {
        return scope(caller, permission).flatMap(scope -> scope.wholeAccount() ? Mono.empty()
                : departmentOf(caller.accountId(), userId).flatMap(department -> department.isPresent()
                        && scope.contains(department.get()) ? Mono.empty() : Mono.error(outside())));
    }

    /** Fails with 403 when {@code departmentId} lies outside the caller's scope for {@code permission}. */
    public Mono<Void> requireDepartmentInScope(Caller caller, Permission permission, UUID departmentId) {
        return scope(caller, permission).flatMap(scope -> departmentId != null && scope.contains(departmentId) ? Mono.empty()
                : Mono.error(outside()));
    }

    /** Of {@code userIds}, those outside the caller's scope for {@code permission}. */
    public Mono<Set<UUID>> outsideScope(Caller caller, Permission permission, List<UUID> userIds) {
        return scope(caller, permission).flatMap(scope -> scope.wholeAccount() ? Mono.just(Set.<UUID>of())
                : database.sql("SELECT id, department_id FROM app_user WHERE account_id = :account AND id = ANY(:ids)")
                        .bind("account", caller.accountId())
                        .bind("ids", userIds.toArray(UUID[]::new))
                        .map(row -> java.util.Map.entry(row.get("id", UUID.class),
                                java.util.Optional.ofNullable(row.get("department_id", UUID.class))))
                        .all()
                        .filter(user -> user.getValue().map(department -> !scope.contains(department)).orElse(true))
                        .map(java.util.Map.Entry::getKey)
                        .collect(HashSet::new, Set::add));
    }

    private Mono<java.util.Optional<UUID>> departmentOf(UUID accountId, UUID userId) {
        return database.sql("SELECT department_id FROM app_user WHERE account_id = :account AND id = :id")
                .bind("account", accountId).bind("id", userId)
                .map(row -> java.util.Optional.ofNullable(row.get("department_id", UUID.class)))
                .one();
    }

    static ProblemException outside() {
        return ProblemException.forbidden("This user is outside the departments your role covers");
    }

    public static ProblemException outsideDepartments() {
        return ProblemException.forbidden("This reaches outside the departments your role covers");
    }
}
