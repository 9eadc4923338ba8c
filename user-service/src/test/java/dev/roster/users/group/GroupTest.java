package dev.roster.users.group;

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

@UserServiceTest
class GroupTest {

    @Autowired WebTestClient http;
    TestAccounts accounts;
    Tenant tenant;
    UUID sales;
    UUID salesTeam;

    @BeforeEach
    void account() {
        accounts = new TestAccounts(http);
        tenant = accounts.create(50);
        UUID root = UUID.fromString(get("/api/v1/departments").get(0).get("id").asString());
        sales = id(post("/api/v1/departments", Map.of("name", "Sales", "parentId", root)).expectStatus().isCreated());
        salesTeam = id(post("/api/v1/departments", Map.of("name", "Team", "parentId", sales)).expectStatus().isCreated());
    }

    @Test
    void aSmartGroupFollowsItsRulesAndLeavesEndedUsersOutUntilTheyAreActiveAgain() {
        UUID group = id(post("/api/v1/groups", Map.of("name", "Sales managers", "kind", "SMART",
                "departmentId", sales, "jobTitle", "manager")).expectStatus().isCreated());
        UUID deep = user("deep", salesTeam, "Manager");
        UUID inactive = user("resting", sales, "MANAGER");
        UUID ended = user("leaver", sales, "Manager");
        user("clerk", sales, "Clerk");
        accounts.changeStatus(tenant.ownerToken(), inactive, "INACTIVE").expectStatus().isOk();
        accounts.changeStatus(tenant.ownerToken(), ended, "EMPLOYMENT_ENDED").expectStatus().isOk();

        assertThat(members(group)).containsExactlyInAnyOrder(deep, inactive);

        accounts.changeStatus(tenant.ownerToken(), ended, "ACTIVE").expectStatus().isOk();
        assertThat(members(group)).containsExactlyInAnyOrder(deep, inactive, ended);
        http.get().uri("/api/v1/groups/{id}", group).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody().jsonPath("$.memberCount").isEqualTo(3).jsonPath("$.rules.jobTitle").isEqualTo("manager");
    }

    @Test
    void aStaticGroupHasTheMembersAddedToIt() {
        UUID group = id(post("/api/v1/groups", Map.of("name", "Mentors", "kind", "STATIC")).expectStatus().isCreated());
        UUID a = user("a", sales, null);
        UUID b = user("b", sales, null);
        Tenant other = accounts.create(5);
        UUID foreign = UUID.fromString(accounts.createUser(other.ownerToken(), "foreign").get("id").asString());

        post("/api/v1/groups/" + group + "/members", Map.of("userIds", List.of(a, b, foreign))).expectStatus().isOk()
                .expectBody().jsonPath("$.memberCount").isEqualTo(2);
        http.delete().uri("/api/v1/groups/{id}/members/{user}", group, b).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .exchange().expectStatus().isOk();

        assertThat(members(group)).containsExactly(a);
        post("/api/v1/groups", Map.of("name", "mentors", "kind", "STATIC")).expectStatus().isEqualTo(409);
        post("/api/v1/groups", Map.of("name", "Odd", "kind", "STATIC", "jobTitle", "x")).expectStatus().isBadRequest();
        UUID smart = id(post("/api/v1/groups", Map.of("name", "Smart", "kind", "SMART", "jobTitle", "x")).expectStatus().isCreated());
        post("/api/v1/groups/" + smart + "/members", Map.of("userIds", List.of(a))).expectStatus().isEqualTo(409);
    }

    @Test
    void aUsersCardListsTheGroupsTheyAreInAndTheSmartOnesLeaveWithTheEmployment() {
        UUID smart = id(post("/api/v1/groups", Map.of("name", "Sales managers", "kind", "SMART",
                "departmentId", sales, "jobTitle", "manager")).expectStatus().isCreated());
        UUID mentors = id(post("/api/v1/groups", Map.of("name", "Mentors", "kind", "STATIC")).expectStatus().isCreated());
        id(post("/api/v1/groups", Map.of("name", "Empty", "kind", "STATIC")).expectStatus().isCreated());
        UUID manager = user("manager", salesTeam, "Manager");
        post("/api/v1/groups/" + mentors + "/members", Map.of("userIds", List.of(manager))).expectStatus().isOk();

        assertThat(groupsOf(manager)).containsExactly("Mentors STATIC " + mentors, "Sales managers SMART " + smart);

        accounts.changeStatus(tenant.ownerToken(), manager, "EMPLOYMENT_ENDED").expectStatus().isOk();
        assertThat(groupsOf(manager)).containsExactly("Mentors STATIC " + mentors);

        Tenant other = accounts.create(5);
        http.get().uri("/api/v1/users/{id}/groups", manager).headers(h -> h.setBearerAuth(other.ownerToken())).exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private List<String> groupsOf(UUID user) {
        return get("/api/v1/users/" + user + "/groups").valueStream()
                .map(group -> group.get("name").asString() + " " + group.get("kind").asString() + " " + group.get("groupId").asString())
                .toList();
    }

    private List<UUID> members(UUID group) {
        return get("/api/v1/users?groupId=" + group).get("items").valueStream()
                .map(user -> UUID.fromString(user.get("id").asString())).toList();
    }

    private UUID user(String login, UUID department, String jobTitle) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("login", login, "email", login + "@example.com",
                "firstName", login, "lastName", login, "departmentId", department.toString()));
        if (jobTitle != null) {
            body.put("jobTitle", jobTitle);
        }
        return UUID.fromString(accounts.createUser(tenant.ownerToken(), body).get("id").asString());
    }

    private JsonNode get(String path) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec post(String path, Map<String, ?> body) {
        return http.post().uri(path).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static UUID id(WebTestClient.ResponseSpec response) {
        return UUID.fromString(response.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString());
    }
}
