package dev.roster.users.user;

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
class UserApiTest {

    @Autowired WebTestClient http;
    TestAccounts accounts;
    Tenant tenant;

    @BeforeEach
    void account() {
        accounts = new TestAccounts(http);
        tenant = accounts.create(50);
    }

    @Test
    void aCreatedUserHasTheDocumentedShapeAndTheLearnerRole() {
        JsonNode user = accounts.createUser(tenant.ownerToken(), Map.of("login", "agata.brown",
                "email", "agata.brown@example.com", "firstName", "Agata", "lastName", "Brown",
                "jobTitle", "Sales Manager", "phone", "+1 800 786 9736", "supervisorId", tenant.ownerId().toString()));

        assertThat(user.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(user.get("supervisorId").asString()).isEqualTo(tenant.ownerId().toString());
        assertThat(user.get("departmentId").isNull()).isFalse();
        assertThat(user.get("roleIds")).hasSize(1);
        assertThat(user.get("scheduledStatusChange").isNull()).isTrue();
        assertThat(user.get("lastSignInAt").isNull()).isTrue();
        assertThat(user.has("employmentEndedOn")).isTrue();
        assertThat(user.has("passwordHash")).isFalse();
    }

    @Test
    void loginAndEmailAreUniqueWithinAnAccountRegardlessOfCase() {
        accounts.createUser(tenant.ownerToken(), "dup");
        create(tenant.ownerToken(), Map.of("login", "DUP", "email", "other@example.com", "firstName", "D", "lastName", "D"))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/login-taken");
        create(tenant.ownerToken(), Map.of("login", "other", "email", "DUP@example.com", "firstName", "D", "lastName", "D"))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/email-taken");
        // another account may use the same login
        Tenant other = accounts.create(5);
        accounts.createUser(other.ownerToken(), "dup");
    }

    @Test
    void invalidFieldsAreListedAndNothingIsCreated() {
        create(tenant.ownerToken(), Map.of("login", "has space", "email", "not-an-email", "firstName", "", "lastName", "L"))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://roster.dev/problems/validation-failed")
                .jsonPath("$.errors.length()").isEqualTo(3);
        create(tenant.ownerToken(), Map.of("login", "x", "email", "x@example.com", "firstName", "X", "lastName", "X",
                "departmentId", UUID.randomUUID().toString()))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/unknown-department");
        create(tenant.ownerToken(), Map.of("login", "x", "email", "x@example.com", "firstName", "X", "lastName", "X",
                "departmentId", "not-a-uuid"))
                .expectStatus().isBadRequest();
        http.get().uri("/api/v1/users?q=x@example.com").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody().jsonPath("$.page.totalElements").isEqualTo(0);
    }

    @Test
    void anOversizedBodyIsRefusedWith413() {
        String huge = "{\"login\":\"big\",\"email\":\"big@example.com\",\"firstName\":\"" + "x".repeat(3 * 1024 * 1024)
                + "\",\"lastName\":\"B\"}";
        http.post().uri("/api/v1/users").headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(huge).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/users?q=big").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody().jsonPath("$.page.totalElements").isEqualTo(0);
    }

    @Test
    void anotherAccountsUserIsNotFound() {
        Tenant other = accounts.create(5);
        UUID foreign = id(accounts.createUser(other.ownerToken(), "foreign"));

        http.get().uri("/api/v1/users/{id}", foreign).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isNotFound();
        patch(tenant.ownerToken(), foreign, null, Map.of("jobTitle", "Spy")).expectStatus().isNotFound();
        accounts.changeStatus(tenant.ownerToken(), foreign, "INACTIVE").expectStatus().isNotFound();
        http.delete().uri("/api/v1/users/{id}", foreign).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/v1/users/{id}", foreign).headers(h -> h.setBearerAuth(other.ownerToken())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.jobTitle").isEmpty();
    }

    @Test
    void anUpdateWithAStaleETagIsRefusedAndAFreshOneApplies() {
        UUID user = id(accounts.createUser(tenant.ownerToken(), "versioned"));
        String etag = http.get().uri("/api/v1/users/{id}", user).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseHeaders().getETag();

        patch(tenant.ownerToken(), user, etag, Map.of("jobTitle", "Engineer")).expectStatus().isOk()
                .expectBody().jsonPath("$.jobTitle").isEqualTo("Engineer");
        patch(tenant.ownerToken(), user, etag, Map.of("jobTitle", "Manager"))
                .expectStatus().isEqualTo(412)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/stale-version");
        patch(tenant.ownerToken(), user, "\"garbage\"", Map.of("jobTitle", "Manager")).expectStatus().isEqualTo(412);

        http.get().uri("/api/v1/users/{id}", user).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody().jsonPath("$.jobTitle").isEqualTo("Engineer");
    }

    @Test
    void theListSearchesFiltersSortsAndPages() {
        for (String name : new String[] {"Zed", "Anna", "Mila", "Bert"}) {
            accounts.createUser(tenant.ownerToken(), Map.of("login", name.toLowerCase(), "email", name.toLowerCase() + "@example.com",
                    "firstName", name, "lastName", name + "son"));
        }
        UUID ended = id(accounts.createUser(tenant.ownerToken(), "leaver"));
        accounts.changeStatus(tenant.ownerToken(), ended, "EMPLOYMENT_ENDED").expectStatus().isOk();

        http.get().uri("/api/v1/users?sort=lastName&size=2&page=0").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[0].lastName").isEqualTo("Annason")
                .jsonPath("$.page.totalElements").isEqualTo(6)
                .jsonPath("$.page.totalPages").isEqualTo(3);
        http.get().uri("/api/v1/users?q=MIL").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody().jsonPath("$.items[0].login").isEqualTo("mila").jsonPath("$.page.totalElements").isEqualTo(1);
        // a full name either way round, as a person types it
        for (String name : new String[] {"mila milason", "Milason Mila", "mila@example"}) {
            http.get().uri("/api/v1/users?q={q}", name).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                    .expectBody().jsonPath("$.items[0].login").isEqualTo("mila").jsonPath("$.page.totalElements").isEqualTo(1);
        }
        http.get().uri("/api/v1/users?status=EMPLOYMENT_ENDED").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody().jsonPath("$.items[0].id").isEqualTo(ended.toString())
                .jsonPath("$.items[0].employmentEndedOn").isNotEmpty();
        http.get().uri("/api/v1/users?sort=-lastName").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody().jsonPath("$.items[0].lastName").isEqualTo("Zedson");
        http.get().uri("/api/v1/users?sort=password").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isBadRequest();
        http.get().uri("/api/v1/users?size=100000").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isBadRequest();
        http.get().uri("/api/v1/users?q=%25").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody().jsonPath("$.page.totalElements").isEqualTo(0);
    }

    @Test
    void aDeletedUserIsGoneAndCannotSignIn() {
        UUID user = id(accounts.createUser(tenant.ownerToken(), "gone"));

        http.delete().uri("/api/v1/users/{id}", user).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isNoContent();

        http.get().uri("/api/v1/users/{id}", user).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isNotFound();
        http.post().uri("/api/v1/auth/sign-in").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", tenant.slug(), "login", "gone", "password", TestAccounts.PASSWORD)).exchange()
                .expectStatus().isUnauthorized();
    }

    private WebTestClient.ResponseSpec create(String token, Map<String, ?> body) {
        return http.post().uri("/api/v1/users").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec patch(String token, UUID id, String ifMatch, Map<String, ?> body) {
        return http.patch().uri("/api/v1/users/{id}", id).headers(h -> {
                    h.setBearerAuth(token);
                    if (ifMatch != null) {
                        h.setIfMatch(ifMatch);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    static UUID id(JsonNode user) {
        return UUID.fromString(user.get("id").asString());
    }
}
