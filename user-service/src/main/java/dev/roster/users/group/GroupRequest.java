package dev.roster.users.group;

import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * A group: static (members added by hand) or smart (rules); on change, absent fields stay. A smart
 * group's rules: {@code departmentId} (that department and everything below it) and/or {@code jobTitle}.
 */
public record GroupRequest(
        @Size(min = 1, max = 200) String name,
        GroupKind kind,
        UUID departmentId,
        @Size(max = 200) String jobTitle) {

    /** How a group gets its members. */
    public enum GroupKind {
        STATIC,
        SMART
    }
}
