package dev.roster.trainings.support;

import dev.roster.events.user.UserProfile;
import dev.roster.events.user.UserStatus;
import dev.roster.platform.security.Permission;
import dev.roster.testing.TestJwtIssuer;
import dev.roster.platform.people.People;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Accounts and people for tests: people enter training-service's projection through the same code
 * the {@code roster.users.v1} listener uses, and sign in with real RS256 tokens.
 */
@TestComponent
public class Tenants {

    private final People people;
    private final TestJwtIssuer tokens;
    private final WebTestClient http;

    Tenants(People people, TestJwtIssuer tokens, WebTestClient http) {
        this.people = people;
        this.tokens = tokens;
        this.http = http;
    }

    /** A new account with an administrator holding every permission. */
    public Tenant create() {
        UUID accountId = UUID.randomUUID();
        Person admin = person(accountId, "admin", UserStatus.ACTIVE, Permission.values());
        return new Tenant(accountId, admin);
    }

    /** A person of the account, known to the projection with {@code status}, holding {@code permissions}. */
    public Person person(UUID accountId, String name, UserStatus status, Permission... permissions) {
        UUID id = UUID.randomUUID();
        people.upsert(accountId, new UserProfile(id, name + "-" + id, name + "-" + id + "@example.com", name, "Tester",
                status, null, null, null, null, "en", List.of())).block();
        return new Person(id, accountId, token(id, accountId, permissions));
    }

    public String token(UUID userId, UUID accountId, Permission... permissions) {
        return tokens.token(userId, accountId, permissions);
    }

    public void setStatus(Person person, UserStatus status) {
        people.changeStatus(person.id(), status, null).block();
    }

    /** Creates a training as {@code admin}; {@code body} overrides the defaults (learner-chosen sessions). */
    public JsonNode training(Person admin, Map<String, ?> body) {
        return http.post().uri("/api/v1/trainings")
                .headers(headers -> headers.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** Adds a session to a training as {@code admin}; returns its id. */
    public UUID session(Person admin, UUID trainingId, Instant startsAt, int capacity) {
        JsonNode session = http.post().uri("/api/v1/trainings/{id}/sessions", trainingId)
                .headers(headers -> headers.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("startsAt", startsAt.toString(), "endsAt", startsAt.plus(2, ChronoUnit.HOURS).toString(),
                        "location", "Room " + capacity, "capacity", capacity))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return UUID.fromString(session.get("id").asString());
    }

    /** A learner's own enrollment request. */
    public WebTestClient.ResponseSpec enroll(Person learner, UUID trainingId, UUID sessionId) {
        return http.post().uri("/api/v1/me/trainings/{id}/enrollment", trainingId)
                .headers(headers -> headers.setBearerAuth(learner.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sessionId", sessionId))
                .exchange();
    }

    public WebTestClient.ResponseSpec switchSession(Person learner, UUID trainingId, UUID sessionId) {
        return http.put().uri("/api/v1/me/trainings/{id}/enrollment", trainingId)
                .headers(headers -> headers.setBearerAuth(learner.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sessionId", sessionId))
                .exchange();
    }

    public WebTestClient.ResponseSpec unenroll(Person learner, UUID trainingId, boolean confirm) {
        return http.delete().uri("/api/v1/me/trainings/{id}/enrollment?confirm={confirm}", trainingId, confirm)
                .headers(headers -> headers.setBearerAuth(learner.token()))
                .exchange();
    }

    public WebTestClient.ResponseSpec patch(Person caller, String uri, Map<String, ?> body) {
        return http.patch().uri(uri)
                .headers(headers -> headers.setBearerAuth(caller.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    public JsonNode get(Person caller, String uri, Object... variables) {
        return http.get().uri(uri, variables)
                .headers(headers -> headers.setBearerAuth(caller.token()))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** An account and its administrator. */
    public record Tenant(UUID accountId, Person admin) {
    }

    /** Someone who calls the API: their id, account and access token. */
    public record Person(UUID id, UUID accountId, String token) {
    }
}
