package dev.roster.users.signin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Account slug, login (or email) and password. */
record SignInRequest(
        @NotBlank @Size(max = 63) String account,
        @NotBlank @Size(max = 254) String login,
        @NotBlank @Size(max = 128) String password) {
}
