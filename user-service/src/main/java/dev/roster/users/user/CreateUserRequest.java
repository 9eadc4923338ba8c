package dev.roster.users.user;

import dev.roster.events.user.UserStatus;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** A new user: their writable fields, an optional first password and status (active by default). */
public record CreateUserRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[^\\s@]+", message = "no spaces or @") String login,
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 100) String firstName,
        @NotBlank @Size(max = 100) String lastName,
        UUID departmentId,
        UUID supervisorId,
        @Size(max = 200) String jobTitle,
        @Size(max = 50) String phone,
        @Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "a language tag such as en or de-CH") String locale,
        @Size(max = 20) List<UUID> roleIds,
        @Size(min = 8, max = 128) String password,
        UserStatus status) {
}
