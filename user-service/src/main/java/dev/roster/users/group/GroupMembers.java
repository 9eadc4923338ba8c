package dev.roster.users.group;

/**
 * The ids of a group's members (binds {@code :group} and {@code :account}): the listed users of a
 * static group, or the users a smart group's rules select: in the rule's department or below it,
 * with the rule's job title, and not employment-ended (they rejoin when active again).
 */
public final class GroupMembers {

    public static final String SQL = """
            WITH RECURSIVE grp AS (
                SELECT id, kind, rule_department_id, rule_job_title FROM user_group
                WHERE id = :group AND account_id = :account),
            sub AS (
                SELECT d.id FROM department d JOIN grp ON d.id = grp.rule_department_id
                UNION ALL
                SELECT d.id FROM department d JOIN sub ON d.parent_id = sub.id)
            SELECT gm.user_id AS id FROM group_member gm JOIN grp ON grp.id = gm.group_id AND grp.kind = 'STATIC'
            UNION ALL
            SELECT m.id FROM app_user m JOIN grp ON grp.kind = 'SMART'
            WHERE m.account_id = :account AND m.status <> 'EMPLOYMENT_ENDED'
              AND (grp.rule_job_title IS NULL OR lower(m.job_title) = lower(grp.rule_job_title))
              AND (grp.rule_department_id IS NULL OR m.department_id IN (SELECT id FROM sub))
            """;

    private GroupMembers() {
    }
}
