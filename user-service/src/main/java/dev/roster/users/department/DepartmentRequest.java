package dev.roster.users.department;

import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** A new department (name and parent required) or changes to one (absent fields unchanged). */
record DepartmentRequest(
        @Size(min = 1, max = 200) String name,
        UUID parentId,
        @Size(max = 50) List<UUID> supervisorIds) {
}
