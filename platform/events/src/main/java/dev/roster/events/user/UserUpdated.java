package dev.roster.events.user;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.util.List;
import java.util.UUID;

/** A user's profile changed; carries the whole new profile and the names of the fields that changed. */
@EventType("user.updated")
public record UserUpdated(UserProfile user, List<String> changedFields, UUID actorId) implements RosterEvent {

    public UserUpdated {
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    }
}
