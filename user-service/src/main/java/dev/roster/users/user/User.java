package dev.roster.users.user;

import dev.roster.events.user.UserProfile;
import dev.roster.events.user.UserStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A user as stored: profile, status, reporting line, sign-in state and optimistic-lock version. */
public record User(
        UUID id,
        UUID accountId,
        String login,
        String email,
        String firstName,
        String lastName,
        UserStatus status,
        LocalDate employmentEndedOn,
        UUID departmentId,
        UUID supervisorId,
        String jobTitle,
        String phone,
        String locale,
        String passwordHash,
        Instant tokensValidAfter,
        Instant lastSignInAt,
        int failedSignIns,
        Instant lockedUntil,
        UserStatus scheduledStatus,
        LocalDate scheduledEffectiveDate,
        List<UUID> roleIds,
        long version) {

    public UserProfile profile() {
        return new UserProfile(id, login, email, firstName, lastName, status, employmentEndedOn, departmentId,
                supervisorId, jobTitle, locale, roleIds, phone);
    }
}
