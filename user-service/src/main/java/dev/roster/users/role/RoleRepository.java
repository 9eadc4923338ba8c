package dev.roster.users.role;

import dev.roster.users.access.RoleKind;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one writer of the {@code role} table: an account's built-in roles when it is created, and its custom ones. Who
 * holds a role is {@code user_role}'s, written with the users; what a role allows is read by {@code access}.
 */
@Repository
public class RoleRepository {

    private final DatabaseClient database;

    RoleRepository(DatabaseClient database) {
        this.database = database;
    }

    /** The account's roles: the built-in ones first (owner, administrator, learner), then custom ones by name. */
    Flux<RoleController.RoleResponse> list(UUID accountId) {
        return database.sql("""
                        SELECT id, kind, name, permissions, department_ids FROM role
                        WHERE account_id = :account ORDER BY kind <> 'OWNER', kind <> 'ADMINISTRATOR', kind <> 'LEARNER', name
                        """)
                .bind("account", accountId)
                .map(row -> new RoleController.RoleResponse(row.get("id", UUID.class),
                        RoleKind.valueOf(row.get("kind", String.class)), row.get("name", String.class),
                        Arrays.asList(row.get("permissions", String[].class)),
                        row.get("department_ids", UUID[].class) == null ? null
                                : Arrays.asList(row.get("department_ids", UUID[].class))))
                .all();
    }

    /** The kind of a role of the account; empty when it has none with that id. */
    Mono<RoleKind> kind(UUID accountId, UUID id) {
        return database.sql("SELECT kind FROM role WHERE id = :id AND account_id = :account")
                .bind("id", id).bind("account", accountId)
                .map(row -> RoleKind.valueOf(row.get("kind", String.class)))
                .one();
    }

    /** A built-in role of a new account; emits its id. */
    public Mono<UUID> insertBuiltIn(UUID accountId, RoleKind kind) {
        UUID id = UUID.randomUUID();
        return database.sql("""
                        INSERT INTO role (id, account_id, kind, name, permissions)
                        VALUES (:id, :account, :kind, :name, :permissions)
                        """)
                .bind("id", id).bind("account", accountId).bind("kind", kind.name()).bind("name", kind.defaultName())
                .bind("permissions", kind.builtInPermissions().stream().map(Enum::name).sorted().toArray(String[]::new))
                .then().thenReturn(id);
    }

    /** A custom role; {@code departments} null when it covers the whole account. */
    Mono<Void> insertCustom(UUID accountId, UUID id, String name, String[] permissions, UUID[] departments) {
        return database.sql("""
                        INSERT INTO role (id, account_id, kind, name, permissions, department_ids)
                        VALUES (:id, :account, 'CUSTOM', :name, :permissions, :departments)
                        """)
                .bind("id", id).bind("account", accountId).bind("name", name)
                .bind("permissions", permissions)
                .bind("departments", Parameter.fromOrEmpty(departments, UUID[].class))
                .then();
    }

    /** Changes a custom role: its name when {@code name} is not null, its permissions and departments always. */
    Mono<Void> update(UUID accountId, UUID id, String name, String[] permissions, UUID[] departments) {
        return database.sql("""
                        UPDATE role SET name = coalesce(:name, name), permissions = :permissions,
                            department_ids = :departments
                        WHERE id = :id AND account_id = :account
                        """)
                .bind("name", Parameter.fromOrEmpty(name, String.class))
                .bind("permissions", permissions)
                .bind("departments", Parameter.fromOrEmpty(departments, UUID[].class))
                .bind("id", id).bind("account", accountId)
                .then();
    }

    Mono<Void> delete(UUID accountId, UUID id) {
        return database.sql("DELETE FROM role WHERE id = :id AND account_id = :account")
                .bind("id", id).bind("account", accountId)
                .then();
    }
}
