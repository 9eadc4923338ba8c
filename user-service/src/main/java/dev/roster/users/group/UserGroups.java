package dev.roster.users.group;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The groups many users are in at once, for saying what a change of theirs does to them: the static groups that list
 * them, and the smart groups whose rules select them (department subtree, job title) as {@link GroupMembers} applies
 * them, before its one condition on the status: an EMPLOYMENT_ENDED user is left out of every smart group until active
 * again.
 */
@Component
public class UserGroups {

    private static final String SQL = """
            WITH RECURSIVE smart AS (
                SELECT id, name, rule_department_id, rule_job_title FROM user_group
                WHERE account_id = :account AND kind = 'SMART'
            ), tree AS (
                SELECT s.id AS group_id, d.id AS department_id FROM smart s JOIN department d ON d.id = s.rule_department_id
                UNION ALL
                SELECT t.group_id, d.id FROM tree t JOIN department d ON d.parent_id = t.department_id
            )
            SELECT u.id AS user_id, s.id, s.name, 'SMART' AS kind
            FROM app_user u JOIN smart s
                ON (s.rule_job_title IS NULL OR lower(u.job_title) = lower(s.rule_job_title))
               AND (s.rule_department_id IS NULL
                    OR EXISTS (SELECT 1 FROM tree t WHERE t.group_id = s.id AND t.department_id = u.department_id))
            WHERE u.account_id = :account AND u.id = ANY(:users)
            UNION ALL
            SELECT gm.user_id, g.id, g.name, 'STATIC'
            FROM group_member gm JOIN user_group g ON g.id = gm.group_id
            WHERE g.account_id = :account AND gm.user_id = ANY(:users)
            ORDER BY 1, 3""";

    private final DatabaseClient database;

    UserGroups(DatabaseClient database) {
        this.database = database;
    }

    /** Per user of the account among {@code userIds}, the groups they are in or that select them; users in none are left out. */
    public Mono<Map<UUID, List<Membership>>> of(UUID accountId, Collection<UUID> userIds) {
        return database.sql(SQL)
                .bind("account", accountId)
                .bind("users", userIds.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("user_id", UUID.class), new Membership(row.get("id", UUID.class),
                        row.get("name", String.class), GroupRequest.GroupKind.valueOf(row.get("kind", String.class)))))
                .all()
                .<Map<UUID, List<Membership>>>collect(HashMap::new, (groups, entry) -> groups.computeIfAbsent(entry.getKey(), id -> new ArrayList<>())
                        .add(entry.getValue()));
    }

    /** A group a user is in: {@code kind} SMART when its rules select them. */
    public record Membership(UUID groupId, String name, GroupRequest.GroupKind kind) {
    }
}
