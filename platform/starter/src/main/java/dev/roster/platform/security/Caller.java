package dev.roster.platform.security;

import dev.roster.platform.problem.ProblemException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling: their user id, their account, and what they may do (from the access token's
 * {@code sub}, {@code acct} and {@code permissions} claims), and where: {@code departmentScopes} holds,
 * for each permission the caller holds only through roles limited to departments, the roots of those
 * department subtrees (claim {@value Claims#DEPARTMENT_SCOPES}); a held permission not in it applies to the
 * whole account. Every service reads callers this way.
 */
public record Caller(UUID userId, UUID accountId, Set<Permission> permissions,
        Map<Permission, Set<UUID>> departmentScopes) {

    public Caller {
        departmentScopes = departmentScopes == null ? Map.of() : Map.copyOf(departmentScopes);
    }

    /** A caller whose permissions all apply to the whole account. */
    public Caller(UUID userId, UUID accountId, Set<Permission> permissions) {
        this(userId, accountId, permissions, Map.of());
    }

    public static Caller from(Jwt jwt) {
        List<String> claimed = jwt.hasClaim(Claims.PERMISSIONS) ? jwt.getClaimAsStringList(Claims.PERMISSIONS) : List.of();
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String permission : claimed) {
            try {
                permissions.add(Permission.valueOf(permission));
            }
            catch (IllegalArgumentException unknown) {
                // a permission this version does not know grants nothing here
            }
        }
        return new Caller(UUID.fromString(jwt.getSubject()), UUID.fromString(jwt.getClaimAsString(Claims.ACCOUNT)), permissions,
                departmentScopes(jwt.getClaim(Claims.DEPARTMENT_SCOPES)));
    }

    /**
     * The claim read closed: a permission named in it is limited to the departments listed, and an id that
     * cannot be read limits it further rather than widening it.
     */
    private static Map<Permission, Set<UUID>> departmentScopes(Object claim) {
        Map<Permission, Set<UUID>> scopes = new EnumMap<>(Permission.class);
        if (!(claim instanceof Map<?, ?> byPermission)) {
            return scopes;
        }
        byPermission.forEach((name, ids) -> {
            Permission permission;
            try {
                permission = Permission.valueOf(String.valueOf(name));
            }
            catch (IllegalArgumentException unknown) {
                return;
            }
            Set<UUID> roots = new HashSet<>();
            if (ids instanceof Collection<?> listed) {
                for (Object id : listed) {
                    try {
                        roots.add(UUID.fromString(String.valueOf(id)));
                    }
                    catch (IllegalArgumentException unreadable) {
                        // covers nothing
                    }
                }
            }
            scopes.put(permission, Set.copyOf(roots));
        });
        return scopes;
    }

    /**
     * Where {@code permission} applies: empty for the whole account, or the roots of the department subtrees
     * it is limited to (each root and every department below it). Meaningful only for a permission the
     * caller holds.
     */
    public Optional<Set<UUID>> departmentScope(Permission permission) {
        return Optional.ofNullable(departmentScopes.get(permission));
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    /** Fails with 403 unless the caller has {@code permission}. */
    public void require(Permission permission) {
        if (!can(permission)) {
            throw ProblemException.forbidden("This needs the " + permission + " permission");
        }
    }

    /** Fails with 403 unless the caller has at least one of {@code anyOf}. */
    public void requireAny(Permission... anyOf) {
        for (Permission permission : anyOf) {
            if (can(permission)) {
                return;
            }
        }
        throw ProblemException.forbidden("This needs one of the permissions " + java.util.Arrays.toString(anyOf));
    }

    /** Fails with 403 unless the caller has every one of {@code allOf}. */
    public void requireAll(Permission... allOf) {
        for (Permission permission : allOf) {
            if (!can(permission)) {
                throw ProblemException.forbidden("This needs all of the permissions " + java.util.Arrays.toString(allOf));
            }
        }
    }

    public boolean isSelf(UUID userId) {
        return this.userId.equals(userId);
    }
}
