package dev.roster.users.department;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.TestAccounts.Tenant;
import dev.roster.users.support.UserServiceTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** A custom role limited to a department subtree: inside it the role works, outside it answers 403. */
@UserServiceTest
class ScopedRoleTest {

    @Autowired WebTestClient http;
    TestAccounts accounts;
    Tenant tenant;
    UUID sales;
    UUID salesTeam;
    UUID engineering;
    String hr;

    @BeforeEach
    void salesHr() {
        accounts = new TestAccounts(http);
        tenant = accounts.create(50);
        UUID root = UUID.fromString(get("/api/v1/departments").get(0).get("id").asString());
        sales = id(post("/api/v1/departments", Map.of("name", "Sales", "parentId", root)));
        salesTeam = id(post("/api/v1/departments", Map.of("name", "Team A", "parentId", sales)));
        engineering = id(post("/api/v1/departments", Map.of("name", "Engineering", "parentId", root)));
        UUID role = id(post("/api/v1/roles", Map.of("name", "Sales HR",
                "permissions", List.of("USERS_VIEW", "USERS_MANAGE"), "departmentIds", List.of(sales))));
        accounts.createUser(tenant.ownerToken(), Map.of("login", "hr", "email", "hr@example.com", "firstName", "H",
                "lastName", "R", "password", TestAccounts.PASSWORD, "roleIds", List.of(role), "departmentId", sales.toString()));
        hr = accounts.signIn(tenant.slug(), "hr", TestAccounts.PASSWORD);
    }

    @Test
    void insideTheSubtreeTheRoleWorksAndOutsideItIsForbidden() {
        UUID seller = user("seller", salesTeam);
        UUID engineer = user("engineer", engineering);

        accounts.changeStatus(hr, seller, "INACTIVE").expectStatus().isOk();
        accounts.changeStatus(hr, engineer, "INACTIVE").expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/users/{id}", engineer).headers(h -> h.setBearerAuth(hr)).exchange()
                .expectStatus().isForbidden();
        http.patch().uri("/api/v1/users/{id}", engineer).headers(h -> h.setBearerAuth(hr))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("jobTitle", "x")).exchange()
                .expectStatus().isForbidden();
        // moving someone of theirs out of their reach is refused too
        http.patch().uri("/api/v1/users/{id}", seller).headers(h -> h.setBearerAuth(hr))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("departmentId", engineering)).exchange()
                .expectStatus().isForbidden();
        http.post().uri("/api/v1/users").headers(h -> h.setBearerAuth(hr)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("login", "new", "email", "new@example.com", "firstName", "N", "lastName", "N",
                        "departmentId", engineering.toString()))
                .exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/v1/users/{id}", engineer).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE");
    }

    @Test
    void theListShowsOnlyTheSubtreeAndBulkSkipsTheRest() {
        UUID seller = user("seller", salesTeam);
        UUID engineer = user("engineer", engineering);

        JsonNode list = http.get().uri("/api/v1/users?sort=login").headers(h -> h.setBearerAuth(hr)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(list.get("items").valueStream().map(user -> user.get("login").asString()).toList())
                .containsExactly("hr", "seller");

        accounts.bulk(hr, "DEACTIVATE", List.of(seller, engineer))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.applied").isEqualTo(List.of(seller.toString()))
                .jsonPath("$.skipped[0].userId").isEqualTo(engineer.toString())
                .jsonPath("$.skipped[0].reason").isEqualTo("OUT_OF_SCOPE");
    }

    @Test
    void builtInRolesCannotBeChangedAndCustomRolesNeverManageTheAccount() {
        UUID learnerRole = http.get().uri("/api/v1/roles").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody().valueStream()
                .filter(role -> role.get("kind").asString().equals("LEARNER"))
                .map(role -> UUID.fromString(role.get("id").asString())).findFirst().orElseThrow();

        http.put().uri("/api/v1/roles/{id}", learnerRole).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("permissions", List.of("USERS_DELETE"))).exchange()
                .expectStatus().isEqualTo(409);
        http.post().uri("/api/v1/roles").headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Sneaky", "permissions", List.of("ACCOUNT_MANAGE"))).exchange()
                .expectStatus().isBadRequest();
        http.post().uri("/api/v1/roles").headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Typo", "permissions", List.of("USERS_FLY"))).exchange()
                .expectStatus().isBadRequest();
        http.post().uri("/api/v1/roles").headers(h -> h.setBearerAuth(hr))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Self-made", "permissions", List.of("USERS_DELETE"))).exchange()
                .expectStatus().isForbidden();
    }

    private UUID user(String login, UUID department) {
        return id(accounts.createUser(tenant.ownerToken(), Map.of("login", login, "email", login + "@example.com",
                "firstName", login, "lastName", login, "departmentId", department.toString())));
    }

    private JsonNode get(String path) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode post(String path, Map<String, ?> body) {
        return http.post().uri(path).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static UUID id(JsonNode node) {
        return UUID.fromString(node.get("id").asString());
    }
}
