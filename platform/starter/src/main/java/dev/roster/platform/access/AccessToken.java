package dev.roster.platform.access;

import dev.roster.platform.security.Claims;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What revocation needs of an access token: whose it is, its session ({@code sid}, the refresh-token
 * family; absent in tokens issued before sessions were named), when it was issued (to the millisecond)
 * and when it expires.
 */
public record AccessToken(UUID userId, UUID sessionId, Instant issuedAt, Instant expiresAt) {

    /** Reads a token whose claims were checked already (see {@code AccessTokenClaims}). */
    public static AccessToken of(Jwt jwt) {
        String session = jwt.getClaimAsString(Claims.SESSION_ID);
        return new AccessToken(UUID.fromString(jwt.getSubject()), session == null ? null : UUID.fromString(session),
                issuedAt(jwt), jwt.getExpiresAt());
    }

    /** When the token was issued, to the millisecond when user-service says so. */
    static Instant issuedAt(Jwt jwt) {
        Object millis = jwt.getClaims().get(Claims.ISSUED_AT_MILLIS);
        return millis instanceof Number number ? Instant.ofEpochMilli(number.longValue()) : jwt.getIssuedAt();
    }
}
