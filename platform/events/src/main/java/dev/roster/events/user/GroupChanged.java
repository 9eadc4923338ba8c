package dev.roster.events.user;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.util.UUID;

/**
 * A group was created or renamed (keyed by the group): its name and kind ({@code STATIC}: members added by
 * hand, announced by {@link GroupMembersChanged}; {@code SMART}: members follow rules).
 */
@EventType("group.changed")
public record GroupChanged(UUID groupId, String name, String kind, UUID actorId) implements RosterEvent {
}
