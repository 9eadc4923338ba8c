package dev.roster.users.signin;

import dev.roster.events.EventJson;
import dev.roster.testing.TestKafka;
import dev.roster.users.support.PublishedInvitations;
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
class PasswordTest {

    @Autowired WebTestClient http;
    @Autowired TestKafka kafka;
    @Autowired EventJson events;
    TestAccounts accounts;
    Tenant tenant;

    @BeforeEach
    void account() {
        accounts = new TestAccounts(http);
        tenant = accounts.create(10);
    }

    @Test
    void aUserChangesTheirPasswordWithTheCurrentOneAndOtherSessionsEnd() {
        accounts.createUser(tenant.ownerToken(), "changer");
        JsonNode otherSession = signIn("changer", TestAccounts.PASSWORD, 200);
        String token = otherSession.get("accessToken").asString();

        post(token, "/api/v1/me/password", Map.of("currentPassword", "not it", "newPassword", "brand new secret"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/wrong-current-password");
        post(token, "/api/v1/me/password", Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", "brand new secret"))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.accessToken").isNotEmpty().jsonPath("$.refreshToken").isNotEmpty();

        signIn("changer", TestAccounts.PASSWORD, 401);
        signIn("changer", "brand new secret", 200);
        http.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", otherSession.get("refreshToken").asString())).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void anInvitationSetsThePasswordOnceAndNeverAgain() {
        JsonNode user = accounts.createUser(tenant.ownerToken(), Map.of("login", "invited", "email", "invited@example.com",
                "firstName", "I", "lastName", "V"));
        UUID id = UUID.fromString(user.get("id").asString());
        signIn("invited", "whatever it is", 401);

        post(tenant.ownerToken(), "/api/v1/users/" + id + "/invitation", Map.of()).expectStatus().isAccepted()
                .expectBody().jsonPath("$.expiresAt").isNotEmpty();
        String invitation = invitationToken(id);

        post(null, "/api/v1/auth/set-password", Map.of("token", invitation, "newPassword", "my own password"))
                .expectStatus().isNoContent();
        post(null, "/api/v1/auth/set-password", Map.of("token", invitation, "newPassword", "someone else's"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/invalid-invitation");
        post(null, "/api/v1/auth/set-password", Map.of("token", "forged", "newPassword", "someone else's"))
                .expectStatus().isBadRequest();

        signIn("invited", "my own password", 200);
    }

    @Test
    void anAdministratorSetsAPasswordButALearnerCannot() {
        UUID user = UUID.fromString(accounts.createUser(tenant.ownerToken(), "forgetful").get("id").asString());
        accounts.createUser(tenant.ownerToken(), "learner");
        String learner = accounts.signIn(tenant.slug(), "learner", TestAccounts.PASSWORD);

        post(learner, "/api/v1/users/" + user + "/password", Map.of("newPassword", "hijacked!!")).expectStatus().isForbidden();
        post(tenant.ownerToken(), "/api/v1/users/" + user + "/password", Map.of("newPassword", "short"))
                .expectStatus().isBadRequest();
        post(tenant.ownerToken(), "/api/v1/users/" + user + "/password", Map.of("newPassword", "reset by admin"))
                .expectStatus().isNoContent();

        signIn("forgetful", "reset by admin", 200);
    }

    private String invitationToken(UUID userId) {
        return PublishedInvitations.latest(kafka, events, userId).invitationToken();
    }

    private JsonNode signIn(String login, String password, int status) {
        return http.post().uri("/api/v1/auth/sign-in").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", tenant.slug(), "login", login, "password", password)).exchange()
                .expectStatus().isEqualTo(status)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec post(String token, String path, Map<String, ?> body) {
        return http.post().uri(path).headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
