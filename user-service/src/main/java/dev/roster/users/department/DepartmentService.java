package dev.roster.users.department;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.user.DepartmentChanged;
import dev.roster.events.user.DepartmentDeleted;
import dev.roster.platform.outbox.Outbox;
import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.users.access.AccessScopes;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The department tree of an account: each department has one parent (the root has none), a name
 * unique among its siblings, and supervisors. Moving a department under itself or its descendants is
 * refused; only an empty department can be deleted.
 *
 * <p>A caller whose role is limited to departments sees only the departments of that scope
 * ({@code USERS_VIEW}) and changes only inside it ({@code USERS_MANAGE}): a new department goes under a
 * department of the scope; a change needs the department in scope, and a move or a deletion its parent too
 * (a move also the new parent), so that nothing is pulled into or pushed out of the scope.
 */
@Service
public class DepartmentService {

    private static final String TREE = """
            WITH RECURSIVE tree AS (
                SELECT id, parent_id, name, name::text AS path FROM department
                WHERE account_id = :account AND parent_id IS NULL
                UNION ALL
                SELECT d.id, d.parent_id, d.name, t.path || ' / ' || d.name
                FROM department d JOIN tree t ON d.parent_id = t.id)
            SELECT t.id, t.parent_id, t.name, t.path,
                ARRAY(SELECT s.user_id FROM department_supervisor s WHERE s.department_id = t.id ORDER BY s.user_id)
                    AS supervisor_ids,
                (SELECT count(*) FROM app_user u WHERE u.department_id = t.id) AS user_count
            FROM tree t
            """;

    private final DatabaseClient database;
    private final AccessScopes scopes;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final Clock clock;

    DepartmentService(DatabaseClient database, AccessScopes scopes, Outbox outbox, TransactionalOperator transactions,
            Clock clock) {
        this.database = database;
        this.scopes = scopes;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Flux<Department> list(Caller caller) {
        caller.require(Permission.USERS_VIEW);
        return scopes.scope(caller, Permission.USERS_VIEW).flatMapMany(scope -> {
            DatabaseClient.GenericExecuteSpec query = database.sql(TREE
                            + (scope.wholeAccount() ? "" : " WHERE t.id = ANY(:scope)") + " ORDER BY t.path")
                    .bind("account", caller.accountId());
            if (!scope.wholeAccount()) {
                query = query.bind("scope", scope.departmentIds().toArray(UUID[]::new));
            }
            return query.map(row -> new Department(row.get("id", UUID.class), row.get("parent_id", UUID.class),
                            row.get("name", String.class), row.get("path", String.class),
                            Arrays.asList(row.get("supervisor_ids", UUID[].class)), row.get("user_count", Long.class)))
                    .all();
        });
    }

    /** A department the caller may see: 404 when the account has none with this id, 403 outside their scope. */
    public Mono<Department> find(Caller caller, UUID id) {
        caller.require(Permission.USERS_VIEW);
        return find(caller.accountId(), id).flatMap(department -> scopes
                .requireDepartmentsInScope(caller, Permission.USERS_VIEW, id).thenReturn(department));
    }

    public Mono<Department> find(UUID accountId, UUID id) {
        return database.sql(TREE + " WHERE t.id = :id").bind("account", accountId).bind("id", id)
                .map(row -> new Department(row.get("id", UUID.class), row.get("parent_id", UUID.class),
                        row.get("name", String.class), row.get("path", String.class),
                        Arrays.asList(row.get("supervisor_ids", UUID[].class)), row.get("user_count", Long.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Department " + id)));
    }

    public Mono<Department> create(Caller caller, DepartmentRequest request) {
        caller.require(Permission.USERS_MANAGE);
        if (request.name() == null || request.name().isBlank() || request.parentId() == null) {
            return Mono.error(ProblemException.badRequest("validation-failed", "A department needs a name and a parentId"));
        }
        UUID id = UUID.randomUUID();
        return find(caller.accountId(), request.parentId())
                .onErrorMap(ProblemException.class, missing -> unknownParent(request.parentId()))
                .then(scopes.requireDepartmentsInScope(caller, Permission.USERS_MANAGE, request.parentId()))
                .then(database.sql("INSERT INTO department (id, account_id, parent_id, name) VALUES (:id, :account, :parent, :name)")
                        .bind("id", id).bind("account", caller.accountId()).bind("parent", request.parentId())
                        .bind("name", request.name().strip())
                        .then())
                .then(setSupervisors(caller.accountId(), id, request.supervisorIds()))
                .then(changed(caller, id))
                .as(transactions::transactional)
                .onErrorMap(org.springframework.dao.DuplicateKeyException.class, duplicate -> sameName());
    }

    public Mono<Department> update(Caller caller, UUID id, DepartmentRequest request) {
        caller.require(Permission.USERS_MANAGE);
        return find(caller.accountId(), id)
                .flatMap(current -> scopes.requireDepartmentsInScope(caller, Permission.USERS_MANAGE, id).thenReturn(current))
                .flatMap(current -> {
                    Mono<Void> move = Mono.empty();
                    if (request.parentId() != null && !request.parentId().equals(current.parentId())) {
                        if (current.parentId() == null) {
                            return Mono.error(ProblemException.conflict("root-department", "The root department cannot be moved"));
                        }
                        // out of its old place and into the new one: both must be the caller's
                        move = checkNotBelow(caller.accountId(), id, request.parentId())
                                .then(scopes.requireDepartmentsInScope(caller, Permission.USERS_MANAGE,
                                        current.parentId(), request.parentId()))
                                .then(database.sql("UPDATE department SET parent_id = :parent WHERE id = :id")
                                        .bind("parent", request.parentId()).bind("id", id).then());
                    }
                    Mono<Void> rename = request.name() == null ? Mono.empty()
                            : database.sql("UPDATE department SET name = :name WHERE id = :id")
                                    .bind("name", request.name().strip()).bind("id", id).then();
                    Mono<Void> supervisors = request.supervisorIds() == null ? Mono.empty()
                            : database.sql("DELETE FROM department_supervisor WHERE department_id = :id").bind("id", id).then()
                                    .then(setSupervisors(caller.accountId(), id, request.supervisorIds()));
                    return move.then(rename).then(supervisors).then(changedSubtree(caller, id));
                })
                .as(transactions::transactional)
                .onErrorMap(org.springframework.dao.DuplicateKeyException.class, duplicate -> sameName());
    }

    public Mono<Void> delete(Caller caller, UUID id) {
        caller.require(Permission.USERS_MANAGE);
        return find(caller.accountId(), id)
                .flatMap(department -> {
                    if (department.parentId() == null) {
                        return Mono.error(ProblemException.conflict("root-department", "The root department cannot be deleted"));
                    }
                    return scopes.requireDepartmentsInScope(caller, Permission.USERS_MANAGE, id, department.parentId())
                            .thenReturn(department);
                })
                .flatMap(department -> {
                    if (department.userCount() > 0) {
                        return Mono.error(ProblemException.conflict("department-not-empty",
                                "Move the department's " + department.userCount() + " users elsewhere first"));
                    }
                    return database.sql("SELECT count(*) FROM department WHERE parent_id = :id").bind("id", id)
                            .map(row -> row.get(0, Long.class)).one()
                            .flatMap(children -> children > 0
                                    ? Mono.error(ProblemException.conflict("department-not-empty",
                                            "Delete or move its sub-departments first"))
                                    : database.sql("DELETE FROM department WHERE id = :id").bind("id", id).then()
                                            .then(outbox.record(Topics.USERS, EventEnvelope.of(caller.accountId(), id,
                                                    new DepartmentDeleted(id, caller.userId()), clock))));
                })
                .as(transactions::transactional);
    }

    /** The department's id when it belongs to the account; a 400 naming {@code field} otherwise. */
    public Mono<UUID> requireInAccount(UUID accountId, UUID departmentId, String field) {
        return database.sql("SELECT id FROM department WHERE account_id = :account AND id = :id")
                .bind("account", accountId).bind("id", departmentId)
                .map(row -> row.get(0, UUID.class)).one()
                .switchIfEmpty(Mono.error(() -> unknownParent(departmentId).with("field", field)));
    }

    /** Nothing when every one of {@code ids} is a department of the account; a 400 naming {@code field} otherwise. */
    public Mono<Void> requireAllInAccount(UUID accountId, java.util.Collection<UUID> ids, String field) {
        UUID[] distinct = ids.stream().distinct().toArray(UUID[]::new);
        return database.sql("SELECT count(*) FROM department WHERE account_id = :account AND id = ANY(:ids)")
                .bind("account", accountId).bind("ids", distinct)
                .map(row -> row.get(0, Long.class)).one()
                .flatMap(found -> found == distinct.length ? Mono.<Void>empty()
                        : Mono.error(ProblemException.badRequest("unknown-department",
                                "Some departments do not exist in this account").with("field", field)));
    }

    /**
     * The id of the department at {@code path}, written as {@link Department#path()} shows it
     * ({@code My Company / Sales}); names compare case-insensitively (siblings' names differ that way too)
     * and spaces around each name do not matter. Empty when there is no such department.
     */
    public Mono<UUID> idByPath(UUID accountId, String path) {
        List<String> names = Arrays.stream(path.split("/")).map(String::strip).toList();
        if (names.isEmpty() || names.stream().anyMatch(String::isEmpty)) {
            return Mono.empty();
        }
        // walks down only the branch the path names, one level per name
        return database.sql("""
                        WITH RECURSIVE walk AS (
                            SELECT id, 1 AS depth FROM department
                            WHERE account_id = :account AND parent_id IS NULL AND lower(name) = lower((:names::text[])[1])
                            UNION ALL
                            SELECT d.id, w.depth + 1 FROM department d JOIN walk w ON d.parent_id = w.id
                            WHERE w.depth < cardinality(:names::text[])
                              AND lower(d.name) = lower((:names::text[])[w.depth + 1]))
                        SELECT id FROM walk WHERE depth = cardinality(:names::text[])
                        """)
                .bind("account", accountId)
                .bind("names", names.toArray(String[]::new))
                .map(row -> row.get("id", UUID.class))
                .first();
    }

    private Mono<Void> checkNotBelow(UUID accountId, UUID id, UUID newParent) {
        return database.sql("""
                        WITH RECURSIVE below AS (
                            SELECT id FROM department WHERE id = :id
                            UNION ALL
                            SELECT d.id FROM department d JOIN below b ON d.parent_id = b.id)
                        SELECT (SELECT count(*) FROM below WHERE id = :parent) AS cycle,
                               (SELECT count(*) FROM department WHERE id = :parent AND account_id = :account) AS exists
                        """)
                .bind("id", id).bind("parent", newParent).bind("account", accountId)
                .map(row -> new long[] {row.get("cycle", Long.class), row.get("exists", Long.class)})
                .one()
                .flatMap(check -> check[1] == 0 ? Mono.error(unknownParent(newParent))
                        : check[0] > 0 ? Mono.error(ProblemException.conflict("department-cycle",
                                "A department cannot be moved under itself or one of its sub-departments"))
                        : Mono.empty());
    }

    private Mono<Void> setSupervisors(UUID accountId, UUID id, List<UUID> supervisorIds) {
        if (supervisorIds == null || supervisorIds.isEmpty()) {
            return Mono.empty();
        }
        List<UUID> distinct = supervisorIds.stream().distinct().toList();
        return database.sql("""
                        INSERT INTO department_supervisor (department_id, user_id)
                        SELECT :id, u.id FROM app_user u WHERE u.account_id = :account AND u.id = ANY(:users)
                        """)
                .bind("id", id).bind("account", accountId).bind("users", distinct.toArray(UUID[]::new))
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == distinct.size() ? Mono.empty()
                        : Mono.error(ProblemException.badRequest("unknown-supervisor",
                                "Some supervisors do not exist in this account").with("field", "supervisorIds")));
    }

    private Mono<Department> changed(Caller caller, UUID id) {
        return find(caller.accountId(), id).flatMap(department -> outbox.record(Topics.USERS,
                        EventEnvelope.of(caller.accountId(), id, new DepartmentChanged(id, department.parentId(),
                                department.name(), department.path(), department.supervisorIds(), caller.userId()), clock))
                .thenReturn(department));
    }

    /** A rename or a move changes the path of every department below too: they are all announced. */
    private Mono<Department> changedSubtree(Caller caller, UUID id) {
        return database.sql("""
                        WITH RECURSIVE below AS (
                            SELECT id FROM department WHERE id = :id
                            UNION ALL
                            SELECT d.id FROM department d JOIN below b ON d.parent_id = b.id)
                        SELECT id FROM below WHERE id <> :id
                        """)
                .bind("id", id)
                .map(row -> row.get(0, UUID.class))
                .all()
                .concatMap(child -> changed(caller, child))
                .then(changed(caller, id));
    }

    private static ProblemException unknownParent(UUID parentId) {
        return ProblemException.badRequest("unknown-department", "Department " + parentId + " does not exist in this account")
                .with("field", "parentId");
    }

    private static ProblemException sameName() {
        return ProblemException.conflict("department-name-taken", "A sibling department already has this name");
    }
}
