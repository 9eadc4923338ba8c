package dev.roster.users.account;

import dev.roster.platform.problem.ProblemException;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A tenant: every user, department and role belongs to exactly one account. Its owner is protected on every path
 * (the API, bulk, imports, SCIM): always active, never deleted, the owner role never given or taken by an edit.
 */
public record Account(UUID id, String slug, String name, ZoneId timeZone, int seatLimit, UUID ownerId, long version) {

    /** Whether {@code userId} is this account's owner. */
    public boolean isOwner(UUID userId) {
        return userId != null && userId.equals(ownerId);
    }

    /** 409 {@code account-owner-protected}: what was asked of the owner, or of the owner role, is never done. */
    public static ProblemException ownerProtected(String detail) {
        return ProblemException.conflict("account-owner-protected", detail);
    }
}
