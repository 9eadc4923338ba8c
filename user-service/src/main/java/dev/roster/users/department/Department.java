package dev.roster.users.department;

import java.util.List;
import java.util.UUID;

/** A department in the account's tree; {@code path} names it from the root, e.g. {@code My Company / Sales}. */
public record Department(UUID id, UUID parentId, String name, String path, List<UUID> supervisorIds, long userCount) {
}
