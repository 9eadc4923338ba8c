package dev.roster.users.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.roster.events.user.UserStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A user as clients see it (never the password hash or sign-in counters). */
public record UserResponse(
        UUID id,
        String login,
        String email,
        String firstName,
        String lastName,
        UserStatus status,
        LocalDate employmentEndedOn,
        ScheduledStatusChange scheduledStatusChange,
        UUID departmentId,
        UUID supervisorId,
        String jobTitle,
        String phone,
        String locale,
        List<UUID> roleIds,
        Instant lastSignInAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {

    /** A status change waiting for its date (it takes effect at 23:59 that day, account time). */
    public record ScheduledStatusChange(UserStatus status, LocalDate effectiveDate) {
    }

    public static UserResponse from(User user) {
        return from(user, List.of());
    }

    public static UserResponse from(User user, List<String> warnings) {
        return new UserResponse(user.id(), user.login(), user.email(), user.firstName(), user.lastName(),
                user.status(), user.employmentEndedOn(),
                user.scheduledStatus() == null ? null
                        : new ScheduledStatusChange(user.scheduledStatus(), user.scheduledEffectiveDate()),
                user.departmentId(), user.supervisorId(), user.jobTitle(), user.phone(), user.locale(),
                user.roleIds(), user.lastSignInAt(), warnings);
    }
}
