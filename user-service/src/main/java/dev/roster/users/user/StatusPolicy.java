package dev.roster.users.user;

import dev.roster.events.user.UserStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/** The rules of a status change, without Spring: who may not change, when a scheduled change takes effect. */
public final class StatusPolicy {

    /** A scheduled change takes effect at this time of its date, in the account's time zone. */
    public static final LocalTime EFFECTIVE_TIME = LocalTime.of(23, 59);

    private StatusPolicy() {
    }

    /** Why a change to {@code target} is not applied, or empty when it is. */
    public static Optional<SkipReason> check(UserStatus current, UserStatus target, boolean accountOwner,
            boolean seatAvailable) {
        if (accountOwner && ownerKeptFrom(target)) {
            return Optional.of(SkipReason.ACCOUNT_OWNER);
        }
        if (current == target) {
            return Optional.of(SkipReason.ALREADY_IN_STATUS);
        }
        if (target == UserStatus.ACTIVE && !seatAvailable) {
            return Optional.of(SkipReason.SEAT_LIMIT);
        }
        return Optional.empty();
    }

    /** Whether the Account Owner is kept from {@code target}, now or scheduled: every status but ACTIVE. */
    public static boolean ownerKeptFrom(UserStatus target) {
        return target != UserStatus.ACTIVE;
    }

    /** When a change scheduled for {@code date} takes effect: 23:59 that day in {@code zone}. */
    public static Instant effectiveAt(LocalDate date, ZoneId zone) {
        return date.atTime(EFFECTIVE_TIME).atZone(zone).toInstant();
    }

    /** Whether {@code date} can still be scheduled at {@code now}: its 23:59 has not passed. */
    public static boolean isSchedulable(LocalDate date, ZoneId zone, Instant now) {
        return effectiveAt(date, zone).isAfter(now);
    }

    /** The date employment ends on for a change that takes effect at {@code effectiveAt}. */
    public static LocalDate dateIn(Instant effectiveAt, ZoneId zone) {
        return effectiveAt.atZone(zone).toLocalDate();
    }
}
