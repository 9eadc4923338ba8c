package dev.roster.platform.security;

import dev.roster.platform.problem.ProblemException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling: their user id, their account, and what they may do (from the access token's
 * {@code sub}, {@code acct} and {@code permissions} claims). Every service reads callers this way.
 */
public record Caller(UUID userId, UUID accountId, Set<Permission> permissions) {

    public static Caller from(Jwt jwt) {
        List<String> claimed = jwt.hasClaim("permissions") ? jwt.getClaimAsStringList("permissions") : List.of();
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String permission : claimed) {
            try {
                permissions.add(Permission.valueOf(permission));
            }
            catch (IllegalArgumentException unknown) {
                // a permission this version does not know grants nothing here
            }
        }
        return new Caller(UUID.fromString(jwt.getSubject()), UUID.fromString(jwt.getClaimAsString("acct")), permissions);
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
