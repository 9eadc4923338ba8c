package dev.roster.users.access;

import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.users.access.GrantPolicy.Grantor;
import dev.roster.users.access.GrantPolicy.HeldRole;
import dev.roster.users.access.GrantPolicy.Holder;
import dev.roster.users.access.GrantPolicy.Refusal;
import dev.roster.users.access.GrantPolicy.Role;
import dev.roster.users.account.Account;
import io.r2dbc.spi.Readable;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Looks up what {@link GrantPolicy} decides on (the acting user's roles as stored now, the roles of the user
 * acted on, the roles being granted) and turns its refusals into problems (403, or 409 for the Account
 * Owner role).
 */
@Component
public class Grants {

    private static final String ROLE_COLUMNS = "r.id, r.kind, r.permissions, r.department_ids";

    private final DatabaseClient database;

    Grants(DatabaseClient database) {
        this.database = database;
    }

    /** The acting user as the policy sees them, from their roles as stored now (a demoted user's token says more). */
    public Mono<Grantor> grantor(UUID accountId, UUID userId) {
        return database.sql("SELECT " + ROLE_COLUMNS + """
                        , ARRAY(
                            WITH RECURSIVE below AS (
                                SELECT d.id FROM department d WHERE d.account_id = :account AND d.id = ANY(r.department_ids)
                                UNION
                                SELECT d.id FROM department d JOIN below b ON d.parent_id = b.id)
                            SELECT id FROM below) AS subtree
                        FROM role r JOIN user_role ur ON ur.role_id = r.id
                        WHERE ur.user_id = :user AND r.account_id = :account
                        """)
                .bind("account", accountId)
                .bind("user", userId)
                .map(row -> new HeldRole(role(row), new HashSet<>(Arrays.asList(row.get("subtree", UUID[].class)))))
                .all()
                .collectList()
                .zipWith(isOwner(accountId, userId))
                .map(held -> Grantor.of(userId, held.getT2(), held.getT1()));
    }

    /** The user acted on, or empty when the account has no such user. */
    public Mono<Holder> holder(UUID accountId, UUID userId) {
        return database.sql("""
                        SELECT u.department_id, a.owner_id = u.id AS owner,
                            ARRAY(SELECT ur.role_id FROM user_role ur WHERE ur.user_id = u.id) AS role_ids
                        FROM app_user u JOIN account a ON a.id = u.account_id
                        WHERE u.account_id = :account AND u.id = :user
                        """)
                .bind("account", accountId)
                .bind("user", userId)
                .map(row -> new Object[] {row.get("department_id", UUID.class), row.get("owner", Boolean.class),
                        row.get("role_ids", UUID[].class)})
                .one()
                .flatMap(found -> roles(accountId, Arrays.asList((UUID[]) found[2])).map(roles -> new Holder(userId,
                        Boolean.TRUE.equals(found[1]), (UUID) found[0], List.copyOf(roles.values()))));
    }

    /** Fails with 403 {@code privileged-user} when the caller may not change the status of {@code userId} or delete them. */
    public Mono<Void> requireStatusChangeable(Caller caller, UUID userId) {
        return privileged(caller, List.of(userId))
                .flatMap(privileged -> privileged.isEmpty() ? Mono.<Void>empty() : Mono.error(problem(Refusal.PRIVILEGED_USER)));
    }

    /**
     * Of {@code userIds}, those whose status the caller may not change nor delete them, as {@link
     * GrantPolicy#changeStatus} decides: three statements whatever their number.
     */
    public Mono<Set<UUID>> privileged(Caller caller, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Mono.just(Set.of());
        }
        Mono<List<Object[]>> users = database.sql("""
                        SELECT u.id, u.department_id, a.owner_id = u.id AS owner,
                            ARRAY(SELECT ur.role_id FROM user_role ur WHERE ur.user_id = u.id) AS role_ids
                        FROM app_user u JOIN account a ON a.id = u.account_id
                        WHERE u.account_id = :account AND u.id = ANY(:ids)
                        """)
                .bind("account", caller.accountId())
                .bind("ids", new HashSet<>(userIds).toArray(UUID[]::new))
                .map(row -> new Object[] {row.get("id", UUID.class), row.get("department_id", UUID.class),
                        row.get("owner", Boolean.class), row.get("role_ids", UUID[].class)})
                .all()
                .collectList();
        return Mono.zip(statusChanges(caller), users).map(facts -> {
            Set<UUID> privileged = new HashSet<>();
            for (Object[] user : facts.getT2()) {
                if (facts.getT1().privileged((UUID) user[0], Boolean.TRUE.equals(user[2]), (UUID) user[1],
                        Arrays.asList((UUID[]) user[3]))) {
                    privileged.add((UUID) user[0]);
                }
            }
            return privileged;
        });
    }

    /**
     * {@link GrantPolicy#changeStatus} for the caller, to apply to users read already (a bulk action reads its
     * users once): two statements, the caller's roles and the account's.
     */
    public Mono<StatusChangeCheck> statusChanges(Caller caller) {
        return Mono.zip(grantor(caller.accountId(), caller.userId()), allRoles(caller.accountId()))
                .map(facts -> (userId, accountOwner, departmentId, roleIds) -> {
                    List<Role> roles = roleIds.stream().map(facts.getT2()::get).filter(java.util.Objects::nonNull).toList();
                    return GrantPolicy.changeStatus(facts.getT1(), new Holder(userId, accountOwner, departmentId, roles))
                            .isPresent();
                });
    }

    /** Whether the caller may not change a user's status nor delete them (the user holds more than the caller). */
    @FunctionalInterface
    public interface StatusChangeCheck {

        boolean privileged(UUID userId, boolean accountOwner, UUID departmentId, Collection<UUID> roleIds);
    }

    /** The account's roles among {@code roleIds}, by id (unknown ids are left out). */
    public Mono<Map<UUID, Role>> roles(UUID accountId, Collection<UUID> roleIds) {
        if (roleIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return database.sql("SELECT " + ROLE_COLUMNS + " FROM role r WHERE r.account_id = :account AND r.id = ANY(:ids)")
                .bind("account", accountId)
                .bind("ids", new HashSet<>(roleIds).toArray(UUID[]::new))
                .map(Grants::role)
                .all()
                .collectMap(Role::id);
    }

    /** Every role of the account, by id. */
    public Mono<Map<UUID, Role>> allRoles(UUID accountId) {
        return database.sql("SELECT " + ROLE_COLUMNS + " FROM role r WHERE r.account_id = :account")
                .bind("account", accountId)
                .map(Grants::role)
                .all()
                .collectMap(Role::id);
    }

    /** Fails with the refusal's problem, if any. */
    public static Mono<Void> require(Optional<Refusal> refusal) {
        return refusal.map(refused -> Mono.<Void>error(problem(refused))).orElse(Mono.empty());
    }

    /** The problem a refusal answers with. */
    public static ProblemException problem(Refusal refusal) {
        return switch (refusal) {
            case ROLES_MANAGE_NEEDED -> forbidden("roles-manage-needed",
                    "Assigning, removing and editing roles needs the " + Permission.ROLES_MANAGE + " permission");
            case OWN_ROLES -> forbidden("own-roles", "Nobody changes their own roles; ask another administrator");
            case OWN_ROLE -> forbidden("own-role", "Nobody edits or deletes a role they hold; ask another administrator");
            case ACCOUNT_OWNER -> forbidden("account-owner-only",
                    "Only the Account Owner changes the Account Owner's password, login, email and roles");
            case OWNER_ROLE -> Account.ownerProtected(
                    "An account has exactly one Account Owner; the role cannot be given or taken");
            case PERMISSION_NOT_HELD -> forbidden("permission-not-held",
                    "Nobody grants a permission they do not hold themselves");
            case SCOPE_TOO_WIDE -> forbidden("scope-too-wide",
                    "The role reaches departments beyond those where you hold its permissions");
            case OUT_OF_SCOPE -> AccessScopes.outside();
            case PRIVILEGED_USER -> forbidden("privileged-user",
                    "This user holds permissions you lack (or holds them for more departments)");
        };
    }

    private Mono<Boolean> isOwner(UUID accountId, UUID userId) {
        return database.sql("SELECT owner_id = :user AS owner FROM account WHERE id = :account")
                .bind("account", accountId)
                .bind("user", userId)
                .map(row -> Boolean.TRUE.equals(row.get("owner", Boolean.class)))
                .one()
                .defaultIfEmpty(false);
    }

    private static Role role(Readable row) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String name : row.get("permissions", String[].class)) {
            try {
                permissions.add(Permission.valueOf(name));
            }
            catch (IllegalArgumentException unknown) {
                // a permission this version does not know grants nothing here
            }
        }
        UUID[] departments = row.get("department_ids", UUID[].class);
        return new Role(row.get("id", UUID.class), RoleKind.valueOf(row.get("kind", String.class)), permissions,
                departments == null ? null : new HashSet<>(Arrays.asList(departments)));
    }

    private static ProblemException forbidden(String slug, String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, slug, "Forbidden", detail);
    }
}
