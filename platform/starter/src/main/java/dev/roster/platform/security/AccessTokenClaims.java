package dev.roster.platform.security;

import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims every access token must carry, whatever decoder checked its signature: an expiry
 * ({@code exp}), the user ({@code sub}) and the account ({@code acct}) as UUIDs, and, when present,
 * the session ({@code sid}) as a UUID. A token without them is refused (401), never a 500 later.
 */
public final class AccessTokenClaims {

    private AccessTokenClaims() {
    }

    /** What is wrong with {@code jwt}'s claims, or empty when nothing is. */
    public static Optional<String> problem(Jwt jwt) {
        if (jwt.getExpiresAt() == null) {
            return Optional.of("The access token has no expiry (exp)");
        }
        if (!isUuid(jwt.getSubject())) {
            return Optional.of("The access token's subject (sub) is not a user id");
        }
        if (!isUuid(jwt.getClaimAsString(Claims.ACCOUNT))) {
            return Optional.of("The access token's account (acct) is missing or not an account id");
        }
        if (jwt.hasClaim(Claims.SESSION_ID) && !isUuid(jwt.getClaimAsString(Claims.SESSION_ID))) {
            return Optional.of("The access token's session (sid) is not a session id");
        }
        return Optional.empty();
    }

    private static boolean isUuid(String value) {
        if (value == null || value.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }
}
