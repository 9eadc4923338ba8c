package dev.roster.imports.directory;

import dev.roster.events.user.UserStatus;
import java.time.LocalDate;
import java.util.UUID;

/** A user of an account as import-service knows them (from {@code roster.users.v1}). */
public record DirectoryUser(
        UUID id,
        String login,
        String email,
        String firstName,
        String lastName,
        UserStatus status,
        LocalDate employmentEndedOn,
        UUID departmentId,
        UUID supervisorId,
        String jobTitle,
        String phone) {
}
