package dev.roster.users.account;

import java.time.ZoneId;
import java.util.UUID;

/** A tenant: every user, department and role belongs to exactly one account. */
public record Account(UUID id, String slug, String name, ZoneId timeZone, int seatLimit, UUID ownerId, long version) {
}
