package dev.roster.events.user;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.util.UUID;

/** A group was deleted, and with it its memberships. */
@EventType("group.deleted")
public record GroupDeleted(UUID groupId, UUID actorId) implements RosterEvent {
}
