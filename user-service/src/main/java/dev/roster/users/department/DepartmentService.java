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
import dev.roster.users.account.AccountRepository;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
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

    private final DepartmentRepository departments;
    private final AccountRepository accounts;
    private final AccessScopes scopes;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final Clock clock;

    DepartmentService(DepartmentRepository departments, AccountRepository accounts, AccessScopes scopes, Outbox outbox,
            TransactionalOperator transactions, Clock clock) {
        this.departments = departments;
        this.accounts = accounts;
        this.scopes = scopes;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Flux<Department> list(Caller caller) {
        caller.require(Permission.USERS_VIEW);
        return scopes.scope(caller, Permission.USERS_VIEW).flatMapMany(scope ->
                departments.list(caller.accountId(), scope.wholeAccount() ? null : scope.departmentIds()));
    }

    /** A department the caller may see: 404 when the account has none with this id, 403 outside their scope. */
    public Mono<Department> find(Caller caller, UUID id) {
        caller.require(Permission.USERS_VIEW);
        return find(caller.accountId(), id).flatMap(department -> scopes
                .requireDepartmentsInScope(caller, Permission.USERS_VIEW, id).thenReturn(department));
    }

    public Mono<Department> find(UUID accountId, UUID id) {
        return departments.find(accountId, id)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Department " + id)));
    }

    public Mono<Department> create(Caller caller, DepartmentRequest request) {
        caller.require(Permission.USERS_MANAGE);
        if (request.name() == null || request.name().isBlank() || request.parentId() == null) {
            return Mono.error(ProblemException.badRequest("validation-failed", "A department needs a name and a parentId"));
        }
        return find(caller.accountId(), request.parentId())
                .onErrorMap(ProblemException.class, missing -> unknownParent(request.parentId()))
                .then(scopes.requireDepartmentsInScope(caller, Permission.USERS_MANAGE, request.parentId()))
                .then(departments.insert(caller.accountId(), request.parentId(), request.name().strip()))
                .flatMap(id -> setSupervisors(caller.accountId(), id, request.supervisorIds()).then(changed(caller, id)))
                .as(transactions::transactional)
                .onErrorMap(org.springframework.dao.DuplicateKeyException.class, duplicate -> sameName());
    }

    public Mono<Department> update(Caller caller, UUID id, DepartmentRequest request) {
        caller.require(Permission.USERS_MANAGE);
        // moves of one account one after the other: two crossed moves checked at once would each pass and make a cycle
        Mono<?> serialized = request.parentId() == null ? Mono.empty() : accounts.lock(caller.accountId());
        return serialized.then(find(caller.accountId(), id))
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
                                .then(departments.move(id, request.parentId()));
                    }
                    Mono<Void> rename = request.name() == null ? Mono.empty()
                            : departments.rename(id, request.name().strip());
                    Mono<Void> supervisors = request.supervisorIds() == null ? Mono.empty()
                            : departments.clearSupervisors(id).then(setSupervisors(caller.accountId(), id, request.supervisorIds()));
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
                    return departments.childCount(id)
                            .flatMap(children -> children > 0
                                    ? Mono.error(ProblemException.conflict("department-not-empty",
                                            "Delete or move its sub-departments first"))
                                    : departments.delete(id).then(outbox.record(Topics.USERS, EventEnvelope.of(caller.accountId(), id,
                                                    new DepartmentDeleted(id, caller.userId()), clock))));
                })
                .as(transactions::transactional);
    }

    /** The department's id when it belongs to the account; a 400 naming {@code field} otherwise. */
    public Mono<UUID> requireInAccount(UUID accountId, UUID departmentId, String field) {
        return departments.exists(accountId, departmentId)
                .flatMap(exists -> exists ? Mono.just(departmentId)
                        : Mono.error(unknownParent(departmentId).with("field", field)));
    }

    /** Where a user goes: {@code departmentId} when the account has it (a 400 otherwise), the root when it is null. */
    public Mono<UUID> placement(UUID accountId, UUID departmentId) {
        return departmentId == null ? departments.root(accountId)
                : requireInAccount(accountId, departmentId, "departmentId");
    }

    /** Nothing when every one of {@code ids} is a department of the account; a 400 naming {@code field} otherwise. */
    public Mono<Void> requireAllInAccount(UUID accountId, java.util.Collection<UUID> ids, String field) {
        UUID[] distinct = ids.stream().distinct().toArray(UUID[]::new);
        return departments.countIn(accountId, distinct)
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
        return departments.idByPath(accountId, names);
    }

    private Mono<Void> checkNotBelow(UUID accountId, UUID id, UUID newParent) {
        return departments.exists(accountId, newParent)
                .flatMap(exists -> !exists ? Mono.error(unknownParent(newParent)) : departments.isBelow(id, newParent))
                .flatMap(cycle -> cycle ? Mono.<Void>error(ProblemException.conflict("department-cycle",
                        "A department cannot be moved under itself or one of its sub-departments")) : Mono.empty());
    }

    private Mono<Void> setSupervisors(UUID accountId, UUID id, List<UUID> supervisorIds) {
        if (supervisorIds == null || supervisorIds.isEmpty()) {
            return Mono.empty();
        }
        List<UUID> distinct = supervisorIds.stream().distinct().toList();
        return departments.addSupervisors(accountId, id, distinct)
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
        return departments.below(id)
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
