package dev.roster.users.user;

import dev.roster.events.user.UserStatus;
import dev.roster.platform.problem.ProblemException;
import dev.roster.users.access.Scope;
import dev.roster.users.group.GroupMembers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The users list: search {@code q} (name, login, email), filters by status, department (its
 * subtree) and group, a sort among known columns, and paging. Every value is a bind parameter; the sort is
 * chosen from a fixed map, never pasted from the request.
 */
record UserQuery(String q, List<UserStatus> statuses, UUID departmentId, UUID groupId, String sort, int page,
        int size) {

    public static final int MAX_SIZE = 500;

    private static final Map<String, String> SORTS = Map.of(
            "lastName", "lower(u.last_name), lower(u.first_name), u.id",
            "firstName", "lower(u.first_name), lower(u.last_name), u.id",
            "login", "lower(u.login), u.id",
            "email", "lower(u.email), u.id",
            "status", "u.status, lower(u.last_name), u.id",
            "createdAt", "u.created_at, u.id",
            "lastSignInAt", "u.last_sign_in_at NULLS FIRST, u.id");

    public UserQuery {
        if (page < 0) {
            throw ProblemException.badRequest("invalid-page", "page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.badRequest("invalid-page", "size must be between 1 and " + MAX_SIZE);
        }
        String key = sort == null || sort.isBlank() ? "lastName" : sort.startsWith("-") ? sort.substring(1) : sort;
        if (!SORTS.containsKey(key)) {
            throw ProblemException.badRequest("invalid-sort", "sort must be one of " + SORTS.keySet()
                    + ", optionally prefixed with - for descending");
        }
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        q = q == null || q.isBlank() ? null : q.strip();
    }

    Mono<UserPage> run(DatabaseClient database, UUID accountId, Scope scope) {
        StringBuilder where = new StringBuilder(" WHERE u.account_id = :account");
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("account", accountId);
        if (!scope.wholeAccount()) {
            where.append(" AND u.department_id = ANY(:scope)");
            binds.put("scope", scope.departmentIds().toArray(UUID[]::new));
        }
        if (q != null) {
            // "first last first login email": a name either way round, the login or the email, in the one expression
            // that the trigram index app_user_search holds (V12)
            where.append(" AND (u.first_name || ' ' || u.last_name || ' ' || u.first_name || ' ' || u.login || ' ' || u.email)"
                    + " ILIKE :q");
            binds.put("q", "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (!statuses.isEmpty()) {
            where.append(" AND u.status = ANY(:statuses)");
            binds.put("statuses", statuses.stream().map(Enum::name).toArray(String[]::new));
        }
        if (departmentId != null) {
            where.append(" ").append("""
                    AND u.department_id IN (
                        WITH RECURSIVE subtree AS (
                            SELECT id FROM department WHERE id = :department AND account_id = :account
                            UNION ALL
                            SELECT d.id FROM department d JOIN subtree s ON d.parent_id = s.id)
                        SELECT id FROM subtree)""");
            binds.put("department", departmentId);
        }
        if (groupId != null) {
            where.append(" AND u.id IN (").append(GroupMembers.SQL).append(")");
            binds.put("group", groupId);
        }
        String key = sort == null || sort.isBlank() ? "lastName" : sort.startsWith("-") ? sort.substring(1) : sort;
        String order = SORTS.get(key);
        if (sort != null && sort.startsWith("-")) {
            order = String.join(", ", List.of(order.split(", ")).stream().map(column -> column + " DESC").toList());
        }
        DatabaseClient.GenericExecuteSpec count = database.sql("SELECT count(*) FROM app_user u" + where);
        DatabaseClient.GenericExecuteSpec select = database.sql("SELECT " + UserRepository.COLUMNS
                + " FROM app_user u" + where + " ORDER BY " + order + " LIMIT :limit OFFSET :offset");
        for (Map.Entry<String, Object> bind : binds.entrySet()) {
            count = count.bind(bind.getKey(), bind.getValue());
            select = select.bind(bind.getKey(), bind.getValue());
        }
        select = select.bind("limit", size).bind("offset", (long) page * size);
        Mono<Long> total = count.map(row -> row.get(0, Long.class)).one();
        Mono<List<UserResponse>> items = select.map(UserRepository::map).all().map(UserResponse::from)
                .collect(ArrayList::new, List::add);
        return Mono.zip(items, total).map(result -> UserPage.of(result.getT1(), page, size, result.getT2()));
    }
}
