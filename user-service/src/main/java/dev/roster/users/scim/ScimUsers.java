package dev.roster.users.scim;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads users as SCIM resources, and keeps the SCIM attributes Roster's user has no field for. Every other write goes
 * through the API's own services, so that every rule holds.
 */
@Component
class ScimUsers {

    private static final String SELECT = """
            SELECT u.id, coalesce(s.user_name, u.login) AS user_name, u.email, u.first_name, u.last_name, u.phone, u.job_title, u.locale, u.status,
                   u.supervisor_id, u.version, u.created_at, u.updated_at, s.external_id, s.employee_number,
                   coalesce(s.department, d.name) AS department
            FROM app_user u LEFT JOIN scim_identity s ON s.user_id = u.id LEFT JOIN department d ON d.id = u.department_id
            WHERE u.account_id = :account""";

    private final DatabaseClient database;

    ScimUsers(DatabaseClient database) {
        this.database = database;
    }

    Mono<ScimUser> find(UUID accountId, UUID id) {
        return database.sql(SELECT + " AND u.id = :id")
                .bind("account", accountId)
                .bind("id", id)
                .map(ScimUsers::user)
                .one();
    }

    /** A page of the users {@code filter} selects (in the order they were created), and how many it selects in all. */
    Mono<Page> list(UUID accountId, ScimFilter.Sql filter, int startIndex, int count) {
        DatabaseClient.GenericExecuteSpec total = bind(database.sql("SELECT count(*) FROM (" + SELECT + " AND ("
                + filter.condition() + ")) f").bind("account", accountId), filter.parameters());
        DatabaseClient.GenericExecuteSpec page = bind(database.sql(SELECT + " AND (" + filter.condition()
                + ") ORDER BY u.created_at, u.id OFFSET :offset LIMIT :limit").bind("account", accountId), filter.parameters())
                .bind("offset", startIndex - 1)
                .bind("limit", count);
        return Mono.zip(total.map(row -> row.get(0, Long.class)).one(),
                        count == 0 ? Mono.just(List.<ScimUser>of()) : page.map(ScimUsers::user).all().collectList())
                .map(both -> new Page(both.getT1(), both.getT2()));
    }

    /** Whether another user of the account has this external id. */
    Mono<Boolean> externalIdTaken(UUID accountId, String externalId, UUID exceptUserId) {
        if (externalId == null) {
            return Mono.just(false);
        }
        return database.sql("""
                        SELECT count(*) FROM scim_identity WHERE account_id = :account AND external_id = :externalId
                          AND user_id <> :except""")
                .bind("account", accountId)
                .bind("externalId", externalId)
                .bind("except", exceptUserId == null ? new UUID(0, 0) : exceptUserId)
                .map(row -> row.get(0, Long.class) > 0)
                .one();
    }

    /** Keeps the SCIM attributes of a user (in the caller's transaction). */
    Mono<Void> saveIdentity(UUID accountId, UUID userId, String userName, String externalId, String employeeNumber,
            String department) {
        return database.sql("""
                        INSERT INTO scim_identity (user_id, account_id, user_name, external_id, employee_number, department)
                        VALUES (:user, :account, :userName, :externalId, :employeeNumber, :department)
                        ON CONFLICT (user_id) DO UPDATE SET user_name = coalesce(EXCLUDED.user_name, scim_identity.user_name),
                            external_id = EXCLUDED.external_id, employee_number = EXCLUDED.employee_number,
                            department = EXCLUDED.department""")
                .bind("user", userId)
                .bind("account", accountId)
                .bind("userName", Parameter.fromOrEmpty(userName, String.class))
                .bind("externalId", Parameter.fromOrEmpty(externalId, String.class))
                .bind("employeeNumber", Parameter.fromOrEmpty(employeeNumber, String.class))
                .bind("department", Parameter.fromOrEmpty(department, String.class))
                .then();
    }

    /** The account's department whose name is {@code name} (case aside; the shallowest, when several are). */
    Mono<UUID> departmentNamed(UUID accountId, String name) {
        return database.sql("""
                        WITH RECURSIVE tree AS (
                            SELECT id, name, 0 AS depth FROM department WHERE account_id = :account AND parent_id IS NULL
                            UNION ALL
                            SELECT d.id, d.name, t.depth + 1 FROM department d JOIN tree t ON d.parent_id = t.id)
                        SELECT id FROM tree WHERE lower(name) = lower(:name) ORDER BY depth, id LIMIT 1""")
                .bind("account", accountId)
                .bind("name", name)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, Map<String, Object> parameters) {
        for (var parameter : parameters.entrySet()) {
            spec = spec.bind(parameter.getKey(), parameter.getValue());
        }
        return spec;
    }

    private static ScimUser user(Readable row) {
        return new ScimUser(row.get("id", UUID.class), row.get("external_id", String.class), row.get("user_name", String.class),
                row.get("first_name", String.class), row.get("last_name", String.class), row.get("email", String.class),
                row.get("phone", String.class), row.get("job_title", String.class), row.get("locale", String.class),
                row.get("status", String.class), row.get("supervisor_id", UUID.class),
                row.get("employee_number", String.class), row.get("department", String.class),
                row.get("version", Long.class), row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }

    record Page(long total, List<ScimUser> users) {
    }
}
