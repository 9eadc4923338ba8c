package dev.roster.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class VerifiedTokenCacheTest {

    final AtomicInteger verifications = new AtomicInteger();

    @Test
    void aTokenIsVerifiedOnceAndThenRemembered() {
        ReactiveJwtDecoder cache = cache(jwt(Instant.now().plusSeconds(900)));

        StepVerifier.create(cache.decode("token")).expectNextCount(1).verifyComplete();
        StepVerifier.create(cache.decode("token")).expectNextCount(1).verifyComplete();

        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRememberedTokenThatHasExpiredSinceIsRefused() {
        ReactiveJwtDecoder cache = cache(jwt(Instant.now().minusSeconds(1)));
        // the decoder let it through while it was valid; the cache validates it again on every use
        StepVerifier.create(cache.decode("token")).expectNextCount(1).verifyComplete();

        StepVerifier.create(cache.decode("token")).expectError(JwtValidationException.class).verify(Duration.ofSeconds(5));
    }

    @Test
    void aTokenTheDecoderRefusesIsNotRemembered() {
        ReactiveJwtDecoder refusing = token -> {
            verifications.incrementAndGet();
            return Mono.error(new BadJwtException("bad signature"));
        };
        ReactiveJwtDecoder cache = new VerifiedTokenCache(refusing, new JwtTimestampValidator(Duration.ZERO), 10, Duration.ofMinutes(5));

        StepVerifier.create(cache.decode("token")).expectError(BadJwtException.class).verify(Duration.ofSeconds(5));
        StepVerifier.create(cache.decode("token")).expectError(BadJwtException.class).verify(Duration.ofSeconds(5));

        assertThat(verifications).hasValue(2);
    }

    private ReactiveJwtDecoder cache(Jwt decoded) {
        ReactiveJwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return Mono.just(decoded);
        };
        return new VerifiedTokenCache(counting, new JwtTimestampValidator(Duration.ZERO), 10, Duration.ofMinutes(5));
    }

    private static Jwt jwt(Instant expiresAt) {
        return Jwt.withTokenValue("token").header("alg", "RS256").subject("someone")
                .issuedAt(expiresAt.minusSeconds(900)).expiresAt(expiresAt).build();
    }
}
