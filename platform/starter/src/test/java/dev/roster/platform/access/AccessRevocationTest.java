package dev.roster.platform.access;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.Topics;
import dev.roster.events.user.SessionRevoked;
import dev.roster.events.user.UserAccessChanged;
import dev.roster.events.user.UserStatus;
import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.TestJwtConfiguration;
import dev.roster.testing.TestJwtIssuer;
import dev.roster.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's revocation, as every service gets it: access records on a real broker, tokens
 * signed with a real key, refused by the service's own resource-server chain from its own memory.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@RosterInfrastructure
@Import({TestJwtConfiguration.class, AccessRevocationTest.Endpoint.class})
class AccessRevocationTest {

    @Autowired WebTestClient http;
    @Autowired TestJwtIssuer tokens;
    @Autowired TestKafka kafka;
    @Autowired EventJson json;
    @Autowired AccessStates states;
    @Autowired AccessStateConsumer consumer;

    @Test
    void aTokenOfAUserWhoIsNoLongerActiveIsRefusedWithAnAccessRevokedProblem() {
        UUID user = UUID.randomUUID();
        String token = token(user, UUID.randomUUID());
        get(token).expectStatus().isOk();

        publish(user, new UserAccessChanged(user, UserStatus.EMPLOYMENT_ENDED, Instant.now()));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get(token).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/access-revoked")
                .jsonPath("$.detail").isEqualTo("This user is no longer active"));
        assertThat(states.inactiveStatus(user)).contains("EMPLOYMENT_ENDED");
        assertThat(states.inactiveStatus(UUID.randomUUID())).as("not heard of").isEmpty();
    }

    @Test
    void tokensIssuedBeforeTokensValidAfterAndOfADeletedUserAreRefused() {
        UUID changedPassword = UUID.randomUUID();
        UUID deleted = UUID.randomUUID();
        String old = token(changedPassword, UUID.randomUUID());
        String ofDeleted = token(deleted, UUID.randomUUID());

        publish(changedPassword, new UserAccessChanged(changedPassword, UserStatus.ACTIVE, Instant.now().plusMillis(5)));
        send(deleted.toString(), null);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            get(old).expectStatus().isUnauthorized();
            get(ofDeleted).expectStatus().isUnauthorized();
            assertThat(states.inactiveStatus(deleted)).contains("DELETED");
            assertThat(states.inactiveStatus(changedPassword)).as("active").isEmpty();
        });
    }

    @Test
    void aRevokedSessionIsRefusedWhileAnotherSessionOfTheSameUserKeepsWorking() {
        UUID user = UUID.randomUUID();
        UUID signedOut = UUID.randomUUID();
        String revoked = token(user, signedOut);
        String other = token(user, UUID.randomUUID());

        publish(SessionRevoked.key(signedOut), new SessionRevoked(user, signedOut, Instant.now().plusSeconds(900)));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get(revoked).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/access-revoked"));
        get(other).expectStatus().isOk();

        // the tombstone user-service writes once the session's tokens have expired: forgotten
        send(SessionRevoked.key(signedOut), null);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> get(revoked).expectStatus().isOk());
    }

    @Test
    void afterTheBarrierEveryAccessChangePublishedBeforeItIsKnown() throws Exception {
        // wait for the consumer to sit idle in a poll, as it does between changes
        consumer.caughtUpToNow().get(10, java.util.concurrent.TimeUnit.SECONDS);
        java.util.List<UUID> users = java.util.stream.Stream.generate(UUID::randomUUID).limit(3_000).toList();
        kafka.sendAll(users.stream()
                .map(user -> new ProducerRecord<>(Topics.USER_ACCESS, user.toString(), json.write(EventEnvelope.of(
                        UUID.randomUUID(), user, new UserAccessChanged(user, UserStatus.INACTIVE, Instant.now())))))
                .toList());

        consumer.caughtUpToNow().get(10, java.util.concurrent.TimeUnit.SECONDS);

        // all 3,000 applied the moment the barrier completes: no waiting, no polling
        assertThat(users).allSatisfy(user -> assertThat(states.inactiveStatus(user)).contains("INACTIVE"));
    }

    @Test
    void endedSignalsARevocationAsItHappens() {
        UUID user = UUID.randomUUID();
        AccessToken token = new AccessToken(user, UUID.randomUUID(), Instant.now(), Instant.now().plusSeconds(900));

        StepVerifier.create(states.ended(token))
                .then(() -> publish(user, new UserAccessChanged(user, UserStatus.INACTIVE, Instant.now())))
                .expectNext("This user is no longer active")
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void endedSignalsTheTokensExpiry() {
        AccessToken token = new AccessToken(UUID.randomUUID(), null, Instant.now(), Instant.now().plusMillis(300));

        StepVerifier.create(states.ended(token))
                .expectNextMatches(reason -> reason.startsWith("The access token has expired"))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    private String token(UUID user, UUID session) {
        return tokens.token(user, UUID.randomUUID(), session, Duration.ofMinutes(15));
    }

    private WebTestClient.ResponseSpec get(String token) {
        return http.get().uri("/test/whoami").headers(headers -> headers.setBearerAuth(token)).exchange();
    }

    private void publish(UUID user, UserAccessChanged change) {
        send(user.toString(), json.write(EventEnvelope.of(UUID.randomUUID(), user, change)));
    }

    private void publish(String key, SessionRevoked revoked) {
        send(key, json.write(EventEnvelope.of(UUID.randomUUID(), key, revoked)));
    }

    private void send(String key, byte[] value) {
        kafka.send(Topics.USER_ACCESS, key, value);
    }

    @TestConfiguration
    static class Endpoint {

        @RestController
        static class WhoAmI {

            @GetMapping("/test/whoami")
            Mono<Map<String, String>> whoami(Authentication authentication) {
                return Mono.just(Map.of("name", authentication.getName()));
            }
        }
    }
}
