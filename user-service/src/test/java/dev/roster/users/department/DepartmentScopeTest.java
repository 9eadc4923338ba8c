package dev.roster.users.department;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.users.support.ScopedAccount;
import dev.roster.users.support.UserServiceTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** A role limited to Sales reads and changes only the departments of Sales' subtree, and moves nothing across its edge. */
@UserServiceTest
class DepartmentScopeTest {

    @Autowired WebTestClient http;
    ScopedAccount account;

    @BeforeEach
    void salesHr() {
        http = ScopedAccount.patient(http);
        account = new ScopedAccount(http);
    }

    @Test
    void scopedAdministratorCannotCreateDepartmentUnderRoot() {
        create(Map.of("name", "Shadow IT", "parentId", account.root()))
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        create(Map.of("name", "Payroll", "parentId", account.hr())).expectStatus().isForbidden();

        create(Map.of("name", "Team B", "parentId", account.sales())).expectStatus().isCreated();
        assertThat(paths(account.ownerToken())).doesNotContain("Shadow IT").noneMatch(path -> path.endsWith("Payroll"));
    }

    @Test
    void scopedAdministratorCannotMoveForeignDepartmentUnderOwn() {
        UUID recruiter = account.user("recruiter", account.hr());

        patch(account.hr(), Map.of("parentId", account.sales()))
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        JsonNode hr = department(account.ownerToken(), account.hr()).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(hr.get("parentId").asString()).isEqualTo(account.root().toString());
        http.get().uri("/api/v1/users/{id}", recruiter).headers(h -> h.setBearerAuth(account.scopedToken())).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void scopedAdministratorCannotMoveOwnDepartmentOutOfScope() {
        patch(account.salesTeam(), Map.of("parentId", account.hr())).expectStatus().isForbidden();
        // the scope's own root would leave a place the role does not cover
        patch(account.sales(), Map.of("parentId", account.hr())).expectStatus().isForbidden();

        UUID teamB = account.department("Team B", account.sales());
        patch(teamB, Map.of("parentId", account.salesTeam())).expectStatus().isOk()
                .expectBody().jsonPath("$.parentId").isEqualTo(account.salesTeam().toString());
    }

    @Test
    void scopedAdministratorCannotRenameOrDeleteForeignDepartment() {
        patch(account.hr(), Map.of("name", "Ours now")).expectStatus().isForbidden();
        http.delete().uri("/api/v1/departments/{id}", account.hr()).headers(h -> h.setBearerAuth(account.scopedToken()))
                .exchange()
                .expectStatus().isForbidden();
        UUID empty = account.department("Empty", account.sales());
        http.delete().uri("/api/v1/departments/{id}", empty).headers(h -> h.setBearerAuth(account.scopedToken()))
                .exchange()
                .expectStatus().isNoContent();

        assertThat(paths(account.ownerToken())).anyMatch(path -> path.endsWith(" / HR"));
    }

    @Test
    void departmentListIsFilteredToScope() {
        assertThat(paths(account.scopedToken())).hasSize(2)
                .allMatch(path -> path.endsWith(" / Sales") || path.endsWith(" / Sales / Team A"));
        assertThat(paths(account.ownerToken())).hasSize(4);

        department(account.scopedToken(), account.hr()).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        department(account.scopedToken(), account.root()).expectStatus().isForbidden();
        department(account.scopedToken(), account.salesTeam()).expectStatus().isOk();
        department(account.scopedToken(), UUID.randomUUID()).expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec create(Map<String, ?> body) {
        return http.post().uri("/api/v1/departments").headers(h -> h.setBearerAuth(account.scopedToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec patch(UUID id, Map<String, ?> body) {
        return http.patch().uri("/api/v1/departments/{id}", id).headers(h -> h.setBearerAuth(account.scopedToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec department(String token, UUID id) {
        return http.get().uri("/api/v1/departments/{id}", id).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private java.util.List<String> paths(String token) {
        return http.get().uri("/api/v1/departments").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                .valueStream().map(department -> department.get("path").asString()).toList();
    }
}
