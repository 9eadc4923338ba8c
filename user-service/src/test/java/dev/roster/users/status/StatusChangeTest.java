package dev.roster.users.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.TestAccounts.Tenant;
import dev.roster.users.support.UserServiceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

@UserServiceTest
class StatusChangeTest {

    @Autowired WebTestClient http;
    TestAccounts accounts;
    Tenant tenant;

    @BeforeEach
    void account() {
        accounts = new TestAccounts(http);
        tenant = accounts.create(3);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "ACTIVE, INACTIVE", "ACTIVE, EMPLOYMENT_ENDED",
            "INACTIVE, ACTIVE", "INACTIVE, EMPLOYMENT_ENDED",
            "EMPLOYMENT_ENDED, ACTIVE", "EMPLOYMENT_ENDED, INACTIVE"})
    void everyStatusChangesToEveryOtherAndOnlyActiveUsersSignIn(String from, String to) {
        UUID user = id(accounts.createUser(tenant.ownerToken(), Map.of("login", "u", "email", "u@example.com",
                "firstName", "U", "lastName", "U", "password", TestAccounts.PASSWORD, "status", from)));

        JsonNode changed = accounts.changeStatus(tenant.ownerToken(), user, to)
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(changed.get("status").asString()).isEqualTo(to);
        assertThat(changed.get("employmentEndedOn").isNull()).isEqualTo(!to.equals("EMPLOYMENT_ENDED"));
        http.post().uri("/api/v1/auth/sign-in").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", tenant.slug(), "login", "u", "password", TestAccounts.PASSWORD))
                .exchange()
                .expectStatus().isEqualTo(to.equals("ACTIVE") ? 200 : 403);
    }

    @Test
    void aStatusChangeIsAudited() {
        UUID user = id(accounts.createUser(tenant.ownerToken(), "audited"));
        accounts.changeStatus(tenant.ownerToken(), user, "INACTIVE").expectStatus().isOk();

        http.get().uri("/api/v1/users/{id}/audit", user).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[0].action").isEqualTo("user.status-changed")
                .jsonPath("$.items[0].actorId").isEqualTo(tenant.ownerId().toString())
                .jsonPath("$.items[0].details.from").isEqualTo("ACTIVE")
                .jsonPath("$.items[0].details.to").isEqualTo("INACTIVE")
                .jsonPath("$.items[0].source").value(source -> assertThat((String) source).startsWith("api "))
                .jsonPath("$.items[1].action").isEqualTo("user.created");
    }

    @Test
    void theAccountOwnerIsProtectedOnEveryPath() {
        accounts.changeStatus(tenant.ownerToken(), tenant.ownerId(), "INACTIVE")
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/account-owner-protected");
        accounts.changeStatus(tenant.ownerToken(), tenant.ownerId(), "EMPLOYMENT_ENDED").expectStatus().isEqualTo(409);
        http.delete().uri("/api/v1/users/{id}", tenant.ownerId()).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .exchange()
                .expectStatus().isEqualTo(409);
        for (String action : List.of("DEACTIVATE", "END_EMPLOYMENT", "DELETE")) {
            accounts.bulk(tenant.ownerToken(), action, List.of(tenant.ownerId()))
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.applied.length()").isEqualTo(0)
                    .jsonPath("$.skipped[0].reason").isEqualTo("ACCOUNT_OWNER");
        }
        http.post().uri("/api/v1/users/{id}/status", tenant.ownerId()).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "INACTIVE", "effectiveDate", java.time.LocalDate.now().plusDays(3).toString()))
                .exchange()
                .expectStatus().isEqualTo(409);
        http.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.scheduledStatusChange").isEmpty();
    }

    @Test
    void aUserCreatedWhileTheAccountIsFullIsCreatedInactiveAndSaysSo() {
        accounts.createUser(tenant.ownerToken(), "second");
        accounts.createUser(tenant.ownerToken(), "third");

        JsonNode fourth = accounts.createUser(tenant.ownerToken(), "fourth");

        assertThat(fourth.get("status").asString()).isEqualTo("INACTIVE");
        assertThat(fourth.get("warnings").get(0).asString()).startsWith("seat-limit-reached");
        accounts.changeStatus(tenant.ownerToken(), id(fourth), "ACTIVE")
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/seat-limit-reached");
    }

    @Test
    void bulkActivationFillsTheFreeSeatsAndSkipsTheRest() {
        List<UUID> inactive = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inactive.add(id(accounts.createUser(tenant.ownerToken(), Map.of("login", "i" + i, "email", "i" + i + "@example.com",
                    "firstName", "I", "lastName", "I" + i, "status", "INACTIVE"))));
        }

        JsonNode result = accounts.bulk(tenant.ownerToken(), "ACTIVATE", inactive)
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        // 3 seats, the owner holds one
        assertThat(result.get("applied")).hasSize(2);
        assertThat(result.get("skipped")).hasSize(2);
        assertThat(result.get("skipped").get(0).get("reason").asString()).isEqualTo("SEAT_LIMIT");
        http.get().uri("/api/v1/account").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody().jsonPath("$.seatsUsed").isEqualTo(3);
    }

    @Test
    void bulkAnswersPerUserIncludingUnknownIdsAndOtherAccountsUsers() {
        Tenant other = accounts.create(5);
        UUID foreign = id(accounts.createUser(other.ownerToken(), "foreign"));
        UUID mine = id(accounts.createUser(tenant.ownerToken(), "mine"));
        UUID unknown = UUID.randomUUID();

        accounts.bulk(tenant.ownerToken(), "END_EMPLOYMENT", List.of(mine, foreign, unknown, mine))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.applied").isEqualTo(List.of(mine.toString()))
                .jsonPath("$.skipped[0].userId").isEqualTo(foreign.toString())
                .jsonPath("$.skipped[0].reason").isEqualTo("NOT_FOUND")
                .jsonPath("$.skipped[1].reason").isEqualTo("NOT_FOUND");
        http.get().uri("/api/v1/users/{id}", foreign).headers(h -> h.setBearerAuth(other.ownerToken())).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE");
    }

    @Test
    void aScheduledChangeIsShownAndCanBeCancelled() {
        UUID user = id(accounts.createUser(tenant.ownerToken(), "later"));
        String date = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).plusDays(7).toString();

        http.post().uri("/api/v1/users/{id}/status", user).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", "EMPLOYMENT_ENDED", "effectiveDate", date))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("ACTIVE")
                .jsonPath("$.scheduledStatusChange.status").isEqualTo("EMPLOYMENT_ENDED")
                .jsonPath("$.scheduledStatusChange.effectiveDate").isEqualTo(date);

        http.delete().uri("/api/v1/users/{id}/scheduled-status-change", user)
                .headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.scheduledStatusChange").isEmpty();
        http.delete().uri("/api/v1/users/{id}/scheduled-status-change", user)
                .headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/nothing-scheduled");
    }

    @Test
    void badStatusRequestsAreClearProblemsAndChangeNothing() {
        UUID user = id(accounts.createUser(tenant.ownerToken(), "steady"));
        String token = tenant.ownerToken();

        post(token, "/api/v1/users/" + user + "/status", "{\"status\":\"RETIRED\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/malformed-request");
        post(token, "/api/v1/users/" + user + "/status", "{}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/validation-failed");
        post(token, "/api/v1/users/not-a-uuid/status", "{\"status\":\"INACTIVE\"}").expectStatus().isBadRequest();
        post(token, "/api/v1/users/" + user + "/status", "{\"status\":\"INACTIVE\",\"effectiveDate\":\"2001-01-01\"}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/invalid-effective-date");
        post(token, "/api/v1/users/" + user + "/status", "{\"status\":\"INACTIVE\",\"effectiveDate\":\"31.12.2030\"}")
                .expectStatus().isBadRequest();
        List<String> tenThousand = IntStream.range(0, 10_000).mapToObj(i -> UUID.randomUUID().toString()).toList();
        http.post().uri("/api/v1/users/bulk").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("action", "DEACTIVATE", "userIds", tenThousand)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.skipped.length()").isEqualTo(10_000);
        List<String> tooMany = IntStream.range(0, 10_001).mapToObj(i -> UUID.randomUUID().toString()).toList();
        http.post().uri("/api/v1/users/bulk").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("action", "DEACTIVATE", "userIds", tooMany)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("userIds");
        post(token, "/api/v1/users/bulk", "{\"action\":\"VAPORIZE\",\"userIds\":[\"" + user + "\"]}").expectStatus().isBadRequest();

        http.get().uri("/api/v1/users/{id}", user).headers(h -> h.setBearerAuth(token)).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.scheduledStatusChange").isEmpty();
    }

    @Test
    void aLearnerCannotChangeStatusesNorSeeOthers() {
        UUID colleague = id(accounts.createUser(tenant.ownerToken(), "colleague"));
        accounts.createUser(tenant.ownerToken(), "learner");
        String learner = accounts.signIn(tenant.slug(), "learner", TestAccounts.PASSWORD);

        accounts.changeStatus(learner, colleague, "INACTIVE").expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/users/{id}", colleague).headers(h -> h.setBearerAuth(learner)).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/v1/users").headers(h -> h.setBearerAuth(learner)).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(learner)).exchange()
                .expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec post(String token, String path, String json) {
        return http.post().uri(path).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange();
    }

    static UUID id(JsonNode user) {
        return UUID.fromString(user.get("id").asString());
    }
}
