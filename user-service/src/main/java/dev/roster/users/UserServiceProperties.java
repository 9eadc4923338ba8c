package dev.roster.users;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of user-service, under {@code roster.users}.
 *
 * @param operatorToken the token ({@code X-Operator-Token}) that may create accounts; unset: nobody may
 * @param issuer the {@code iss} of the access tokens this service signs
 * @param accessTokenTtl how long an access token is valid
 * @param refreshTokenTtl how long a refresh token is valid
 * @param keyRotation how old the signing key gets before a new one replaces it
 * @param schedulerInterval how often scheduled status changes that fell due are applied
 * @param schedulerBatch how many due changes of one account one transaction applies (the next round takes the rest)
 * @param sessionSweepInterval how often the tombstones of revoked sessions whose tokens have expired are swept
 */
@ConfigurationProperties("roster.users")
public record UserServiceProperties(
        String operatorToken,
        @DefaultValue("https://roster.dev") String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("30d") Duration keyRotation,
        @DefaultValue("30s") Duration schedulerInterval,
        @DefaultValue("1000") int schedulerBatch,
        @DefaultValue("1m") Duration sessionSweepInterval) {
}
