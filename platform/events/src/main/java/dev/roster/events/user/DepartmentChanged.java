package dev.roster.events.user;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.util.List;
import java.util.UUID;

/**
 * A department was created or changed (name, place in the tree, supervisors). {@code path} is its
 * full name, e.g. {@code My Company / Sales Department}. A learner's supervisors are their direct
 * supervisor plus the supervisors of their department.
 */
@EventType("department.changed")
public record DepartmentChanged(UUID departmentId, UUID parentId, String name, String path, List<UUID> supervisorIds,
        UUID actorId) implements RosterEvent {

    public DepartmentChanged {
        supervisorIds = supervisorIds == null ? List.of() : List.copyOf(supervisorIds);
    }
}
