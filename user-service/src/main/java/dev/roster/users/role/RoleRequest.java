package dev.roster.users.role;

import dev.roster.platform.security.Permission;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** A custom role: a name, its permissions, and optionally the department subtrees it is limited to. */
record RoleRequest(
        @Size(min = 1, max = 100) String name,
        @NotEmpty List<Permission> permissions,
        @Size(max = 100) List<UUID> departmentIds) {
}
