package dev.roster.events.user;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.util.List;
import java.util.UUID;

/** Users were added to or removed from a static group. (A smart group's members follow from its rules.) */
@EventType("group.members-changed")
public record GroupMembersChanged(UUID groupId, List<UUID> addedUserIds, List<UUID> removedUserIds, UUID actorId)
        implements RosterEvent {

    public GroupMembersChanged {
        addedUserIds = addedUserIds == null ? List.of() : List.copyOf(addedUserIds);
        removedUserIds = removedUserIds == null ? List.of() : List.copyOf(removedUserIds);
    }
}
