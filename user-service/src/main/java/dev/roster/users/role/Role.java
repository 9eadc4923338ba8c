package dev.roster.users.role;

import dev.roster.platform.security.Permission;
import dev.roster.users.access.GrantPolicy;
import dev.roster.users.access.RoleKind;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A role as stored: a named set of permissions ({@link dev.roster.platform.security.Permission} names, sorted),
 * limited to department subtrees when {@code departmentIds} is not null. Written with optimistic locking: a change
 * saved from a stale copy fails instead of overwriting the one between.
 */
@Table("role")
public record Role(@Id UUID id, UUID accountId, RoleKind kind, String name, String[] permissions, UUID[] departmentIds,
        @Version Long version) {

    /** The built-in role of {@code kind} of a new account. */
    public static Role builtIn(UUID accountId, RoleKind kind) {
        return new Role(UUID.randomUUID(), accountId, kind, kind.defaultName(),
                kind.builtInPermissions().stream().map(Enum::name).sorted().toArray(String[]::new), null, null);
    }

    /** A new custom role. */
    static Role custom(UUID id, UUID accountId, String name, String[] permissions, UUID[] departmentIds) {
        return new Role(id, accountId, RoleKind.CUSTOM, name, permissions, departmentIds, null);
    }

    /** This role with what it allows replaced, and its name when {@code name} is not null. */
    Role with(String name, String[] permissions, UUID[] departmentIds) {
        return new Role(id, accountId, kind, name == null ? this.name : name, permissions, departmentIds, version);
    }

    /** For Spring Data, which sets the version of a saved copy. */
    Role withVersion(Long version) {
        return new Role(id, accountId, kind, name, permissions, departmentIds, version);
    }

    /** What the role allows, as {@link GrantPolicy} weighs it. */
    GrantPolicy.Role reach() {
        return new GrantPolicy.Role(id, kind, Arrays.stream(permissions).map(Permission::valueOf)
                .collect(Collectors.toUnmodifiableSet()), departmentIds == null ? null : Set.of(departmentIds));
    }

    RoleController.RoleResponse response() {
        return new RoleController.RoleResponse(id, kind, name, List.of(permissions),
                departmentIds == null ? null : Arrays.asList(departmentIds));
    }
}
