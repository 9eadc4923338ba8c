package dev.roster.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Real RS256 access tokens, shaped like user-service's, signed with a real key, for services' tests. */
public final class TestTokens {

    public static final String ISSUER = "https://roster.dev";

    private TestTokens() {
    }

    public static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A token of {@code userId} in {@code accountId} with {@code permissions}, valid from issue to expiry. */
    public static String sign(RSAKey key, UUID userId, UUID accountId, List<String> permissions, Instant issuedAt,
            Instant expiresAt, String issuer) {
        return sign(key, claims(userId, accountId, permissions, issuedAt, expiresAt, issuer).build());
    }

    /** As {@link #sign(RSAKey, UUID, UUID, List, Instant, Instant, String)}, with {@code extraClaims} added. */
    public static String sign(RSAKey key, UUID userId, UUID accountId, List<String> permissions, Instant issuedAt,
            Instant expiresAt, String issuer, Map<String, ?> extraClaims) {
        JWTClaimsSet.Builder builder = claims(userId, accountId, permissions, issuedAt, expiresAt, issuer);
        extraClaims.forEach(builder::claim);
        return sign(key, builder.build());
    }

    /** A token of session {@code sessionId} (its {@code sid}), otherwise like {@link #sign(RSAKey, UUID, UUID, List, Instant, Instant, String)}. */
    public static String sign(RSAKey key, UUID userId, UUID accountId, UUID sessionId, List<String> permissions,
            Instant issuedAt, Instant expiresAt, String issuer) {
        return sign(key, claims(userId, accountId, permissions, issuedAt, expiresAt, issuer)
                .claim("sid", sessionId.toString()).build());
    }

    /** The claims of a token shaped like user-service's, for a test to change (drop {@code exp}, a foreign {@code sub}) before signing. */
    public static JWTClaimsSet.Builder claims(UUID userId, UUID accountId, List<String> permissions, Instant issuedAt,
            Instant expiresAt, String issuer) {
        return new JWTClaimsSet.Builder()
                .subject(userId.toString())
                .issuer(issuer)
                .claim("acct", accountId.toString())
                .claim("permissions", permissions)
                .claim("iat_ms", issuedAt.toEpochMilli())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString());
    }

    /** Signs {@code claims} as RS256 with {@code key} (its kid in the header), whatever they hold. */
    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
