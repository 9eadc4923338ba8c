package dev.roster.users.setup;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What the operator sends to create an account together with its Account Owner. */
record CreateAccountRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "lower-case letters, digits and dashes, 2 to 63")
        String slug,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 64) String timeZone,
        @NotNull @Min(1) @Max(1_000_000) Integer seatLimit,
        @NotNull @Valid Owner owner) {

    /** The Account Owner: the one user who can never be deactivated, ended or deleted. */
    public record Owner(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[^\\s@]+", message = "no spaces or @") String login,
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 100) String firstName,
            @NotBlank @Size(max = 100) String lastName,
            @NotBlank @Size(min = 8, max = 128) String password) {
    }
}
