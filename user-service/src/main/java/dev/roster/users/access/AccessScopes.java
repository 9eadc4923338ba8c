package dev.roster.users.access;

import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.platform.problem.ProblemException;
import java.util.HashSet;
import java.util.List;
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
}
