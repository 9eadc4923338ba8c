package dev.roster.events.user;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A snapshot of a user as other services need it: identity, contact, status and reporting line. */
public record UserProfile(
        UUID userId,
        String login,
        String email,
        String firstName,
        String lastName,
        UserStatus status,
        LocalDate employmentEndedOn,
        UUID departmentId,
        UUID supervisorId,
        String jobTitle,
        String locale,
        List<UUID> roleIds,
        String phone) {

    public UserProfile {
        roleIds = roleIds == null ? List.of() : List.copyOf(roleIds);
    }

    /** A profile without a phone number. */
    public UserProfile(UUID userId, String login, String email, String firstName, String lastName, UserStatus status,
            LocalDate employmentEndedOn, UUID departmentId, UUID supervisorId, String jobTitle, String locale,
            List<UUID> roleIds) {
        this(userId, login, email, firstName, lastName, status, employmentEndedOn, departmentId, supervisorId, jobTitle,
                locale, roleIds, null);
    }
}
