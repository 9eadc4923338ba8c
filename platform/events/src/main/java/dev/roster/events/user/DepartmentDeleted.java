package dev.roster.events.user;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.util.UUID;

/** A department was deleted (it had no users and no sub-departments left). */
@EventType("department.deleted")
public record DepartmentDeleted(UUID departmentId, UUID actorId) implements RosterEvent {
}
