package dev.roster.users.access;

import java.util.Set;
import java.util.UUID;

/** Where a permission of the caller applies: the whole account, or some departments (subtrees already expanded). */
public record Scope(boolean wholeAccount, Set<UUID> departmentIds) {

    public static final Scope WHOLE_ACCOUNT = new Scope(true, Set.of());

    public boolean contains(UUID departmentId) {
        return wholeAccount || departmentId != null && departmentIds.contains(departmentId);
    }
}
