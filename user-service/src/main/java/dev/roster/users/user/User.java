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

    /** What an administrator edits on the user card (and an import row writes): who they are and where they sit. */
    public record Details(String login, String email, String firstName, String lastName, UUID departmentId,
            UUID supervisorId, String jobTitle, String phone, String locale) {
    }

    /**
     * A user about to be created: never signed in, not locked, nothing scheduled, at version 0.
     *
     * @param tokensValidAfter when their tokens start to count (now)
     */
    public static User create(UUID id, UUID accountId, Details details, UserStatus status, LocalDate employmentEndedOn,
            String passwordHash, Instant tokensValidAfter, List<UUID> roleIds) {
        return new User(id, accountId, details.login(), details.email(), details.firstName(), details.lastName(), status,
                employmentEndedOn, details.departmentId(), details.supervisorId(), details.jobTitle(), details.phone(),
                details.locale(), passwordHash, tokensValidAfter, null, 0, null, null, null, roleIds, 0);
    }

    public Details details() {
        return new Details(login, email, firstName, lastName, departmentId, supervisorId, jobTitle, phone, locale);
    }

    /** This user with other details and roles; status, sign-in state and version as they are. */
    public User with(Details details, List<UUID> roleIds) {
        return new User(id, accountId, details.login(), details.email(), details.firstName(), details.lastName(), status,
                employmentEndedOn, details.departmentId(), details.supervisorId(), details.jobTitle(), details.phone(),
                details.locale(), passwordHash, tokensValidAfter, lastSignInAt, failedSignIns, lockedUntil,
                scheduledStatus, scheduledEffectiveDate, roleIds, version);
    }

    /** This user with another status and end of employment; the rest as it is. */
    public User with(UserStatus status, LocalDate employmentEndedOn) {
        return new User(id, accountId, login, email, firstName, lastName, status, employmentEndedOn, departmentId,
                supervisorId, jobTitle, phone, locale, passwordHash, tokensValidAfter, lastSignInAt, failedSignIns,
                lockedUntil, scheduledStatus, scheduledEffectiveDate, roleIds, version);
    }

    public UserProfile profile() {
        return new UserProfile(id, login, email, firstName, lastName, status, employmentEndedOn, departmentId,
                supervisorId, jobTitle, locale, roleIds, phone);
    }
}
