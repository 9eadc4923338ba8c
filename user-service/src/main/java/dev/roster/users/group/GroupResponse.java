package dev.roster.users.group;

import java.util.UUID;

/** A group with its rules (smart groups) and how many members it has now. */
public record GroupResponse(UUID id, String name, GroupRequest.GroupKind kind, Rules rules, long memberCount) {

    /** What selects a smart group's members; null for a static group. */
    public record Rules(UUID departmentId, String jobTitle) {
    }
}
