package dev.roster.users.signin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A refresh token to exchange or revoke. */
record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
}
