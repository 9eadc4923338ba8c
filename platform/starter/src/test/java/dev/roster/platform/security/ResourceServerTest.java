package dev.roster.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.roster.testing.KraftBroker;
import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.TestTokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Tokens are checked against a real JWKS over HTTP, signed with real RSA keys. */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
@AutoConfigureWebTestClient
@RosterInfrastructure(kafka = false)
class ResourceServerTest {

    static final int PORT = KraftBroker.freePort();
    static final RSAKey KEY = rsaKey("key-1");
    static final RSAKey OTHER_KEY = rsaKey("key-1");

    @DynamicPropertySource
    static void security(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("roster.security.jwk-set-uri", () -> "http://localhost:" + PORT + "/test/jwks");
        registry.add("roster.security.issuer", () -> "https://roster.dev");
        registry.add("roster.security.public-paths", () -> "/test/jwks");
        registry.add("roster.security.revocation.enabled", () -> "false");
    }

    @Autowired WebTestClient http;

    @Test
    void aValidTokenGetsInWithItsPermissionsAsAuthorities() {
        String token = token(KEY, "https://roster.dev", Instant.now().plusSeconds(300));

        http.get().uri("/test/me").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("00000000-0000-0000-0000-0000000000b1")
                .jsonPath("$.authorities").isEqualTo(List.of("USERS_VIEW", "USERS_MANAGE"));
    }

    @Test
    void noTokenGarbageAWrongSignatureAnExpiredTokenOrAnotherIssuerAreUnauthorizedProblems() {
        List<String> refused = List.of(
                "garbage",
                token(OTHER_KEY, "https://roster.dev", Instant.now().plusSeconds(300)),
                token(KEY, "https://roster.dev", Instant.now().minusSeconds(300)),
                token(KEY, "https://evil.example", Instant.now().plusSeconds(300)));
        http.get().uri("/test/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/unauthorized");
        for (String token : refused) {
            http.get().uri("/test/me").headers(headers -> headers.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        JWTClaimsSet claims = claims().expirationTime(null).build();

        refused(TestTokens.sign(KEY, claims)).jsonPath("$.detail").isEqualTo("The access token has no expiry (exp)");
    }

    @Test
    void aTokenWithoutAccountIsRefusedAsAProblemNotAServerError() {
        JWTClaimsSet claims = claims().claim("acct", null).build();

        refused(TestTokens.sign(KEY, claims)).jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("acct"));
    }

    @Test
    void aTokenWhoseSubjectOrAccountIsNoUuidIsRefused() {
        refused(TestTokens.sign(KEY, claims().subject("admin").build()))
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("sub"));
        refused(TestTokens.sign(KEY, claims().claim("acct", "acme").build()));
        refused(TestTokens.sign(KEY, claims().claim("sid", "not-a-session").build()));
    }

    /** Nor does Spring Security wrap each of its filters on every request to ask whether to observe it (CPU per request). */
    @Test
    void springSecurityObservesNothing(@Autowired SecurityObservationSettings observations) {
        assertThat(observations.shouldObserveRequests()).isFalse();
        assertThat(observations.shouldObserveAuthentications()).isFalse();
        assertThat(observations.shouldObserveAuthorizations()).isFalse();
    }

    @Test
    void healthStaysOpen() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    private WebTestClient.BodyContentSpec refused(String token) {
        return http.get().uri("/test/me").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/unauthorized");
    }

    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return TestTokens.claims(UUID.fromString("00000000-0000-0000-0000-0000000000b1"), UUID.randomUUID(),
                List.of("USERS_VIEW"), now, now.plusSeconds(300), "https://roster.dev");
    }

    static String token(RSAKey key, String issuer, Instant expiresAt) {
        return TestTokens.sign(key, UUID.fromString("00000000-0000-0000-0000-0000000000b1"), UUID.randomUUID(),
                List.of("USERS_VIEW", "USERS_MANAGE"), expiresAt.minusSeconds(900), expiresAt, issuer);
    }

    static RSAKey rsaKey(String id) {
        return TestTokens.newKey(id);
    }

    @TestConfiguration
    static class Endpoints {

        @RestController
        static class TestController {

            @GetMapping("/test/jwks")
            Map<String, Object> jwks() {
                return new JWKSet(KEY.toPublicJWK()).toJSONObject();
            }

            @GetMapping("/test/me")
            Mono<Map<String, Object>> me(Authentication authentication) {
                return Mono.just(Map.of("name", authentication.getName(),
                        "authorities", authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList()));
            }
        }
    }
}
