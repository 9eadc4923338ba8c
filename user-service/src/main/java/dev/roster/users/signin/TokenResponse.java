package dev.roster.users.signin;

/** A signed-in session: a short-lived access token and the refresh token that renews it. */
record TokenResponse(String accessToken, String refreshToken, long expiresIn, String tokenType) {
}
