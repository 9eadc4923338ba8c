package dev.roster.users.group;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.user.GroupChanged;
import dev.roster.events.user.GroupDeleted;
import dev.roster.events.user.GroupMembersChanged;
import dev.roster.platform.outbox.Outbox;
import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.users.access.AccessScopes;
import dev.roster.users.access.Scope;
import dev.roster.users.department.DepartmentService;
import dev.roster.users.group.GroupRequest.GroupKind;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Static and smart groups of an account, and the members of static ones.
 *
 * <p>Groups belong to the whole account, but a caller whose role is limited to departments sees only the
 * members in their {@code USERS_VIEW} scope (counts included), adds and removes only users in their
 * {@code USERS_MANAGE} scope, gives a smart group only a department rule inside that scope, and changes or
 * deletes only a group whose every member (and, for a smart group, whose rule) lies inside it.
 */
@Service
public class GroupService {

    private static final String COLUMNS = "g.id, g.name, g.kind, g.rule_department_id, g.rule_job_title";

    private final DatabaseClient database;
    private final DepartmentService departments;
    private final AccessScopes scopes;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final Clock clock;

    GroupService(DatabaseClient database, DepartmentService departments, AccessScopes scopes, Outbox outbox,
            TransactionalOperator transactions, Clock clock) {
        this.database = database;
        this.departments = departments;
        this.scopes = scopes;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Flux<GroupResponse> list(Caller caller) {
        caller.require(Permission.USERS_VIEW);
        return scopes.scope(caller, Permission.USERS_VIEW).flatMapMany(scope -> database
                .sql("SELECT " + COLUMNS + " FROM user_group g WHERE g.account_id = :account ORDER BY lower(g.name)")
                .bind("account", caller.accountId())
                .map(GroupService::row)
                .all()
                .concatMap(group -> withCount(caller.accountId(), group, scope)));
    }

    public Mono<GroupResponse> find(Caller caller, UUID id) {
        caller.require(Permission.USERS_VIEW);
        return database.sql("SELECT " + COLUMNS + " FROM user_group g WHERE g.account_id = :account AND g.id = :id")
                .bind("account", caller.accountId()).bind("id", id)
                .map(GroupService::row)
                .one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Group " + id)))
                .flatMap(group -> scopes.scope(caller, Permission.USERS_VIEW)
                        .flatMap(scope -> withCount(caller.accountId(), group, scope)));
    }

    public Mono<GroupResponse> create(Caller caller, GroupRequest request) {
        caller.require(Permission.USERS_MANAGE);
        if (request.name() == null || request.name().isBlank() || request.kind() == null) {
            return Mono.error(ProblemException.badRequest("validation-failed", "A group needs a name and a kind"));
        }
        if (request.kind() == GroupKind.STATIC && (request.departmentId() != null || request.jobTitle() != null)) {
            return Mono.error(ProblemException.badRequest("invalid-group-rules", "Only smart groups have rules"));
        }
        UUID id = UUID.randomUUID();
        return checkDepartment(caller, request.departmentId())
                .then(request.kind() == GroupKind.SMART ? ruleInScope(caller, request.departmentId()) : Mono.empty())
                .then(database.sql("""
                                INSERT INTO user_group (id, account_id, name, kind, rule_department_id, rule_job_title)
                                VALUES (:id, :account, :name, :kind, :department, :jobTitle)
                                """)
                        .bind("id", id).bind("account", caller.accountId()).bind("name", request.name().strip())
                        .bind("kind", request.kind().name())
                        .bind("department", Parameter.fromOrEmpty(request.departmentId(), UUID.class))
                        .bind("jobTitle", Parameter.fromOrEmpty(blankToNull(request.jobTitle()), String.class))
                        .then())
                .then(announce(caller, id, request.name().strip(), request.kind()))
                .as(transactions::transactional)
                .onErrorMap(DuplicateKeyException.class, duplicate -> nameTaken())
                .then(find(caller, id));
    }

    public Mono<GroupResponse> update(Caller caller, UUID id, GroupRequest request) {
        caller.require(Permission.USERS_MANAGE);
        return find(caller, id).flatMap(current -> {
            if (request.kind() != null && request.kind() != current.kind()) {
                return Mono.error(ProblemException.conflict("group-kind-fixed", "A group's kind cannot change"));
            }
            if (current.kind() == GroupKind.STATIC && (request.departmentId() != null || request.jobTitle() != null)) {
                return Mono.error(ProblemException.badRequest("invalid-group-rules", "Only smart groups have rules"));
            }
            return checkDepartment(caller, request.departmentId())
                    .then(withinScope(caller, current))
                    .then(request.departmentId() == null ? Mono.empty() : ruleInScope(caller, request.departmentId()))
                    .then(database.sql("""
                                    UPDATE user_group SET name = coalesce(:name, name),
                                        rule_department_id = coalesce(:department, rule_department_id),
                                        rule_job_title = CASE WHEN :jobTitle IS NULL THEN rule_job_title
                                                              WHEN :jobTitle = '' THEN NULL ELSE :jobTitle END
                                    WHERE id = :id AND account_id = :account
                                    """)
                            .bind("name", Parameter.fromOrEmpty(request.name() == null ? null : request.name().strip(), String.class))
                            .bind("department", Parameter.fromOrEmpty(request.departmentId(), UUID.class))
                            .bind("jobTitle", Parameter.fromOrEmpty(request.jobTitle() == null ? null : request.jobTitle().strip(),
                                    String.class))
                            .bind("id", id).bind("account", caller.accountId())
                            .then())
                    .then(request.name() == null ? Mono.empty() : announce(caller, id, request.name().strip(), current.kind()))
                    .as(transactions::transactional)
                    .onErrorMap(DuplicateKeyException.class, duplicate -> nameTaken())
                    .then(find(caller, id));
        });
    }

    /** Tells other services the group's name and kind (import-service matches group names with it). */
    private Mono<Void> announce(Caller caller, UUID id, String name, GroupKind kind) {
        return outbox.record(Topics.USERS, EventEnvelope.of(caller.accountId(), id,
                new GroupChanged(id, name, kind.name(), caller.userId()), clock));
    }

    public Mono<Void> delete(Caller caller, UUID id) {
        caller.require(Permission.USERS_MANAGE);
        return database.sql("SELECT " + COLUMNS + " FROM user_group g WHERE g.account_id = :account AND g.id = :id")
                .bind("account", caller.accountId()).bind("id", id)
                .map(GroupService::row)
                .one()
                .flatMap(group -> withinScope(caller, group))
                .then(database.sql("DELETE FROM user_group WHERE id = :id AND account_id = :account")
                        .bind("id", id).bind("account", caller.accountId())
                        .fetch().rowsUpdated())
                .flatMap(deleted -> deleted == 1
                        ? outbox.record(Topics.USERS, EventEnvelope.of(caller.accountId(), id,
                                new GroupDeleted(id, caller.userId()), clock))
                        : Mono.error(ProblemException.notFound("Group " + id)))
                .as(transactions::transactional);
    }

    /** Adds users to a static group; users already in it are left as they are. */
    public Mono<GroupResponse> addMembers(Caller caller, UUID id, List<UUID> userIds) {
        caller.require(Permission.USERS_MANAGE);
        return staticGroup(caller, id)
                .then(scopes.outsideScope(caller, Permission.USERS_MANAGE, userIds.stream().distinct().toList()))
                .flatMap(outside -> outside.isEmpty() ? Mono.empty() : Mono.error(ProblemException.forbidden(
                        "Some of these users are outside the departments your role covers").with("userIds", outside)))
                .then(database.sql("""
                                INSERT INTO group_member (group_id, user_id)
                                SELECT :group, u.id FROM app_user u WHERE u.account_id = :account AND u.id = ANY(:users)
                                ON CONFLICT DO NOTHING
                                RETURNING user_id
                                """)
                        .bind("group", id).bind("account", caller.accountId())
                        .bind("users", userIds.stream().distinct().toArray(UUID[]::new))
                        .map(row -> row.get("user_id", UUID.class)).all().collectList())
                .flatMap(added -> added.isEmpty() ? Mono.empty()
                        : outbox.record(Topics.USERS, EventEnvelope.of(caller.accountId(), id,
                                new GroupMembersChanged(id, added, List.of(), caller.userId()), clock)))
                .as(transactions::transactional)
                .then(find(caller, id));
    }

    /**
     * Adds a user to the account's groups named {@code names} (case-insensitive), in the caller's
     * transaction: static groups get the user (announced per group that changed); smart groups are left to
     * their rules. Emits the groups that changed and the names no group of the account has.
     */
    public Mono<Additions> addToGroupsNamed(UUID accountId, UUID userId, List<String> names, UUID actorId) {
        return addToGroupsNamed(accountId, Map.of(userId, names), actorId).map(additions -> additions.get(userId));
    }

    /**
     * Adds many users to groups as {@link #addToGroupsNamed(UUID, UUID, List, UUID)} does, in three statements
     * whatever their number (each group that changed is announced once, with all the users it gained).
     * Emits what happened for each user.
     */
    public Mono<Map<UUID, Additions>> addToGroupsNamed(UUID accountId, Map<UUID, List<String>> namesByUser, UUID actorId) {
        Map<UUID, List<String>> wanted = new LinkedHashMap<>();
        namesByUser.forEach((userId, names) -> wanted.put(userId, names.stream()
                .filter(name -> name != null && !name.isBlank()).map(String::strip).distinct().toList()));
        String[] distinct = wanted.values().stream().flatMap(List::stream).map(name -> name.toLowerCase(Locale.ROOT))
                .distinct().toArray(String[]::new);
        if (distinct.length == 0) {
            Map<UUID, Additions> none = new HashMap<>();
            wanted.keySet().forEach(userId -> none.put(userId, new Additions(List.of(), List.of())));
            return Mono.just(none);
        }
        return database.sql("""
                        SELECT n.name, g.id, g.kind FROM unnest(:names::text[]) AS n(name)
                        JOIN user_group g ON g.account_id = :account AND lower(g.name) = n.name
                        """)
                .bind("names", distinct).bind("account", accountId)
                .map(row -> new Named(row.get("name", String.class), row.get("id", UUID.class), row.get("kind", String.class)))
                .all()
                .collectMap(Named::name)
                .flatMap(found -> {
                    List<UUID> groupIds = new ArrayList<>();
                    List<UUID> userIds = new ArrayList<>();
                    wanted.forEach((userId, names) -> names.stream()
                            .map(name -> found.get(name.toLowerCase(Locale.ROOT)))
                            .filter(group -> group != null && GroupKind.STATIC.name().equals(group.kind()))
                            .map(Named::id).distinct()
                            .forEach(group -> {
                                groupIds.add(group);
                                userIds.add(userId);
                            }));
                    Mono<List<Map.Entry<UUID, UUID>>> added = groupIds.isEmpty() ? Mono.just(List.of())
                            : database.sql("""
                                            INSERT INTO group_member (group_id, user_id)
                                            SELECT * FROM unnest(:groups::uuid[], :users::uuid[])
                                            ON CONFLICT DO NOTHING
                                            RETURNING group_id, user_id
                                            """)
                                    .bind("groups", groupIds.toArray(UUID[]::new))
                                    .bind("users", userIds.toArray(UUID[]::new))
                                    .map(row -> Map.entry(row.get("group_id", UUID.class), row.get("user_id", UUID.class)))
                                    .all()
                                    .collectList();
                    return added.flatMap(pairs -> {
                        Map<UUID, List<UUID>> gained = new LinkedHashMap<>();
                        Map<UUID, List<UUID>> joined = new HashMap<>();
                        pairs.forEach(pair -> {
                            gained.computeIfAbsent(pair.getKey(), group -> new ArrayList<>()).add(pair.getValue());
                            joined.computeIfAbsent(pair.getValue(), user -> new ArrayList<>()).add(pair.getKey());
                        });
                        Map<UUID, Additions> additions = new HashMap<>();
                        wanted.forEach((userId, names) -> additions.put(userId, new Additions(
                                joined.getOrDefault(userId, List.of()),
                                names.stream().filter(name -> !found.containsKey(name.toLowerCase(Locale.ROOT))).toList())));
                        return outbox.recordAll(Topics.USERS, gained.entrySet().stream()
                                        .map(group -> EventEnvelope.of(accountId, group.getKey(),
                                                new GroupMembersChanged(group.getKey(), group.getValue(), List.of(), actorId),
                                                clock))
                                        .toList())
                                .thenReturn(additions);
                    });
                });
    }

    /** What {@link #addToGroupsNamed} did: the static groups the user joined, and the names of no group. */
    public record Additions(List<UUID> joined, List<String> unknownNames) {
    }

    private record Named(String name, UUID id, String kind) {
    }

    /** Removes users from a static group in one statement; users not in it are passed over. */
    public Mono<GroupResponse> removeMembers(Caller caller, UUID id, List<UUID> userIds) {
        caller.require(Permission.USERS_MANAGE);
        List<UUID> distinct = userIds.stream().distinct().toList();
        return staticGroup(caller, id)
                .then(scopes.outsideScope(caller, Permission.USERS_MANAGE, distinct))
                .flatMap(outside -> outside.isEmpty() ? Mono.empty() : Mono.error(ProblemException.forbidden(
                        "Some of these users are outside the departments your role covers").with("userIds", outside)))
                .then(database.sql("DELETE FROM group_member WHERE group_id = :group AND user_id = ANY(:users) RETURNING user_id")
                        .bind("group", id).bind("users", distinct.toArray(UUID[]::new))
                        .map(row -> row.get("user_id", UUID.class)).all().collectList())
                .flatMap(removed -> removed.isEmpty() ? Mono.empty()
                        : outbox.record(Topics.USERS, EventEnvelope.of(caller.accountId(), id,
                                new GroupMembersChanged(id, List.of(), removed, caller.userId()), clock)))
                .as(transactions::transactional)
                .then(find(caller, id));
    }

    public Mono<GroupResponse> removeMember(Caller caller, UUID id, UUID userId) {
        caller.require(Permission.USERS_MANAGE);
        return staticGroup(caller, id)
                .then(scopes.requireUserInScope(caller, Permission.USERS_MANAGE, userId))
                .then(database.sql("DELETE FROM group_member WHERE group_id = :group AND user_id = :user")
                        .bind("group", id).bind("user", userId).fetch().rowsUpdated())
                .flatMap(removed -> removed == 0 ? Mono.error(ProblemException.notFound("User " + userId + " in this group"))
                        : outbox.record(Topics.USERS, EventEnvelope.of(caller.accountId(), id,
                                new GroupMembersChanged(id, List.of(), List.of(userId), caller.userId()), clock)))
                .as(transactions::transactional)
                .then(find(caller, id));
    }

    private Mono<Void> staticGroup(Caller caller, UUID id) {
        return find(caller, id).flatMap(group -> group.kind() == GroupKind.STATIC ? Mono.empty()
                : Mono.error(ProblemException.conflict("smart-group", "A smart group's members follow its rules")));
    }

    private Mono<Void> checkDepartment(Caller caller, UUID departmentId) {
        return departmentId == null ? Mono.empty()
                : departments.requireInAccount(caller.accountId(), departmentId, "departmentId").then();
    }

    /** The group with how many of its members the caller may see. */
    private Mono<GroupResponse> withCount(UUID accountId, GroupResponse group, Scope scope) {
        DatabaseClient.GenericExecuteSpec count = scope.wholeAccount()
                ? database.sql("SELECT count(*) FROM (" + GroupMembers.SQL + ") members")
                : database.sql("SELECT count(*) FROM (" + GroupMembers.SQL + ") members"
                                + " JOIN app_user u ON u.id = members.id WHERE u.department_id = ANY(:scope)")
                        .bind("scope", scope.departmentIds().toArray(UUID[]::new));
        return count.bind("group", group.id()).bind("account", accountId)
                .map(row -> row.get(0, Long.class)).one()
                .map(found -> new GroupResponse(group.id(), group.name(), group.kind(), group.rules(), found));
    }

    /** A smart group's rule selects users of that department's subtree, which must lie in the caller's scope. */
    private Mono<Void> ruleInScope(Caller caller, UUID departmentId) {
        return scopes.scope(caller, Permission.USERS_MANAGE).flatMap(scope -> scope.contains(departmentId) ? Mono.empty()
                : Mono.error(ProblemException.forbidden(departmentId == null
                        ? "Your role covers only some departments: give the smart group one of them as its department"
                        : "This department is outside the departments your role covers").with("field", "departmentId")));
    }

    /** Changing or deleting a group touches every member: all of them must lie in the caller's scope. */
    private Mono<Void> withinScope(Caller caller, GroupResponse group) {
        return scopes.scope(caller, Permission.USERS_MANAGE).flatMap(scope -> {
            if (scope.wholeAccount()) {
                return Mono.empty();
            }
            if (group.kind() == GroupKind.SMART && !scope.contains(group.rules().departmentId())) {
                return Mono.error(outsideGroup());
            }
            return database.sql("SELECT count(*) FROM (" + GroupMembers.SQL + ") members"
                            + " JOIN app_user u ON u.id = members.id"
                            + " WHERE u.department_id IS NULL OR NOT u.department_id = ANY(:scope)")
                    .bind("group", group.id()).bind("account", caller.accountId())
                    .bind("scope", scope.departmentIds().toArray(UUID[]::new))
                    .map(row -> row.get(0, Long.class)).one()
                    .flatMap(outside -> outside == 0 ? Mono.<Void>empty() : Mono.error(outsideGroup()));
        });
    }

    private static ProblemException outsideGroup() {
        return ProblemException.forbidden("This group has members outside the departments your role covers");
    }

    private static GroupResponse row(Readable row) {
        GroupKind kind = GroupKind.valueOf(row.get("kind", String.class));
        return new GroupResponse(row.get("id", UUID.class), row.get("name", String.class), kind,
                kind == GroupKind.SMART ? new GroupResponse.Rules(row.get("rule_department_id", UUID.class),
                        row.get("rule_job_title", String.class)) : null, 0);
    }

    private static ProblemException nameTaken() {
        return ProblemException.conflict("group-name-taken", "Another group of this account has this name");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
