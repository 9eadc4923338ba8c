package dev.roster.users.signin;

import dev.roster.platform.security.Claims;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.roster.platform.security.Permission;
import dev.roster.users.access.AccessScopes;
import dev.roster.users.UserServiceProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Signs short-lived RS256 access tokens: sub, acct, permissions, sid (the session: the refresh-token
 * family, so a sign-out ends its access tokens too), iat (and iat_ms), exp, jti, iss, and for
 * permissions held only through roles limited to departments the roots of those departments
 * ({@link Claims#DEPARTMENT_SCOPES}, absent when every permission applies to the whole account); the key's
 * kid in the header.
 */
@Component
class TokenIssuer {

    private final SigningKeys keys;
    private final AccessScopes scopes;
    private final UserServiceProperties properties;
    private final Clock clock;

    TokenIssuer(SigningKeys keys, AccessScopes scopes, UserServiceProperties properties, Clock clock) {
        this.keys = keys;
        this.scopes = scopes;
        this.properties = properties;
        this.clock = clock;
    }

    public Mono<String> accessToken(UUID userId, UUID accountId, Collection<String> permissions, UUID sessionId) {
        return scopes.departmentScopes(accountId, userId)
                .flatMap(scoped -> keys.current().map(key -> sign(key, userId, accountId, permissions, scoped, sessionId)));
    }

    public long expiresInSeconds() {
        return properties.accessTokenTtl().toSeconds();
    }

    private String sign(RSAKey key, UUID userId, UUID accountId, Collection<String> permissions,
            Map<Permission, Set<UUID>> scoped, UUID sessionId) {
        Instant issued = clock.instant();
        Instant now = issued.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        if (!scoped.isEmpty()) {
            Map<String, List<String>> claim = new TreeMap<>();
            scoped.forEach((permission, roots) -> claim.put(permission.name(),
                    roots.stream().map(UUID::toString).sorted().toList()));
            builder.claim(Claims.DEPARTMENT_SCOPES, claim);
        }
        JWTClaimsSet claims = builder
                .issuer(properties.issuer())
                .subject(userId.toString())
                .claim(Claims.ACCOUNT, accountId.toString())
                .claim(Claims.PERMISSIONS, List.copyOf(permissions))
                .claim(Claims.SESSION_ID, sessionId.toString())
                // iat has whole seconds only; the gateway compares this with the user's tokens-valid-after,
                // so that a session ended and a new one begun within the same second are told apart
                .claim(Claims.ISSUED_AT_MILLIS, issued.toEpochMilli())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.accessTokenTtl())))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Could not sign an access token", ex);
        }
        return jwt.serialize();
    }
}
