package dev.roster.users.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Changes to a user; absent (null) fields stay as they are. An empty {@code jobTitle} or
 * {@code phone} clears it; {@code clearSupervisor} removes the direct supervisor.
 */
public record UpdateUserRequest(
        @Size(min = 1, max = 100) @Pattern(regexp = "[^\\s@]+", message = "no spaces or @") String login,
        @Email @Size(min = 3, max = 254) String email,
        @Size(min = 1, max = 100) String firstName,
        @Size(min = 1, max = 100) String lastName,
        UUID departmentId,
        UUID supervisorId,
        Boolean clearSupervisor,
        @Size(max = 200) String jobTitle,
        @Size(max = 50) String phone,
        @Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "a language tag such as en or de-CH") String locale,
        @Size(max = 20) List<UUID> roleIds) {
}
