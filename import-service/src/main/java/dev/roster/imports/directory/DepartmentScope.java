package dev.roster.imports.directory;

import java.util.Set;
import java.util.UUID;

/**
 * Where a permission of the caller applies, over import-service's copy of the department tree: the whole
 * account, or the departments of some subtrees (expanded from the roots the access token names). A new user
 * without a department goes to {@code rootDepartment}, so that is what such a row reaches.
 */
public record DepartmentScope(boolean wholeAccount, Set<UUID> departmentIds, UUID rootDepartment) {

    public static final DepartmentScope WHOLE_ACCOUNT = new DepartmentScope(true, Set.of(), null);

    public DepartmentScope {
        departmentIds = Set.copyOf(departmentIds);
    }

    public boolean contains(UUID departmentId) {
        return wholeAccount || departmentId != null && departmentIds.contains(departmentId);
    }

    /** Whether a user created without a department (placed in the root department) lies in the scope. */
    public boolean containsNewUsersWithoutDepartment() {
        return wholeAccount || contains(rootDepartment);
    }
}
