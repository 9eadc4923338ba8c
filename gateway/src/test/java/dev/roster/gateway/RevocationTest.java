package dev.roster.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.Topics;
import dev.roster.events.user.SessionRevoked;
import dev.roster.events.user.UserAccessChanged;
import dev.roster.events.user.UserStatus;
import dev.roster.platform.access.AccessStateConsumer;
import dev.roster.platform.access.AccessStates;
import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.TestKafka;
import dev.roster.testing.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Revocation from real events on a real broker: the gateway refuses a deactivated user's open session at once. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@RosterInfrastructure
class RevocationTest {

    static final FakeUserService USERS = FakeUserService.start();

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("ROSTER_USER_SERVICE_URL", USERS::url);
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Autowired WebTestClient http;
    @Autowired TestKafka kafka;
    @Autowired EventJson json;

    @Test
    void aDeactivatedUsersTokenIsRefusedAndAReactivatedUsersNewTokenWorks() {
        UUID user = UUID.randomUUID();
        Instant signedIn = Instant.now().minusSeconds(60);
        String oldToken = USERS.token(user, signedIn);
        publishActive(user, signedIn.minusSeconds(3600));
        get(oldToken).expectStatus().isOk();

        Instant deactivatedAt = Instant.now();
        publish(user, UserStatus.INACTIVE, deactivatedAt);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> get(oldToken).expectStatus().isUnauthorized()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/access-revoked"));

        publish(user, UserStatus.ACTIVE, deactivatedAt);
        String newToken = USERS.token(user, deactivatedAt.plusSeconds(2));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get(newToken).expectStatus().isOk());
        get(oldToken).expectStatus().isUnauthorized();
    }

    @Test
    void aSessionEndedAndANewOneBegunWithinTheSameSecondAreToldApart() {
        UUID user = UUID.randomUUID();
        Instant second = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String before = USERS.token(user, second.plusMillis(100));
        String after = USERS.token(user, second.plusMillis(700));

        publish(user, UserStatus.ACTIVE, second.plusMillis(400));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get(before).expectStatus().isUnauthorized());
        get(after).expectStatus().isOk();
    }

    @Test
    void aDeletedUserIsRefused() {
        UUID user = UUID.randomUUID();
        String token = USERS.token(user);
        publishActive(user, Instant.now().minusSeconds(3600));
        get(token).expectStatus().isOk();

        send(user, null);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get(token).expectStatus().isUnauthorized());
    }

    @Test
    void theStateIsRebuiltFromTheCompactedTopicAfterARestart() {
        UUID ended = UUID.randomUUID();
        publish(ended, UserStatus.EMPLOYMENT_ENDED, Instant.now());
        String token = USERS.token(ended, Instant.now().minusSeconds(30));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get(token).expectStatus().isUnauthorized());

        // a second gateway starting now reads the topic from the beginning
        AccessStates rebuilt = new AccessStates();
        AccessStateConsumer restarted = new AccessStateConsumer(
                Map.of("bootstrap.servers", kafka.bootstrapServers()), rebuilt, json, Clock.systemUTC(), new SimpleMeterRegistry());
        restarted.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(restarted::isCaughtUp);
            assertThat(rebuilt.refusal(ended, Instant.now().minusSeconds(30))).isPresent();
        }
        finally {
            restarted.stop();
        }
    }

    @Test
    void expiredNotYetValidForgedUnsignedForeignAndGarbageTokensAreRefused() throws Exception {
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        String expired = FakeUserService.sign(USERS.key(), user, now.minusSeconds(3600), now.minusSeconds(1800), FakeUserService.ISSUER);
        String otherKey = FakeUserService.sign(new RSAKeyGenerator(2048).keyID(USERS.key().getKeyID()).generate(), user, now,
                now.plusSeconds(900), FakeUserService.ISSUER);
        String wrongIssuer = FakeUserService.sign(USERS.key(), user, now, now.plusSeconds(900), "https://evil.example");
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder().subject(user.toString()).issuer(FakeUserService.ISSUER)
                .expirationTime(Date.from(now.plusSeconds(900))).build()).serialize();
        SignedJWT notYet = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(USERS.key().getKeyID())
                .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder().subject(user.toString())
                .issuer(FakeUserService.ISSUER).issueTime(Date.from(now)).notBeforeTime(Date.from(now.plusSeconds(3600)))
                .expirationTime(Date.from(now.plusSeconds(7200))).build());
        notYet.sign(new RSASSASigner(USERS.key()));

        for (String token : new String[] {expired, otherKey, wrongIssuer, unsigned, notYet.serialize(), "garbage", "a.b.c"}) {
            get(token).expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void aTokenWithoutExpiryOrAccountOrWithAForeignSubjectIsAnUnauthorizedProblem() {
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        JWTClaimsSet.Builder valid = TestTokens.claims(user, UUID.randomUUID(), List.of("USERS_VIEW"), now, now.plusSeconds(900),
                FakeUserService.ISSUER);
        String noExpiry = TestTokens.sign(USERS.key(), valid.expirationTime(null).build());
        String noAccount = TestTokens.sign(USERS.key(), TestTokens.claims(user, UUID.randomUUID(), List.of(), now,
                now.plusSeconds(900), FakeUserService.ISSUER).claim("acct", null).build());
        String foreignSubject = TestTokens.sign(USERS.key(), TestTokens.claims(user, UUID.randomUUID(), List.of(), now,
                now.plusSeconds(900), FakeUserService.ISSUER).subject("admin").build());

        for (String token : List.of(noExpiry, noAccount, foreignSubject)) {
            get(token).expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/unauthorized");
        }
    }

    @Test
    void aSignedOutSessionIsRefusedWhileTheUsersOtherSessionWorks() {
        UUID user = UUID.randomUUID();
        UUID signedOut = UUID.randomUUID();
        Instant now = Instant.now();
        String revoked = TestTokens.sign(USERS.key(), user, UUID.randomUUID(), signedOut, List.of(), now, now.plusSeconds(900),
                FakeUserService.ISSUER);
        String other = TestTokens.sign(USERS.key(), user, UUID.randomUUID(), UUID.randomUUID(), List.of(), now,
                now.plusSeconds(900), FakeUserService.ISSUER);

        send(SessionRevoked.key(signedOut), json.write(EventEnvelope.of(UUID.randomUUID(), SessionRevoked.key(signedOut),
                new SessionRevoked(user, signedOut, now.plusSeconds(960)))));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get(revoked).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/access-revoked"));
        get(other).expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec get(String token) {
        return http.get().uri("/api/v1/users/me").headers(h -> h.setBearerAuth(token)).exchange();
    }

    /**
     * Publishes an active user's state and waits until the gateway holds it: a token issued before
     * {@code tokensValidAfter} is refused then (a user not heard of is admitted, so an OK alone proves nothing).
     */
    private void publishActive(UUID user, Instant tokensValidAfter) {
        publish(user, UserStatus.ACTIVE, tokensValidAfter);
        String older = FakeUserService.sign(USERS.key(), user, tokensValidAfter.minusSeconds(60), Instant.now().plusSeconds(900),
                FakeUserService.ISSUER);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get(older).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/access-revoked"));
    }

    private void publish(UUID user, UserStatus status, Instant tokensValidAfter) {
        send(user, json.write(EventEnvelope.of(UUID.randomUUID(), user, new UserAccessChanged(user, status, tokensValidAfter))));
    }

    private void send(UUID user, byte[] value) {
        send(user.toString(), value);
    }

    private void send(String key, byte[] value) {
        kafka.send(Topics.USER_ACCESS, key, value);
    }
}
