package dev.roster.testing;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Signs access tokens shaped like user-service's, valid for an hour, with the key {@link TestJwtConfiguration} trusts. */
public final class TestJwtIssuer {

    private final RSAKey key;

    TestJwtIssuer(RSAKey key) {
        this.key = key;
    }

    /** The signing key, to sign tokens of an unusual shape with {@link TestTokens#sign(RSAKey, com.nimbusds.jwt.JWTClaimsSet)}. */
    public RSAKey key() {
        return key;
    }

    /** A token of {@code userId} in {@code accountId} holding {@code permissions} (names as in the token's claim). */
    public String token(UUID userId, UUID accountId, Enum<?>... permissions) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return TestTokens.sign(key, userId, accountId, Arrays.stream(permissions).map(Enum::name).toList(), now,
                now.plus(1, ChronoUnit.HOURS), TestTokens.ISSUER);
    }

    /**
     * A token whose permissions named in {@code departmentScopes} are limited to those departments' subtrees
     * (the {@code department_scopes} claim user-service adds for roles limited to departments).
     */
    public String scopedToken(UUID userId, UUID accountId, Map<? extends Enum<?>, List<UUID>> departmentScopes,
            Enum<?>... permissions) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, List<String>> claim = new java.util.LinkedHashMap<>();
        departmentScopes.forEach((permission, ids) -> claim.put(permission.name(),
                ids.stream().map(UUID::toString).toList()));
        return TestTokens.sign(key, userId, accountId, Arrays.stream(permissions).map(Enum::name).toList(), now,
                now.plus(1, ChronoUnit.HOURS), TestTokens.ISSUER, Map.of("department_scopes", claim));
    }

    /** A token of session {@code sessionId} (its {@code sid}) issued now, expiring after {@code lifetime} (a short-lived one, say). */
    public String token(UUID userId, UUID accountId, UUID sessionId, Duration lifetime, Enum<?>... permissions) {
        Instant now = Instant.now();
        return TestTokens.sign(key, userId, accountId, sessionId, Arrays.stream(permissions).map(Enum::name).toList(), now,
                now.plus(lifetime), TestTokens.ISSUER);
    }
}
