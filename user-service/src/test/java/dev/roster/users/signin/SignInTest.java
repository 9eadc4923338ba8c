package dev.roster.users.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.TestAccounts.Tenant;
import dev.roster.users.support.UserServiceTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

@UserServiceTest
class SignInTest {

    @Autowired WebTestClient http;
    TestAccounts accounts;
    Tenant tenant;

    @BeforeEach
    void account() {
        accounts = new TestAccounts(http);
        tenant = accounts.create(10);
    }

    @Test
    void theOwnerSignsInWithLoginOrEmailAndTheTokenOpensTheApi() {
        String byEmail = accounts.signIn(tenant.slug(), "owner@" + tenant.slug() + ".example", TestAccounts.PASSWORD);

        http.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(byEmail)).exchange()
                .expectStatus().isOk()
                .expectHeader().exists("ETag")
                .expectBody()
                .jsonPath("$.id").isEqualTo(tenant.ownerId().toString())
                .jsonPath("$.lastSignInAt").isNotEmpty()
                .jsonPath("$.passwordHash").doesNotExist();
        http.get().uri("/api/v1/account").headers(h -> h.setBearerAuth(byEmail)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.seatsUsed").isEqualTo(1).jsonPath("$.seatLimit").isEqualTo(10);
    }

    @Test
    void aUserWhoNeverSignedInHasNoLastSignIn() {
        JsonNode user = accounts.createUser(tenant.ownerToken(), "never");

        assertThat(user.get("lastSignInAt").isNull()).isTrue();
    }

    @Test
    void aWrongPasswordAndAnUnknownLoginGetTheSameAnswer() {
        String wrongPassword = signInFails(tenant.slug(), "owner", "not the password", 401);
        String unknownLogin = signInFails(tenant.slug(), "nobody", "not the password", 401);
        String unknownAccount = signInFails("no-such-account", "owner", "not the password", 401);

        assertThat(unknownLogin).isEqualTo(wrongPassword).isEqualTo(unknownAccount);
        assertThat(wrongPassword).contains("invalid-credentials");
    }

    @Test
    void repeatedFailuresSlowDownTheLoginFromThatAddressEvenForTheRightPassword() {
        accounts.createUser(tenant.ownerToken(), "clumsy");
        for (int i = 0; i < 6; i++) {
            signInFails(tenant.slug(), "clumsy", "wrong-" + i, 401);
        }

        String slowed = signInFails(tenant.slug(), "clumsy", TestAccounts.PASSWORD, 429);

        assertThat(slowed).contains("sign-in-throttled").contains("retryAfterSeconds");
        http.post().uri("/api/v1/auth/sign-in").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", tenant.slug(), "login", "clumsy", "password", TestAccounts.PASSWORD)).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", seconds -> assertThat(Long.parseLong(seconds)).isPositive());
    }

    @Test
    void aNonActiveUserIsRefusedAfterACorrectPasswordWithTheReason() {
        JsonNode user = accounts.createUser(tenant.ownerToken(), "leaver");
        accounts.changeStatus(tenant.ownerToken(), UUID.fromString(user.get("id").asString()), "EMPLOYMENT_ENDED")
                .expectStatus().isOk();

        String refused = signInFails(tenant.slug(), "leaver", TestAccounts.PASSWORD, 403);
        String wrongPassword = signInFails(tenant.slug(), "leaver", "wrong password", 401);

        assertThat(refused).contains("user-not-active").contains("EMPLOYMENT_ENDED");
        assertThat(wrongPassword).contains("invalid-credentials").doesNotContain("EMPLOYMENT_ENDED");
    }

    @Test
    void aRefreshTokenRotatesAndReusingAnOldOneRevokesTheWholeFamily() {
        JsonNode first = signIn(tenant.slug(), "owner");
        String original = first.get("refreshToken").asString();

        JsonNode second = refresh(original, 200);
        String rotated = second.get("refreshToken").asString();
        assertThat(rotated).isNotEqualTo(original);
        assertThat(second.get("accessToken").asString()).isNotBlank();

        // the old token again: someone stole it; the family (and so the rotated token) dies
        refresh(original, 401);
        refresh(rotated, 401);
    }

    @Test
    void signingOutRevokesTheRefreshToken() {
        String refreshToken = signIn(tenant.slug(), "owner").get("refreshToken").asString();

        http.post().uri("/api/v1/auth/sign-out").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", refreshToken)).exchange()
                .expectStatus().isNoContent();

        refresh(refreshToken, 401);
    }

    @Test
    void aTamperedOrForeignTokenIsRefused() {
        String token = tenant.ownerToken();
        String[] parts = token.split("\\.");
        String tamperedPayload = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];

        for (String bad : new String[] {tamperedPayload, "garbage", parts[0] + "." + parts[1] + "."}) {
            http.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(bad)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        http.get().uri("/api/v1/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theJwksPublishesTheKeyThatSignedTheToken() {
        String kid = new String(java.util.Base64.getUrlDecoder().decode(tenant.ownerToken().split("\\.")[0]));

        JsonNode jwks = http.get().uri("/api/v1/.well-known/jwks.json").exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        JsonNode key = jwks.get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.has("d")).as("no private part").isFalse();
        assertThat(kid).contains(key.get("kid").asString());
    }

    @Test
    void onlyTheOperatorCreatesAccountsAndSlugsAreUnique() {
        Map<String, Object> body = Map.of("slug", tenant.slug(), "name", "Copy", "timeZone", "Europe/Berlin",
                "seatLimit", 5, "owner", Map.of("login", "o", "email", "o@example.com", "firstName", "O",
                        "lastName", "O", "password", "long enough"));
        http.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isUnauthorized();
        http.post().uri("/api/v1/accounts").header("X-Operator-Token", "guess").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isUnauthorized();
        http.post().uri("/api/v1/accounts").header("X-Operator-Token", TestAccounts.OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/slug-taken");
        http.post().uri("/api/v1/accounts").header("X-Operator-Token", TestAccounts.OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("slug", "fresh-" + UUID.randomUUID().toString().substring(0, 6), "name", "X",
                        "timeZone", "Mars/Olympus", "seatLimit", 5, "owner", body.get("owner"))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/invalid-time-zone");
    }

    private JsonNode signIn(String slug, String login) {
        return http.post().uri("/api/v1/auth/sign-in").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", slug, "login", login, "password", TestAccounts.PASSWORD)).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode refresh(String refreshToken, int status) {
        return http.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", refreshToken)).exchange()
                .expectStatus().isEqualTo(status)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private String signInFails(String slug, String login, String password, int status) {
        return http.post().uri("/api/v1/auth/sign-in").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", slug, "login", login, "password", password)).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody()
                .replaceAll("\"instance\":\"[^\"]*\"", "");
    }
}
