package dev.roster.users.access;

import dev.roster.platform.security.Permission;
import java.util.EnumSet;
import java.util.Set;

/** The built-in roles every account has, and custom ones. */
public enum RoleKind {
    OWNER("Account Owner", EnumSet.allOf(Permission.class)),
    ADMINISTRATOR("Administrator", EnumSet.allOf(Permission.class)),
    LEARNER("Learner", EnumSet.noneOf(Permission.class)),
    CUSTOM(null, EnumSet.noneOf(Permission.class));

    private final String defaultName;
    private final Set<Permission> permissions;

    RoleKind(String defaultName, Set<Permission> permissions) {
        this.defaultName = defaultName;
        this.permissions = permissions;
    }

    public String defaultName() {
        return defaultName;
    }

    public Set<Permission> builtInPermissions() {
        return permissions;
    }
}
