package dev.roster.users.department;

import io.r2dbc.spi.Readable;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads and writes the department tree of an account and its supervisors: the one writer of the
 * {@code department} and {@code department_supervisor} tables. The rules of the tree are {@link DepartmentService}'s.
 */
@Repository
public class DepartmentRepository {

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

    /** Below a department: itself and every department under it, at any depth (UNION: it ends even on a cycle). */
    private static final String BELOW = """
            WITH RECURSIVE below AS (
                SELECT id FROM department WHERE id = :id
                UNION
                SELECT d.id FROM department d JOIN below b ON d.parent_id = b.id)
            """;

    private final DatabaseClient database;

    DepartmentRepository(DatabaseClient database) {
        this.database = database;
    }

    /** The account's departments in the order of their paths; only those of {@code scope} unless it is null. */
    Flux<Department> list(UUID accountId, Collection<UUID> scope) {
        DatabaseClient.GenericExecuteSpec query = database.sql(TREE
                        + (scope == null ? "" : " WHERE t.id = ANY(:scope)") + " ORDER BY t.path")
                .bind("account", accountId);
        if (scope != null) {
            query = query.bind("scope", scope.toArray(UUID[]::new));
        }
        return query.map(DepartmentRepository::map).all();
    }

    Mono<Department> find(UUID accountId, UUID id) {
        return database.sql(TREE + " WHERE t.id = :id").bind("account", accountId).bind("id", id)
                .map(DepartmentRepository::map)
                .one();
    }

    /** The account's root department (the first one made, should there ever be two). */
    public Mono<UUID> root(UUID accountId) {
        return database.sql("SELECT id FROM department WHERE account_id = :account AND parent_id IS NULL ORDER BY created_at LIMIT 1")
                .bind("account", accountId).map(row -> row.get(0, UUID.class)).one();
    }

    /** Adds a department under {@code parentId} (null: the account's root); answers its id. */
    public Mono<UUID> insert(UUID accountId, UUID parentId, String name) {
        UUID id = UUID.randomUUID();
        return database.sql("INSERT INTO department (id, account_id, parent_id, name) VALUES (:id, :account, :parent, :name)")
                .bind("id", id).bind("account", accountId)
                .bind("parent", Parameter.fromOrEmpty(parentId, UUID.class))
                .bind("name", name)
                .then().thenReturn(id);
    }

    Mono<Void> move(UUID id, UUID parentId) {
        return database.sql("UPDATE department SET parent_id = :parent WHERE id = :id")
                .bind("parent", parentId).bind("id", id).then();
    }

    Mono<Void> rename(UUID id, String name) {
        return database.sql("UPDATE department SET name = :name WHERE id = :id").bind("name", name).bind("id", id).then();
    }

    Mono<Void> delete(UUID id) {
        return database.sql("DELETE FROM department WHERE id = :id").bind("id", id).then();
    }

    Mono<Long> childCount(UUID id) {
        return database.sql("SELECT count(*) FROM department WHERE parent_id = :id").bind("id", id)
                .map(row -> row.get(0, Long.class)).one();
    }

    /** Whether the account has this department. */
    Mono<Boolean> exists(UUID accountId, UUID id) {
        return database.sql("SELECT id FROM department WHERE account_id = :account AND id = :id")
                .bind("account", accountId).bind("id", id)
                .map(row -> row.get(0, UUID.class)).one().hasElement();
    }

    /** How many of these (distinct) departments the account has. */
    Mono<Long> countIn(UUID accountId, UUID[] distinctIds) {
        return database.sql("SELECT count(*) FROM department WHERE account_id = :account AND id = ANY(:ids)")
                .bind("account", accountId).bind("ids", distinctIds)
                .map(row -> row.get(0, Long.class)).one();
    }

    /** The department that {@code names} lead to from the root, one name per level, compared in lower case. */
    Mono<UUID> idByPath(UUID accountId, List<String> names) {
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

    /** Whether {@code candidate} is {@code id} or below it. */
    Mono<Boolean> isBelow(UUID id, UUID candidate) {
        return database.sql(BELOW + "SELECT count(*) FROM below WHERE id = :candidate")
                .bind("id", id).bind("candidate", candidate)
                .map(row -> row.get(0, Long.class) > 0).one();
    }

    /** The departments below {@code id}, not itself. */
    Flux<UUID> below(UUID id) {
        return database.sql(BELOW + "SELECT id FROM below WHERE id <> :id")
                .bind("id", id)
                .map(row -> row.get(0, UUID.class))
                .all();
    }

    /** Adds these users of the account as supervisors of {@code id}; answers how many of them the account has. */
    Mono<Long> addSupervisors(UUID accountId, UUID id, List<UUID> distinctUserIds) {
        return database.sql("""
                        INSERT INTO department_supervisor (department_id, user_id)
                        SELECT :id, u.id FROM app_user u WHERE u.account_id = :account AND u.id = ANY(:users)
                        """)
                .bind("id", id).bind("account", accountId).bind("users", distinctUserIds.toArray(UUID[]::new))
                .fetch().rowsUpdated();
    }

    Mono<Void> clearSupervisors(UUID id) {
        return database.sql("DELETE FROM department_supervisor WHERE department_id = :id").bind("id", id).then();
    }

    private static Department map(Readable row) {
        return new Department(row.get("id", UUID.class), row.get("parent_id", UUID.class), row.get("name", String.class),
                row.get("path", String.class), Arrays.asList(row.get("supervisor_ids", UUID[].class)),
                row.get("user_count", Long.class));
    }
}
