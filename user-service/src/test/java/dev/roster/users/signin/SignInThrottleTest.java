package dev.roster.users.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.MutableClock;
import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.TestAccounts.Tenant;
import dev.roster.users.support.UserServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Failed passwords slow down one login from one address, never the owner from everywhere, and tell nothing. */
@UserServiceTest
class SignInThrottleTest {

    static final String ATTACKER = "203.0.113.66";
    static final String VICTIM = "198.51.100.7";

    @Autowired WebTestClient http;
    @Autowired MutableClock clock;
    @Autowired MeterRegistry meters;
    TestAccounts accounts;
    Tenant tenant;

    @BeforeEach
    void account() {
        accounts = new TestAccounts(http);
        tenant = accounts.create(50);
    }

    @Test
    void victimCanStillSignInFromHerOwnAddressWhileAttackerIsThrottled() {
        accounts.createUser(tenant.ownerToken(), "victim");
        for (int i = 0; i < 10; i++) {
            signIn(ATTACKER, "victim", "guess-" + i);
        }

        assertThat(signIn(ATTACKER, "victim", TestAccounts.PASSWORD).getStatus().value()).isEqualTo(429);
        assertThat(signIn(VICTIM, "victim", TestAccounts.PASSWORD).getStatus().value()).isEqualTo(200);
        assertThat(signIn(ATTACKER, "victim", TestAccounts.PASSWORD).getStatus().value()).as("still slowed").isEqualTo(429);
    }

    @Test
    void unknownLoginIsThrottledExactlyLikeAKnownOne() {
        accounts.createUser(tenant.ownerToken(), "known");

        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            known.add(answer(signIn(ATTACKER, "known", "guess-" + i)));
            unknown.add(answer(signIn(ATTACKER, "nobody-by-that-name", "guess-" + i)));
        }

        assertThat(unknown).isEqualTo(known);
        assertThat(known.get(0)).startsWith("401 ");
        assertThat(known.get(7)).startsWith("429 retry-after=2 ").contains("sign-in-throttled");
    }

    @Test
    void throttleGrowsProgressively() {
        accounts.createUser(tenant.ownerToken(), "slow");
        for (int i = 0; i < 6; i++) {
            assertThat(signIn(ATTACKER, "slow", "guess-" + i).getStatus().value()).isEqualTo(401);
        }

        List<String> retryAfter = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            EntityExchangeResult<String> slowed = signIn(ATTACKER, "slow", TestAccounts.PASSWORD);
            assertThat(slowed.getStatus().value()).isEqualTo(429);
            String seconds = slowed.getResponseHeaders().getFirst("Retry-After");
            retryAfter.add(seconds);
            clock.advance(Duration.ofSeconds(Long.parseLong(seconds)));
            assertThat(signIn(ATTACKER, "slow", "guess again").getStatus().value()).isEqualTo(401);
        }

        assertThat(retryAfter).containsExactly("2", "4", "8", "16");
        clock.advance(Duration.ofSeconds(32));
        assertThat(signIn(ATTACKER, "slow", TestAccounts.PASSWORD).getStatus().value()).isEqualTo(200);
        assertThat(signIn(ATTACKER, "slow", "wrong once more").getStatus().value()).as("the streak ended").isEqualTo(401);
        assertThat(signIn(ATTACKER, "slow", TestAccounts.PASSWORD).getStatus().value()).isEqualTo(200);
    }

    @Test
    void wrongCurrentPasswordIsThrottled() {
        accounts.createUser(tenant.ownerToken(), "changer");
        String token = accounts.signIn(tenant.slug(), "changer", TestAccounts.PASSWORD);
        for (int i = 0; i < 6; i++) {
            changeOwnPassword(token, "guess-" + i).expectStatus().isBadRequest();
        }

        changeOwnPassword(token, TestAccounts.PASSWORD)
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "2")
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/sign-in-throttled");
        assertThat(signIn(ATTACKER, "changer", TestAccounts.PASSWORD).getStatus().value())
                .as("the same login from the same address").isEqualTo(429);
    }

    @Test
    void sprayingRaisesAccountAlarm() {
        double before = meters.counter("roster.users.sign-in.spraying").count();
        for (int i = 0; i < 20; i++) {
            assertThat(signIn(ATTACKER, "employee" + i, "Summer2026!").getStatus().value()).isEqualTo(401);
        }

        assertThat(meters.counter("roster.users.sign-in.spraying").count()).isEqualTo(before + 1);
        http.get().uri("/api/v1/users/{id}/audit", tenant.ownerId()).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0].action").isEqualTo("account.sign-in-spraying")
                .jsonPath("$.items[0].details.failingLogins").isEqualTo(20)
                .jsonPath("$.items[0].source").isEqualTo("api " + ATTACKER);
        // one alarm per window, not one per further failure
        signIn(ATTACKER, "employee20", "Summer2026!");
        assertThat(meters.counter("roster.users.sign-in.spraying").count()).isEqualTo(before + 1);
    }

    @Test
    void forwardedForFromATrustedProxyIsAudited() {
        UUID user = UUID.fromString(accounts.createUser(tenant.ownerToken(), "audited").get("id").asString());

        http.post().uri("/api/v1/users/{id}/status", user).header("X-Forwarded-For", "6.6.6.6, " + VICTIM)
                .headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("status", "INACTIVE")).exchange()
                .expectStatus().isOk();

        http.get().uri("/api/v1/users/{id}/audit", user).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].source").isEqualTo("api " + VICTIM);
    }

    private EntityExchangeResult<String> signIn(String from, String login, String password) {
        return http.post().uri("/api/v1/auth/sign-in").header("X-Forwarded-For", from)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", tenant.slug(), "login", login, "password", password)).exchange()
                .expectBody(String.class).returnResult();
    }

    private WebTestClient.ResponseSpec changeOwnPassword(String token, String current) {
        return http.post().uri("/api/v1/me/password").header("X-Forwarded-For", ATTACKER)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", current, "newPassword", "a brand new secret")).exchange();
    }

    /** Status, Retry-After and body, without the parts that name the request. */
    private static String answer(EntityExchangeResult<String> result) {
        String retryAfter = result.getResponseHeaders().getFirst("Retry-After");
        return result.getStatus().value() + (retryAfter == null ? "" : " retry-after=" + retryAfter) + " "
                + result.getResponseBody().replaceAll("\"instance\":\"[^\"]*\"", "");
    }
}
