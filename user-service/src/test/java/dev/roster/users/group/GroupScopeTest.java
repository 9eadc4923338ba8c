package dev.roster.users.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.users.support.ScopedAccount;
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

/** Groups belong to the account, but a role limited to Sales sees and changes only Sales' part of them. */
@UserServiceTest
class GroupScopeTest {

    @Autowired WebTestClient http;
    ScopedAccount account;
    UUID seller;
    UUID recruiter;
    UUID drivers;

    @BeforeEach
    void salesHr() {
        http = ScopedAccount.patient(http);
        account = new ScopedAccount(http);
        seller = account.user("seller", account.salesTeam());
        recruiter = account.user("recruiter", account.hr());
        drivers = ScopedAccount.id(account.ownerPost("/api/v1/groups", Map.of("name", "Drivers", "kind", "STATIC")));
    }

    @Test
    void scopedAdministratorCannotChangeGroupMembershipOutsideScope() {
        addMembers(account.scopedToken(), drivers, List.of(seller, recruiter))
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(members(account.ownerToken(), drivers)).isEmpty();

        addMembers(account.scopedToken(), drivers, List.of(seller)).expectStatus().isOk();
        addMembers(account.ownerToken(), drivers, List.of(recruiter)).expectStatus().isOk();
        http.delete().uri("/api/v1/groups/{id}/members/{user}", drivers, recruiter)
                .headers(h -> h.setBearerAuth(account.scopedToken())).exchange()
                .expectStatus().isForbidden();

        assertThat(members(account.ownerToken(), drivers)).containsExactlyInAnyOrder(seller, recruiter);
    }

    @Test
    void groupMemberListAndCountAreFilteredToScope() {
        addMembers(account.ownerToken(), drivers, List.of(seller, recruiter)).expectStatus().isOk();

        assertThat(members(account.scopedToken(), drivers)).containsExactly(seller);
        group(account.scopedToken(), drivers).jsonPath("$.memberCount").isEqualTo(1);
        group(account.ownerToken(), drivers).jsonPath("$.memberCount").isEqualTo(2);
        JsonNode listed = http.get().uri("/api/v1/groups").headers(h -> h.setBearerAuth(account.scopedToken())).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(listed.get(0).get("memberCount").asLong()).isEqualTo(1);
    }

    @Test
    void scopedAdministratorCannotChangeOrDeleteGroupReachingOutsideScope() {
        addMembers(account.ownerToken(), drivers, List.of(seller, recruiter)).expectStatus().isOk();

        http.patch().uri("/api/v1/groups/{id}", drivers).headers(h -> h.setBearerAuth(account.scopedToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Sales drivers")).exchange()
                .expectStatus().isForbidden();
        http.delete().uri("/api/v1/groups/{id}", drivers).headers(h -> h.setBearerAuth(account.scopedToken())).exchange()
                .expectStatus().isForbidden();
        createGroup(Map.of("name", "Everyone", "kind", "SMART", "jobTitle", "Driver")).expectStatus().isForbidden();
        createGroup(Map.of("name", "HR people", "kind", "SMART", "departmentId", account.hr())).expectStatus().isForbidden();

        createGroup(Map.of("name", "Sales people", "kind", "SMART", "departmentId", account.sales()))
                .expectStatus().isCreated();
        UUID own = ScopedAccount.id(createGroup(Map.of("name", "Sales team", "kind", "STATIC"))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody());
        addMembers(account.scopedToken(), own, List.of(seller)).expectStatus().isOk();
        http.delete().uri("/api/v1/groups/{id}", own).headers(h -> h.setBearerAuth(account.scopedToken())).exchange()
                .expectStatus().isNoContent();
        group(account.ownerToken(), drivers).jsonPath("$.name").isEqualTo("Drivers");
    }

    private WebTestClient.ResponseSpec addMembers(String token, UUID group, List<UUID> users) {
        return http.post().uri("/api/v1/groups/{id}/members", group).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("userIds", users)).exchange();
    }

    private WebTestClient.ResponseSpec createGroup(Map<String, ?> body) {
        return http.post().uri("/api/v1/groups").headers(h -> h.setBearerAuth(account.scopedToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.BodyContentSpec group(String token, UUID id) {
        return http.get().uri("/api/v1/groups/{id}", id).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody();
    }

    private List<UUID> members(String token, UUID group) {
        return http.get().uri("/api/v1/users?groupId={group}", group).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("items").valueStream().map(ScopedAccount::id).toList();
    }
}
