package dev.roster.users.department;

import static org.assertj.core.api.Assertions.assertThat;

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
class DepartmentTest {

    @Autowired WebTestClient http;
    TestAccounts accounts;
    Tenant tenant;
    UUID root;

    @BeforeEach
    void account() {
        accounts = new TestAccounts(http);
        tenant = accounts.create(20);
        root = UUID.fromString(list().get(0).get("id").asString());
    }

    @Test
    void departmentsFormATreeShownWithPaths() {
        UUID sales = id(create(Map.of("name", "Sales Department", "parentId", root)).expectStatus().isCreated());
        create(Map.of("name", "Customer Care", "parentId", sales, "supervisorIds", java.util.List.of(tenant.ownerId())))
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.path").isEqualTo("Acme " + tenant.slug() + " / Sales Department / Customer Care")
                .jsonPath("$.supervisorIds[0]").isEqualTo(tenant.ownerId().toString());

        assertThat(list()).hasSize(3);
    }

    @Test
    void renamingAParentRenamesThePathsBelowIt() {
        UUID sales = id(create(Map.of("name", "Sales", "parentId", root)).expectStatus().isCreated());
        UUID care = id(create(Map.of("name", "Care", "parentId", sales)).expectStatus().isCreated());

        patch(sales, Map.of("name", "Revenue")).expectStatus().isOk();

        http.get().uri("/api/v1/departments/{id}", care).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody().jsonPath("$.path").isEqualTo("Acme " + tenant.slug() + " / Revenue / Care");
    }

    @Test
    void aDepartmentCannotMoveUnderItselfNorTheRootMoveAtAll() {
        UUID sales = id(create(Map.of("name", "Sales", "parentId", root)).expectStatus().isCreated());
        UUID care = id(create(Map.of("name", "Care", "parentId", sales)).expectStatus().isCreated());

        patch(sales, Map.of("parentId", care)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/department-cycle");
        patch(sales, Map.of("parentId", sales)).expectStatus().isEqualTo(409);
        patch(root, Map.of("parentId", sales)).expectStatus().isEqualTo(409);
    }

    @Test
    void siblingNamesAreUniqueAndParentsMustBeInTheAccount() {
        create(Map.of("name", "Sales", "parentId", root)).expectStatus().isCreated();
        create(Map.of("name", "sales", "parentId", root)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/department-name-taken");
        Tenant other = accounts.create(5);
        UUID foreignRoot = UUID.fromString(http.get().uri("/api/v1/departments").headers(h -> h.setBearerAuth(other.ownerToken()))
                .exchange().expectBody(JsonNode.class).returnResult().getResponseBody().get(0).get("id").asString());
        create(Map.of("name", "Spies", "parentId", foreignRoot)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/unknown-department");
    }

    @Test
    void onlyAnEmptyDepartmentIsDeletedAndTheUsersFilterCoversTheSubtree() {
        UUID sales = id(create(Map.of("name", "Sales", "parentId", root)).expectStatus().isCreated());
        UUID care = id(create(Map.of("name", "Care", "parentId", sales)).expectStatus().isCreated());
        accounts.createUser(tenant.ownerToken(), Map.of("login", "carer", "email", "carer@example.com", "firstName", "C",
                "lastName", "C", "departmentId", care.toString()));

        http.get().uri("/api/v1/users?departmentId=" + sales).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody().jsonPath("$.items[0].login").isEqualTo("carer").jsonPath("$.page.totalElements").isEqualTo(1);
        http.delete().uri("/api/v1/departments/{id}", care).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/department-not-empty");
        http.delete().uri("/api/v1/departments/{id}", sales).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isEqualTo(409);
        http.delete().uri("/api/v1/departments/{id}", root).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isEqualTo(409);
    }

    @Test
    void twoCrossedMovesAtOnceNeverMakeACycle() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            int created = 0;
            for (int round = 0; round < 15; round++) {
                UUID a = id(create(Map.of("name", "A" + round, "parentId", root)).expectStatus().isCreated());
                UUID b = id(create(Map.of("name", "B" + round, "parentId", root)).expectStatus().isCreated());
                created += 2;
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                var first = pool.submit(() -> {
                    start.await();
                    return patch(a, Map.of("parentId", b)).returnResult(String.class).getStatus().value();
                });
                var second = pool.submit(() -> {
                    start.await();
                    return patch(b, Map.of("parentId", a)).returnResult(String.class).getStatus().value();
                });
                start.countDown();
                assertThat(java.util.List.of(first.get(), second.get())).as("round %d", round).containsAnyOf(200);
            }
            // a department in a cycle is cut off from the root: the tree would show fewer than were made
            assertThat(list()).as("every department still under the root").hasSize(created + 1);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private JsonNode list() {
        return http.get().uri("/api/v1/departments").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec create(Map<String, ?> body) {
        return http.post().uri("/api/v1/departments").headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec patch(UUID id, Map<String, ?> body) {
        return http.patch().uri("/api/v1/departments/{id}", id).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static UUID id(WebTestClient.ResponseSpec response) {
        return UUID.fromString(response.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString());
    }
}
