package dev.roster.users.signin;

import dev.roster.users.credential.SessionRevocations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventJson;
import dev.roster.events.Topics;
import dev.roster.events.user.SessionRevoked;
import dev.roster.testing.MutableClock;
import dev.roster.testing.TestKafka;
import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.TestAccounts.Tenant;
import dev.roster.users.support.UserServiceTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Tokens straight at user-service, past the gateway: user-service refuses them from its own copy of the
 * access state, like the gateway and every other service. A session is a refresh-token family; ending it
 * ends its access tokens too, and nothing else.
 */
@UserServiceTest
class SessionRevocationTest {

    @Autowired WebTestClient http;
    @Autowired SessionRevocations sessions;
    @Autowired MutableClock clock;
    @Autowired TestKafka kafka;
    @Autowired EventJson json;
    TestAccounts accounts;
    Tenant tenant;

    @BeforeEach
    void account() {
        // sign-ins hash passwords: give them time on a busy machine
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        accounts = new TestAccounts(http);
        tenant = accounts.create(10);
    }

    @Test
    void endedAdministratorsTokenIsRefusedStraightAtUserService() {
        UUID administratorRole = roleId("ADMINISTRATOR");
        JsonNode admin = accounts.createUser(tenant.ownerToken(), Map.of("login", "admin", "email", "admin@example.com",
                "firstName", "Ada", "lastName", "Admin", "password", TestAccounts.PASSWORD, "roleIds", List.of(administratorRole)));
        String adminToken = accounts.signIn(tenant.slug(), "admin", TestAccounts.PASSWORD);
        createUser(adminToken, "before-the-end").expectStatus().isCreated();

        accounts.changeStatus(tenant.ownerToken(), UUID.fromString(admin.get("id").asString()), "EMPLOYMENT_ENDED")
                .expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> createUser(adminToken, "after-the-end")
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/access-revoked"));
        http.get().uri("/api/v1/account").headers(h -> h.setBearerAuth(adminToken)).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void signedOutAccessTokenIsRefused() {
        JsonNode session = signIn();
        me(session).expectStatus().isOk();

        signOut(session.get("refreshToken").asString());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> me(session).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/access-revoked"));
    }

    @Test
    void reusedRefreshTokenRevokesTheSessionsAccessToken() {
        JsonNode first = signIn();
        JsonNode rotated = refresh(first.get("refreshToken").asString(), 200);
        me(rotated).expectStatus().isOk();

        // the first refresh token comes back: stolen, so its whole session ends
        refresh(first.get("refreshToken").asString(), 401);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            me(rotated).expectStatus().isUnauthorized();
            me(first).expectStatus().isUnauthorized();
        });
    }

    @Test
    void anotherSessionOfTheSameUserKeepsWorkingAfterASignOut() {
        JsonNode laptop = signIn();
        JsonNode phone = signIn();

        signOut(laptop.get("refreshToken").asString());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> me(laptop).expectStatus().isUnauthorized());
        me(phone).expectStatus().isOk();
        refresh(phone.get("refreshToken").asString(), 200);
    }

    @Test
    void aRevokedSessionIsTombstonedOnTheAccessTopicOnceItsTokensHaveExpired() {
        JsonNode session = signIn();
        String sid = sessionId(session);
        signOut(session.get("refreshToken").asString());
        sessions.sweep().block();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> me(session).expectStatus().isUnauthorized());

        clock.advance(Duration.ofMinutes(17));
        sessions.sweep().block();

        String key = SessionRevoked.KEY_PREFIX + sid;
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Topics.USER_ACCESS)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                seen.addAll(TestKafka.poll(consumer, 100_000, Duration.ofMillis(300)));
                assertThat(seen).filteredOn(record -> key.equals(record.key())).extracting(ConsumerRecord::value)
                        .hasSize(2).last().isNull();
            });
        }
    }

    private String sessionId(JsonNode session) {
        String payload = session.get("accessToken").asString().split("\\.")[1];
        return json.mapper().readTree(java.util.Base64.getUrlDecoder().decode(payload)).get("sid").asString();
    }

    private UUID roleId(String kind) {
        JsonNode roles = http.get().uri("/api/v1/roles").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        for (JsonNode role : roles) {
            if (kind.equals(role.get("kind").asString())) {
                return UUID.fromString(role.get("id").asString());
            }
        }
        throw new IllegalStateException("No role " + kind);
    }

    private WebTestClient.ResponseSpec createUser(String token, String login) {
        return http.post().uri("/api/v1/users").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("login", login, "email", login + "@example.com", "firstName", "F", "lastName", "L"))
                .exchange();
    }

    private JsonNode signIn() {
        return http.post().uri("/api/v1/auth/sign-in").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", tenant.slug(), "login", "owner", "password", TestAccounts.PASSWORD)).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode refresh(String refreshToken, int status) {
        return http.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", refreshToken)).exchange()
                .expectStatus().isEqualTo(status)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private void signOut(String refreshToken) {
        http.post().uri("/api/v1/auth/sign-out").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", refreshToken)).exchange()
                .expectStatus().isNoContent();
    }

    private WebTestClient.ResponseSpec me(JsonNode session) {
        return http.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(session.get("accessToken").asString())).exchange();
    }
}
