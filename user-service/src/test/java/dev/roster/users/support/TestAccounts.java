package dev.roster.users.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Drives user-service's API the way a client does: accounts by the operator, then signed-in calls. */
public final class TestAccounts {

    public static final String OPERATOR_TOKEN = "test-operator-token";
    public static final String PASSWORD = "correct horse battery";

    private final WebTestClient http;

    public TestAccounts(WebTestClient http) {
        this.http = http;
    }

    /** A new account (unique slug) with its owner signed in. */
    public Tenant create(int seatLimit) {
        String slug = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = http.post().uri("/api/v1/accounts")
                .header("X-Operator-Token", OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("slug", slug, "name", "Acme " + slug, "timeZone", "Europe/Berlin",
                        "seatLimit", seatLimit, "owner", Map.of("login", "owner", "email", "owner@" + slug + ".example",
                                "firstName", "Olga", "lastName", "Owner", "password", PASSWORD)))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        UUID accountId = UUID.fromString(created.get("id").asString());
        UUID ownerId = UUID.fromString(created.get("ownerId").asString());
        return new Tenant(slug, accountId, ownerId, signIn(slug, "owner", PASSWORD));
    }

    public String signIn(String slug, String login, String password) {
        return http.post().uri("/api/v1/auth/sign-in")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", slug, "login", login, "password", password))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("accessToken").asString();
    }

    /** Creates a user through the API as {@code token}; returns the created user's JSON. */
    public JsonNode createUser(String token, String login) {
        return createUser(token, Map.of("login", login, "email", login + "@example.com", "firstName", "First " + login,
                "lastName", "Last " + login, "password", PASSWORD));
    }

    public JsonNode createUser(String token, Map<String, ?> body) {
        return http.post().uri("/api/v1/users")
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    public WebTestClient.ResponseSpec changeStatus(String token, UUID userId, String status) {
        return http.post().uri("/api/v1/users/{id}/status", userId)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", status))
                .exchange();
    }

    public WebTestClient.ResponseSpec bulk(String token, String action, List<UUID> ids) {
        return http.post().uri("/api/v1/users/bulk")
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("action", action, "userIds", ids))
                .exchange();
    }

    /** An account and its signed-in owner. */
    public record Tenant(String slug, UUID accountId, UUID ownerId, String ownerToken) {
    }
}
