package dev.roster.users.role;

import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.TestAccounts.Tenant;
import dev.roster.users.support.UserServiceTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What a custom role may be made of, and which roles stay as they are; grant rules are {@code GrantsTest}'s. */
@UserServiceTest
class RoleTest {

    @Autowired WebTestClient http;
    TestAccounts accounts;
    Tenant tenant;

    @BeforeEach
    void account() {
        accounts = new TestAccounts(http);
        tenant = accounts.create(10);
    }

    @Test
    void aRoleLimitedToADepartmentOfAnotherAccountIsRefusedAndNothingIsCreated() {
        UUID elsewhere = UUID.fromString(rootDepartmentOf(accounts.create(10)));
        create(tenant.ownerToken(), Map.of("name", "Far reach", "permissions", List.of("USERS_VIEW"),
                "departmentIds", List.of(elsewhere)))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/unknown-department")
                .jsonPath("$.field").isEqualTo("departmentIds");
        roles(tenant.ownerToken()).jsonPath("$[?(@.name == 'Far reach')]").doesNotExist();
    }

    @Test
    void managingTheAccountIsNeverACustomPermission() {
        create(tenant.ownerToken(), Map.of("name", "Owner-like", "permissions", List.of("ACCOUNT_MANAGE")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/invalid-permission");
    }

    @Test
    void twoRolesOfAnAccountNeverShareAName() {
        create(tenant.ownerToken(), Map.of("name", "Reviewers", "permissions", List.of("USERS_VIEW")))
                .expectStatus().isCreated();
        create(tenant.ownerToken(), Map.of("name", "Reviewers", "permissions", List.of("USERS_VIEW")))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/role-name-taken");
    }

    @Test
    void builtInRolesCannotBeChangedAndAnotherAccountsRoleDoesNotExist() {
        String learner = http.get().uri("/api/v1/roles").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk().expectBody(tools.jackson.databind.JsonNode.class).returnResult().getResponseBody()
                .valueStream().filter(role -> role.get("kind").asString().equals("LEARNER")).findFirst().orElseThrow()
                .get("id").asString();
        http.put().uri("/api/v1/roles/{id}", learner).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .bodyValue(Map.of("name", "Students", "permissions", List.of("USERS_VIEW"))).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/built-in-role");

        Tenant other = accounts.create(10);
        http.put().uri("/api/v1/roles/{id}", learner).headers(h -> h.setBearerAuth(other.ownerToken()))
                .bodyValue(Map.of("name", "Mine now", "permissions", List.of("USERS_VIEW"))).exchange()
                .expectStatus().isNotFound();
        http.delete().uri("/api/v1/roles/{id}", learner).headers(h -> h.setBearerAuth(other.ownerToken())).exchange()
                .expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec create(String token, Map<String, ?> body) {
        return http.post().uri("/api/v1/roles").headers(h -> h.setBearerAuth(token)).bodyValue(body).exchange();
    }

    private WebTestClient.BodyContentSpec roles(String token) {
        return http.get().uri("/api/v1/roles").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody();
    }

    private String rootDepartmentOf(Tenant other) {
        return http.get().uri("/api/v1/departments").headers(h -> h.setBearerAuth(other.ownerToken())).exchange()
                .expectStatus().isOk().expectBody(tools.jackson.databind.JsonNode.class).returnResult().getResponseBody()
                .valueStream().findFirst().orElseThrow().get("id").asString();
    }
}
