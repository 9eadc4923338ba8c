package dev.roster.users.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.events.EventJson;
import dev.roster.events.Topics;
import dev.roster.events.user.UserAccessChanged;
import dev.roster.testing.MutableClock;
import dev.roster.testing.TestDatabase;
import dev.roster.testing.TestKafka;
import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.TestAccounts.Tenant;
import dev.roster.users.support.UserServiceTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may grant what, through the real application: a user limited to one department can neither raise
 * themselves nor reach past their permissions and departments, and the Account Owner's credentials stay theirs.
 */
@UserServiceTest
class GrantsTest {

    static final String PROBLEMS = "https://roster.dev/problems/";

    @Autowired WebTestClient http;
    @Autowired TestDatabase database;
    @Autowired TestKafka kafka;
    @Autowired EventJson events;
    @Autowired JsonMapper json;
    @Autowired MutableClock clock;
    TestAccounts accounts;
    Tenant tenant;
    UUID root;
    UUID sales;
    UUID salesTeam;
    UUID engineering;
    UUID administratorRole;
    UUID learnerRole;
    UUID salesHrRole;
    UUID salesAdminRole;
    UUID teamViewerRole;

    @BeforeEach
    void salesWithItsScopedAdministrators() {
        // every user here has a bcrypt password, and the first requests of a fresh application are slow
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        accounts = new TestAccounts(http);
        tenant = accounts.create(50);
        root = UUID.fromString(get(tenant.ownerToken(), "/api/v1/departments").get(0).get("id").asString());
        sales = department("Sales", root);
        salesTeam = department("Team A", sales);
        engineering = department("Engineering", root);
        administratorRole = builtIn("ADMINISTRATOR");
        learnerRole = builtIn("LEARNER");
        salesHrRole = role("Sales HR", List.of("USERS_VIEW", "USERS_MANAGE"), sales);
        salesAdminRole = role("Sales administrator", List.of("USERS_VIEW", "USERS_MANAGE", "ROLES_MANAGE"), sales);
        teamViewerRole = role("Team A viewer", List.of("USERS_VIEW"), salesTeam);
    }

    @Test
    void theAttackChainFromTheIssueFails() {
        UUID hr = user("hr", sales, salesHrRole);
        String token = accounts.signIn(tenant.slug(), "hr", TestAccounts.PASSWORD);

        // 1. PATCH /users/{self} with the Administrator role
        patch(token, hr, Map.of("roleIds", List.of(salesHrRole, administratorRole)))
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "own-roles");
        // 2. signing in again gives nothing more
        String again = accounts.signIn(tenant.slug(), "hr", TestAccounts.PASSWORD);
        assertThat(permissions(again)).containsExactlyInAnyOrder("USERS_VIEW", "USERS_MANAGE");
        // 3. POST /users/{ownerId}/password
        post(again, "/api/v1/users/" + tenant.ownerId() + "/password", Map.of("newPassword", "taken over!"))
                .expectStatus().isForbidden();

        assertThat(get(tenant.ownerToken(), "/api/v1/users/" + hr).get("roleIds").valueStream()
                .map(JsonNode::asString).toList()).containsExactly(salesHrRole.toString());
        accounts.signIn(tenant.slug(), "owner", TestAccounts.PASSWORD);
    }

    @Test
    void scopedAdministratorCannotGrantHimselfAdministrator() {
        UUID salesAdmin = user("sales.admin", sales, salesAdminRole);
        String token = accounts.signIn(tenant.slug(), "sales.admin", TestAccounts.PASSWORD);

        patch(token, salesAdmin, Map.of("roleIds", List.of(salesAdminRole, administratorRole)))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "own-roles");
        // nor through an accomplice in his department
        UUID accomplice = user("accomplice", sales, learnerRole);
        patch(token, accomplice, Map.of("roleIds", List.of(administratorRole)))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "permission-not-held");
        assertThat(roleIds(salesAdmin)).containsExactly(salesAdminRole.toString());
        assertThat(roleIds(accomplice)).containsExactly(learnerRole.toString());
    }

    @Test
    void nobodyChangesTheirOwnRoles() {
        UUID admin = user("admin", root, administratorRole);
        String token = accounts.signIn(tenant.slug(), "admin", TestAccounts.PASSWORD);

        patch(token, admin, Map.of("roleIds", List.of(administratorRole, teamViewerRole)))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "own-roles");
        patch(tenant.ownerToken(), tenant.ownerId(), Map.of("roleIds", List.of(administratorRole)))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "own-roles");
        // sending the roles one already has is no change
        patch(token, admin, Map.of("roleIds", List.of(administratorRole), "jobTitle", "Boss")).expectStatus().isOk();
        assertThat(roleIds(admin)).containsExactly(administratorRole.toString());
    }

    @Test
    void grantingNeedsRolesManage() {
        user("hr", sales, salesHrRole);
        String hr = accounts.signIn(tenant.slug(), "hr", TestAccounts.PASSWORD);
        UUID seller = user("seller", sales, learnerRole);
        UUID viewer = user("viewer", salesTeam, teamViewerRole);

        patch(hr, seller, Map.of("roleIds", List.of(teamViewerRole)))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "roles-manage-needed");
        patch(hr, viewer, Map.of("roleIds", List.of(learnerRole)))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "roles-manage-needed");
        post(hr, "/api/v1/users", newUser("made", sales, teamViewerRole))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "roles-manage-needed");
        // a new user with the default role needs no more than creating users does
        post(hr, "/api/v1/users", newUser("plain", sales, null)).expectStatus().isCreated();
        post(hr, "/api/v1/users", newUser("learner", sales, learnerRole)).expectStatus().isCreated();

        user("sales.admin", sales, salesAdminRole);
        String salesAdmin = accounts.signIn(tenant.slug(), "sales.admin", TestAccounts.PASSWORD);
        patch(salesAdmin, seller, Map.of("roleIds", List.of(teamViewerRole))).expectStatus().isOk();
        patch(salesAdmin, viewer, Map.of("roleIds", List.of(learnerRole))).expectStatus().isOk();
        post(salesAdmin, "/api/v1/users", newUser("made", sales, teamViewerRole)).expectStatus().isCreated();
    }

    @Test
    void cannotGrantPermissionCallerLacks() {
        user("sales.admin", sales, salesAdminRole);
        String token = accounts.signIn(tenant.slug(), "sales.admin", TestAccounts.PASSWORD);
        UUID seller = user("seller", sales, learnerRole);
        UUID salesDeleter = role("Sales deleter", List.of("USERS_DELETE"), sales);

        patch(token, seller, Map.of("roleIds", List.of(salesDeleter)))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "permission-not-held");
        patch(token, seller, Map.of("roleIds", List.of(administratorRole)))
                .expectStatus().isForbidden();
        post(token, "/api/v1/users", newUser("deleter", sales, salesDeleter))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "permission-not-held");
        assertThat(roleIds(seller)).containsExactly(learnerRole.toString());
    }

    @Test
    void cannotGrantRoleScopedBeyondOwnScope() {
        user("sales.admin", sales, salesAdminRole);
        String token = accounts.signIn(tenant.slug(), "sales.admin", TestAccounts.PASSWORD);
        UUID seller = user("seller", sales, learnerRole);
        UUID engineeringViewer = role("Engineering viewer", List.of("USERS_VIEW"), engineering);
        UUID everywhereViewer = role("Viewer", List.of("USERS_VIEW"), null);

        patch(token, seller, Map.of("roleIds", List.of(engineeringViewer)))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "scope-too-wide");
        patch(token, seller, Map.of("roleIds", List.of(everywhereViewer)))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "scope-too-wide");
        patch(token, seller, Map.of("roleIds", List.of(teamViewerRole))).expectStatus().isOk();
        assertThat(roleIds(seller)).containsExactly(teamViewerRole.toString());
    }

    @Test
    void cannotEditRoleToHoldMorePermissions() {
        user("sales.admin", sales, salesAdminRole);
        String token = accounts.signIn(tenant.slug(), "sales.admin", TestAccounts.PASSWORD);

        put(token, teamViewerRole, Map.of("permissions", List.of("USERS_VIEW", "USERS_DELETE"), "departmentIds", List.of(salesTeam)))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "permission-not-held");
        put(token, teamViewerRole, Map.of("permissions", List.of("USERS_VIEW")))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "scope-too-wide");
        put(token, salesAdminRole, Map.of("permissions", List.of("USERS_VIEW", "USERS_MANAGE", "ROLES_MANAGE", "USERS_DELETE"),
                        "departmentIds", List.of(sales)))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "own-role");
        http.delete().uri("/api/v1/roles/{id}", salesAdminRole).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isForbidden();
        post(token, "/api/v1/roles", Map.of("name", "Deleters", "permissions", List.of("USERS_DELETE"),
                "departmentIds", List.of(sales)))
                .expectStatus().isForbidden();
        post(token, "/api/v1/roles", Map.of("name", "Everywhere", "permissions", List.of("USERS_VIEW")))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "scope-too-wide");

        // within his own permissions and departments he still shapes roles
        put(token, teamViewerRole, Map.of("permissions", List.of("USERS_VIEW", "USERS_MANAGE"), "departmentIds", List.of(salesTeam)))
                .expectStatus().isOk();
        post(token, "/api/v1/roles", Map.of("name", "Team A managers", "permissions", List.of("USERS_MANAGE"),
                "departmentIds", List.of(salesTeam)))
                .expectStatus().isCreated();
        JsonNode role = get(tenant.ownerToken(), "/api/v1/roles").valueStream()
                .filter(found -> found.get("id").asString().equals(teamViewerRole.toString())).findFirst().orElseThrow();
        assertThat(role.get("permissions").valueStream().map(JsonNode::asString).toList())
                .containsExactly("USERS_MANAGE", "USERS_VIEW");
    }

    @Test
    void onlyOwnerChangesOwnerPasswordLoginEmailAndRoles() throws Exception {
        user("admin", root, administratorRole);
        String admin = accounts.signIn(tenant.slug(), "admin", TestAccounts.PASSWORD);
        UUID owner = tenant.ownerId();

        post(admin, "/api/v1/users/" + owner + "/password", Map.of("newPassword", "taken over!"))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "account-owner-only");
        post(admin, "/api/v1/users/" + owner + "/invitation", Map.of())
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "account-owner-only");
        patch(admin, owner, Map.of("email", "attacker@example.com"))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "account-owner-only");
        patch(admin, owner, Map.of("login", "former.owner"))
                .expectStatus().isForbidden();
        patch(admin, owner, Map.of("roleIds", List.of(learnerRole)))
                .expectStatus().isForbidden();
        assertThat(count("SELECT count(*) FROM outbox WHERE message_key = ? AND event_type = 'user.invited'", owner))
                .isZero();
        // anything else of the owner's profile an administrator may still edit
        patch(admin, owner, Map.of("jobTitle", "Founder")).expectStatus().isOk();

        // the owner changes their own
        patch(tenant.ownerToken(), owner, Map.of("email", "olga@example.com", "login", "olga")).expectStatus().isOk();
        post(tenant.ownerToken(), "/api/v1/users/" + owner + "/password", Map.of("newPassword", "owner's new secret"))
                .expectStatus().isNoContent();
        accounts.signIn(tenant.slug(), "olga", "owner's new secret");
    }

    @Test
    void cannotResetPasswordOfMorePrivilegedUser() {
        user("hr", sales, salesHrRole);
        String hr = accounts.signIn(tenant.slug(), "hr", TestAccounts.PASSWORD);
        UUID adminInSales = user("sales.boss", sales, administratorRole);
        UUID widerHr = user("wider.hr", sales, role("All HR", List.of("USERS_VIEW", "USERS_MANAGE"), null));
        UUID seller = user("seller", salesTeam, learnerRole);

        for (UUID privileged : List.of(adminInSales, widerHr)) {
            post(hr, "/api/v1/users/" + privileged + "/password", Map.of("newPassword", "taken over!"))
                    .expectStatus().isForbidden()
                    .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "privileged-user");
            post(hr, "/api/v1/users/" + privileged + "/invitation", Map.of())
                    .expectStatus().isForbidden()
                    .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "privileged-user");
            patch(hr, privileged, Map.of("email", "mine@example.com"))
                    .expectStatus().isForbidden()
                    .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "privileged-user");
        }
        accounts.signIn(tenant.slug(), "sales.boss", TestAccounts.PASSWORD);

        post(hr, "/api/v1/users/" + seller + "/password", Map.of("newPassword", "reset by hr")).expectStatus().isNoContent();
        post(hr, "/api/v1/users/" + seller + "/invitation", Map.of()).expectStatus().isAccepted();
        patch(hr, seller, Map.of("email", "seller@sales.example")).expectStatus().isOk();
        accounts.signIn(tenant.slug(), "seller", "reset by hr");
    }

    @Test
    void scopedManagerCannotDeactivateEndOrDeleteAMorePrivilegedUser() {
        UUID deleters = role("Sales HR who delete", List.of("USERS_VIEW", "USERS_MANAGE", "USERS_DELETE"), sales);
        user("hr", sales, deleters);
        String hr = accounts.signIn(tenant.slug(), "hr", TestAccounts.PASSWORD);
        UUID adminInSales = user("sales.boss", sales, administratorRole);
        UUID seller = user("seller", salesTeam, learnerRole);

        post(hr, "/api/v1/users/" + adminInSales + "/status", Map.of("status", "INACTIVE"))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "privileged-user");
        http.delete().uri("/api/v1/users/{id}", adminInSales).headers(h -> h.setBearerAuth(hr)).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "privileged-user");
        post(hr, "/api/v1/users/bulk", Map.of("action", "END_EMPLOYMENT", "userIds", List.of(adminInSales, seller)))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.applied").isEqualTo(List.of(seller.toString()))
                .jsonPath("$.skipped[0].userId").isEqualTo(adminInSales.toString())
                .jsonPath("$.skipped[0].reason").isEqualTo("PRIVILEGED_USER");
        post(hr, "/api/v1/users/bulk", Map.of("action", "DELETE", "userIds", List.of(adminInSales)))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.skipped[0].reason").isEqualTo("PRIVILEGED_USER");

        // the administrator is untouched and still signs in; an equal may act on them
        accounts.signIn(tenant.slug(), "sales.boss", TestAccounts.PASSWORD);
        post(tenant.ownerToken(), "/api/v1/users/" + adminInSales + "/status", Map.of("status", "INACTIVE"))
                .expectStatus().isOk();
    }

    @Test
    void demotedAdministratorsTokensAreVoid() throws Exception {
        UUID admin = user("admin", root, administratorRole);
        JsonNode session = signIn("admin");
        Instant before = tokensValidAfter(admin);
        clock.advance(Duration.ofSeconds(5));

        patch(tenant.ownerToken(), admin, Map.of("roleIds", List.of(learnerRole))).expectStatus().isOk();

        Instant after = tokensValidAfter(admin);
        assertThat(after).isAfter(before);
        http.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", session.get("refreshToken").asString())).exchange()
                .expectStatus().isUnauthorized();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Topics.USER_ACCESS)) {
            List<UserAccessChanged> access = accessRecords(consumer, admin, 1);
            assertThat(access.getLast().tokensValidAfter()).isEqualTo(after);
            assertThat(access.getLast().active()).isTrue();
        }
        // signing in again gives the permissions of the new roles only
        assertThat(permissions(accounts.signIn(tenant.slug(), "admin", TestAccounts.PASSWORD))).isEmpty();
    }

    @Test
    void editingOrDeletingARoleEndsTheSessionsOfItsHolders() throws Exception {
        UUID viewer = user("viewer", salesTeam, teamViewerRole);
        UUID other = user("other", salesTeam, learnerRole);
        Instant before = tokensValidAfter(viewer);
        Instant otherBefore = tokensValidAfter(other);
        clock.advance(Duration.ofSeconds(5));

        put(tenant.ownerToken(), teamViewerRole, Map.of("name", "Renamed", "permissions", List.of("USERS_VIEW"),
                "departmentIds", List.of(salesTeam))).expectStatus().isOk();
        assertThat(tokensValidAfter(viewer)).as("a new name changes no access").isEqualTo(before);

        put(tenant.ownerToken(), teamViewerRole, Map.of("permissions", List.of("USERS_VIEW"))).expectStatus().isOk();
        Instant widened = tokensValidAfter(viewer);
        assertThat(widened).isAfter(before);
        clock.advance(Duration.ofSeconds(5));

        http.delete().uri("/api/v1/roles/{id}", teamViewerRole).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isNoContent();
        assertThat(tokensValidAfter(viewer)).isAfter(widened);
        assertThat(tokensValidAfter(other)).as("not a holder").isEqualTo(otherBefore);
        assertThat(count("SELECT count(*) FROM outbox WHERE topic = ? AND message_key = ? AND event_type = 'user.access-changed'",
                Topics.USER_ACCESS, viewer)).as("widened, deleted (nothing on creation)").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM outbox WHERE topic = ? AND message_key = ? AND event_type = 'user.access-changed'",
                Topics.USER_ACCESS, other)).as("not a holder: nothing").isZero();
    }

    @Test
    void administratorsStillGrantAndResetAsBefore() {
        user("admin", root, administratorRole);
        String admin = accounts.signIn(tenant.slug(), "admin", TestAccounts.PASSWORD);
        UUID engineer = user("engineer", engineering, learnerRole);
        UUID otherAdmin = user("other.admin", root, administratorRole);

        patch(admin, engineer, Map.of("roleIds", List.of(administratorRole, teamViewerRole))).expectStatus().isOk();
        patch(admin, engineer, Map.of("roleIds", List.of(learnerRole))).expectStatus().isOk();
        post(admin, "/api/v1/users", newUser("new.admin", engineering, administratorRole)).expectStatus().isCreated();
        post(admin, "/api/v1/users/" + otherAdmin + "/password", Map.of("newPassword", "reset by a peer"))
                .expectStatus().isNoContent();
        patch(admin, otherAdmin, Map.of("roleIds", List.of(learnerRole))).expectStatus().isOk();
        put(admin, salesAdminRole, Map.of("permissions", List.of("USERS_VIEW"))).expectStatus().isOk();
        http.delete().uri("/api/v1/roles/{id}", salesHrRole).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isNoContent();
        accounts.signIn(tenant.slug(), "other.admin", "reset by a peer");
    }

    private List<UserAccessChanged> accessRecords(KafkaConsumer<String, byte[]> consumer, UUID user, int expected) {
        List<UserAccessChanged> found = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (found.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key().equals(user.toString()) && record.value() != null) {
                    found.add(events.read(record.value()).dataAs(UserAccessChanged.class));
                }
            }
        }
        assertThat(found).hasSize(expected);
        return found;
    }

    private UUID user(String login, UUID department, UUID role) {
        return id(accounts.createUser(tenant.ownerToken(), Map.of("login", login, "email", login + "@example.com",
                "firstName", login, "lastName", login, "password", TestAccounts.PASSWORD,
                "departmentId", department.toString(), "roleIds", List.of(role))));
    }

    private static Map<String, Object> newUser(String login, UUID department, UUID role) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("login", login, "email", login + "@example.com",
                "firstName", login, "lastName", login, "departmentId", department.toString()));
        if (role != null) {
            body.put("roleIds", List.of(role));
        }
        return body;
    }

    private UUID department(String name, UUID parent) {
        return id(post(tenant.ownerToken(), "/api/v1/departments", Map.of("name", name, "parentId", parent))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody());
    }

    private UUID role(String name, List<String> permissions, UUID department) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "permissions", permissions));
        if (department != null) {
            body.put("departmentIds", List.of(department));
        }
        return id(post(tenant.ownerToken(), "/api/v1/roles", body).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody());
    }

    private UUID builtIn(String kind) {
        return get(tenant.ownerToken(), "/api/v1/roles").valueStream()
                .filter(role -> role.get("kind").asString().equals(kind))
                .map(GrantsTest::id).findFirst().orElseThrow();
    }

    private List<String> roleIds(UUID user) {
        return get(tenant.ownerToken(), "/api/v1/users/" + user).get("roleIds").valueStream().map(JsonNode::asString).toList();
    }

    private JsonNode signIn(String login) {
        return http.post().uri("/api/v1/auth/sign-in").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", tenant.slug(), "login", login, "password", TestAccounts.PASSWORD)).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** The permissions an access token carries. */
    private List<String> permissions(String token) {
        JsonNode claims = json.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        return claims.get("permissions").valueStream().map(JsonNode::asString).toList();
    }

    private Instant tokensValidAfter(UUID user) throws Exception {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT tokens_valid_after FROM app_user WHERE id = ?")) {
            query.setObject(1, user);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getObject(1, java.time.OffsetDateTime.class).toInstant();
            }
        }
    }

    private long count(String sql, Object... parameters) throws Exception {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i] instanceof UUID id ? id.toString() : parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private JsonNode get(String token, String path) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec post(String token, String path, Map<String, ?> body) {
        return http.post().uri(path).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec patch(String token, UUID user, Map<String, ?> body) {
        return http.patch().uri("/api/v1/users/{id}", user).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec put(String token, UUID role, Map<String, ?> body) {
        return http.put().uri("/api/v1/roles/{id}", role).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static UUID id(JsonNode node) {
        return UUID.fromString(node.get("id").asString());
    }
}
