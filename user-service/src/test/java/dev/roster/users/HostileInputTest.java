package dev.roster.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.TestAccounts.Tenant;
import dev.roster.users.support.UserServiceTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Input no field can hold: NUL and other control characters (in a JSON body, a query parameter or a path
 * segment, with or without a token) and dates beyond 9999 are 400 problems that change nothing, never 500s.
 */
@UserServiceTest
class HostileInputTest {

    @Autowired WebTestClient http;
    @LocalServerPort int port;
    TestAccounts accounts;
    Tenant tenant;

    @BeforeEach
    void account() {
        accounts = new TestAccounts(http);
        tenant = accounts.create(10);
    }

    @Test
    void nulInSignInLoginIsA400() {
        for (String login : List.of("own\\u0000er", "\\u0000", "owner\\u001b[2J")) {
            problem(post(null, "/api/v1/auth/sign-in", "{\"account\":\"" + tenant.slug() + "\",\"login\":\"" + login
                    + "\",\"password\":\"" + TestAccounts.PASSWORD + "\"}"), "invalid-characters");
        }
        problem(post(null, "/api/v1/auth/sign-in", "{\"account\":\"" + tenant.slug() + "\\u0000\",\"login\":\"owner\","
                + "\"password\":\"" + TestAccounts.PASSWORD + "\"}"), "invalid-characters");
        assertThat(accounts.signIn(tenant.slug(), "owner", TestAccounts.PASSWORD)).as("the owner still signs in").isNotBlank();
    }

    @Test
    void nulInQueryParameterIsA400() {
        for (String uri : List.of("/api/v1/users?q=%00", "/api/v1/users?q=a%00b", "/api/v1/users?q=%01",
                "/api/v1/users/%00", "/api/v1/departments?q%00=x")) {
            problem(http.get().uri(local(uri)).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange(),
                    "invalid-characters");
        }
        problem(http.get().uri(local("/api/v1/users?q=%00")).exchange(), "invalid-characters");
        http.get().uri("/api/v1/users?q=own").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(1);
    }

    @Test
    void nulInAUsersNameIsRefusedAndNothingIsCreated() {
        problem(post(tenant.ownerToken(), "/api/v1/users", "{\"login\":\"nul\",\"email\":\"nul@example.com\","
                + "\"firstName\":\"N\\u0000\",\"lastName\":\"Ul\"}"), "invalid-characters");

        http.get().uri("/api/v1/users?q=nul").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    @Test
    void farFutureEffectiveDateIsRefused() {
        UUID user = UUID.fromString(accounts.createUser(tenant.ownerToken(), "steady").get("id").asString());

        for (String date : List.of("+10000-01-01", "+99999-12-31", "+999999999-12-31")) {
            problem(post(tenant.ownerToken(), "/api/v1/users/" + user + "/status",
                    "{\"status\":\"INACTIVE\",\"effectiveDate\":\"" + date + "\"}"), "validation-failed");
            problem(post(tenant.ownerToken(), "/api/v1/users/bulk",
                    "{\"action\":\"DEACTIVATE\",\"userIds\":[\"" + user + "\"],\"effectiveDate\":\"" + date + "\"}"),
                    "validation-failed");
        }

        http.get().uri("/api/v1/users/{id}", user).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.scheduledStatusChange").isEmpty();
        http.get().uri("/api/v1/users").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange().expectStatus().isOk();
    }

    /** An absolute URI, so that its percent-escapes reach the server as they are. */
    private java.net.URI local(String pathAndQuery) {
        return java.net.URI.create("http://localhost:" + port + pathAndQuery);
    }

    private WebTestClient.ResponseSpec post(String token, String path, String json) {
        return http.post().uri(path).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private static JsonNode problem(WebTestClient.ResponseSpec response, String slug) {
        JsonNode problem = response.expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("type").asString()).as(problem.toString()).isEqualTo("https://roster.dev/problems/" + slug);
        return problem;
    }
}
