package dev.roster.users.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.TestDatabase;
import dev.roster.users.support.ScopedAccount;
import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.UserServiceTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * SCIM 2.0 as Microsoft Entra ID and Okta speak it: their real requests (golden fixtures under {@code scim/}), the
 * account's tokens, and every rule of the API holding under {@code /scim/v2}.
 */
@UserServiceTest
class ScimTest {

    static final MediaType SCIM = MediaType.parseMediaType("application/scim+json");

    @Autowired WebTestClient http;
    @Autowired TestDatabase database;

    WebTestClient client;
    TestAccounts accounts;
    TestAccounts.Tenant tenant;
    String token;

    @BeforeEach
    void setUp() {
        client = ScopedAccount.patient(http);
        accounts = new TestAccounts(client);
        tenant = accounts.create(50);
        token = newToken(tenant.ownerToken(), "Entra ID");
    }

    @Test
    void entraIdsConnectionTestAndProvisioningCycleWork() throws Exception {
        // the connection test: a user that cannot exist
        JsonNode none = scim(HttpMethod.GET, "/Users?filter=userName eq \"" + UUID.randomUUID() + "\"", null)
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(SCIM)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(none.path("totalResults").asLong()).isZero();
        assertThat(none.path("schemas").get(0).asString()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");

        UUID manager = UUID.fromString(accounts.createUser(tenant.ownerToken(), "boss").get("id").asString());
        String externalId = UUID.randomUUID().toString();
        JsonNode created = scim(HttpMethod.POST, "/Users", fixture("entra/create-user.json", Map.of(
                "externalId", externalId, "userName", "barbara@contoso.example", "managerId", manager.toString())))
                .expectStatus().isCreated().expectHeader().exists("ETag").expectHeader().exists("Location")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String id = created.path("id").asString();
        assertThat(created.path("userName").asString()).isEqualTo("barbara@contoso.example");
        assertThat(created.path("active").asBoolean()).isTrue();
        JsonNode enterprise = created.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
        assertThat(enterprise.path("manager").path("value").asString()).isEqualTo(manager.toString());
        assertThat(enterprise.path("employeeNumber").asString()).isEqualTo("701984");
        assertThat(query("SELECT source FROM audit_entry WHERE user_id = '" + id + "' AND action = 'user.created'"))
                .isEqualTo("scim");

        JsonNode found = scim(HttpMethod.GET, "/Users?filter=externalId eq \"" + externalId + "\"", null)
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(found.path("totalResults").asLong()).isEqualTo(1);
        assertThat(found.path("Resources").get(0).path("id").asString()).isEqualTo(id);
        assertThat(count("/Users?filter=emails.value eq \"BARBARA@contoso.example\" and userName eq "
                + "\"barbara@contoso.example\"")).isEqualTo(1);
        assertThat(count("/Users?filter=userName eq \"nobody\" or externalId eq \"" + externalId + "\"")).isEqualTo(1);

        // capitalised ops, a value filter, a qualified path and a no-path replace with dotted and qualified keys
        JsonNode patched = scim(HttpMethod.PATCH, "/Users/" + id, fixture("entra/patch-attributes.json",
                Map.of("email", "babs@contoso.example")))
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(patched.path("title").asString()).isEqualTo("Sales lead");
        assertThat(patched.path("emails").get(0).path("value").asString()).isEqualTo("babs@contoso.example");
        assertThat(patched.path("name").path("givenName").asString()).isEqualTo("Babs");
        assertThat(patched.path("name").path("familyName").asString()).isEqualTo("Jensen-Smith");
        assertThat(patched.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").path("employeeNumber")
                .asString()).isEqualTo("701985");

        UUID other = UUID.fromString(accounts.createUser(tenant.ownerToken(), "other-boss").get("id").asString());
        JsonNode managed = scim(HttpMethod.PATCH, "/Users/" + id, fixture("entra/patch-manager.json",
                Map.of("managerId", other.toString())))
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(managed.path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").path("manager")
                .path("value").asString()).isEqualTo(other.toString());

        // "False" as a string: deprovisioned as the account says (INACTIVE by default), sessions ended, audited as scim
        JsonNode disabled = scim(HttpMethod.PATCH, "/Users/" + id, fixture("entra/patch-disable.json", Map.of()))
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(disabled.path("active").asBoolean()).isFalse();
        assertThat(query("SELECT status FROM app_user WHERE id = '" + id + "'")).isEqualTo("INACTIVE");
        assertThat(query("SELECT source FROM audit_entry WHERE user_id = '" + id + "' AND action = 'user.status-changed'"))
                .isEqualTo("scim");
        assertThat(query("SELECT count(*) FROM outbox WHERE event_type = 'user.status-changed' AND payload LIKE '%" + id + "%'"))
                .isEqualTo("1");

        scim(HttpMethod.PATCH, "/Users/" + id, fixture("entra/patch-enable.json", Map.of())).expectStatus().isOk();
        assertThat(query("SELECT status FROM app_user WHERE id = '" + id + "'")).isEqualTo("ACTIVE");

        scim(HttpMethod.DELETE, "/Users/" + id, null).expectStatus().isNoContent();
        scim(HttpMethod.GET, "/Users/" + id, null).expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(SCIM)
                .expectBody().jsonPath("$.schemas[0]").isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error")
                .jsonPath("$.status").isEqualTo("404");
    }

    @Test
    void oktasPagingDeactivationAndFullReplaceWork() throws Exception {
        for (int i = 0; i < 3; i++) {
            accounts.createUser(tenant.ownerToken(), "okta-existing-" + i);
        }
        JsonNode page = scim(HttpMethod.GET, "/Users?startIndex=1&count=2", null).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(page.path("totalResults").asLong()).as("the owner and three").isEqualTo(4);
        assertThat(page.path("itemsPerPage").asInt()).isEqualTo(2);
        assertThat(page.path("startIndex").asInt()).isEqualTo(1);
        JsonNode next = scim(HttpMethod.GET, "/Users?startIndex=3&count=2", null).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(next.path("Resources").get(0).path("id").asString())
                .isNotEqualTo(page.path("Resources").get(0).path("id").asString());

        String externalId = "00u" + UUID.randomUUID().toString().replace("-", "").substring(0, 17);
        JsonNode created = scim(HttpMethod.POST, "/Users", fixture("okta/create-user.json",
                Map.of("userName", "tomas@okta.example", "externalId", externalId)))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        String id = created.path("id").asString();
        assertThat(created.path("preferredLanguage").asString()).isEqualTo("en-US");

        scim(HttpMethod.PATCH, "/Users/" + id, fixture("okta/deactivate.json", Map.of())).expectStatus().isOk()
                .expectBody().jsonPath("$.active").isEqualTo(false);

        JsonNode replaced = scim(HttpMethod.PUT, "/Users/" + id, fixture("okta/replace-user.json",
                Map.of("id", id, "userName", "tomas@okta.example", "externalId", externalId)))
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(replaced.path("name").path("familyName").asString()).isEqualTo("Renamed");
        assertThat(replaced.path("active").asBoolean()).as("PUT with active true activates").isTrue();
    }

    @Test
    void deprovisioningEndsEmploymentWhereTheAccountSaysSo() throws Exception {
        client.put().uri("/api/v1/account/scim-settings").headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("deprovision", "EMPLOYMENT_ENDED"))
                .exchange().expectStatus().isOk();
        String id = accounts.createUser(tenant.ownerToken(), "leaver").get("id").asString();

        scim(HttpMethod.PATCH, "/Users/" + id, fixture("okta/deactivate.json", Map.of())).expectStatus().isOk();

        assertThat(query("SELECT status FROM app_user WHERE id = '" + id + "'")).isEqualTo("EMPLOYMENT_ENDED");
    }

    @Test
    void theRulesOfTheApiHoldUnderScim() throws Exception {
        // the Account Owner is never deprovisioned
        scim(HttpMethod.PATCH, "/Users/" + tenant.ownerId(), fixture("entra/patch-disable.json", Map.of()))
                .expectStatus().isEqualTo(409).expectHeader().contentTypeCompatibleWith(SCIM)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("account-owner-protected"));
        assertThat(query("SELECT status FROM app_user WHERE id = '" + tenant.ownerId() + "'")).isEqualTo("ACTIVE");
        // a userName taken is a uniqueness error
        scim(HttpMethod.POST, "/Users", fixture("okta/create-user.json", Map.of("userName", "twice@okta.example",
                "externalId", "x0"))).expectStatus().isCreated();
        scim(HttpMethod.POST, "/Users", fixture("okta/create-user.json", Map.of("userName", "TWICE@okta.example",
                "externalId", "x1"))).expectStatus().isEqualTo(409).expectBody().jsonPath("$.scimType").isEqualTo("uniqueness");
        // filters Roster cannot answer, and malformed ones
        scim(HttpMethod.GET, "/Users?filter=title co \"x\"", null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.scimType").isEqualTo("invalidFilter");
        scim(HttpMethod.GET, "/Users?filter=userName eq", null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.scimType").isEqualTo("invalidFilter");
        scim(HttpMethod.PATCH, "/Users/" + tenant.ownerId(), "{\"Operations\":[{\"op\":\"explode\"}]}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.scimType").isEqualTo("invalidSyntax");
        scim(HttpMethod.GET, "/Users/not-a-uuid", null).expectStatus().isNotFound();

        // a full account: an active user cannot be created, and nothing is
        TestAccounts.Tenant full = accounts.create(1);
        String fullToken = newToken(full.ownerToken(), "Okta");
        client.post().uri("/scim/v2/Users").headers(h -> h.setBearerAuth(fullToken)).contentType(SCIM)
                .bodyValue(fixture("okta/create-user.json", Map.of("userName", "seatless@okta.example", "externalId", "x2")))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("seat-limit-reached"));
        assertThat(query("SELECT count(*) FROM app_user WHERE account_id = '" + full.accountId() + "'")).isEqualTo("1");
    }

    @Test
    void tokensAreTheOwnersShownOnceStoredHashedAndGoodOnlyForTheirAccountUnderScim() throws Exception {
        JsonNode listed = client.get().uri("/api/v1/account/scim-tokens").headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).has("token")).as("the secret is shown once").isFalse();
        assertThat(query("SELECT count(*) FROM scim_token WHERE token_hash = '" + token + "'")).as("only a hash is kept")
                .isEqualTo("0");

        // an administrator who is not the owner manages no tokens
        accounts.createUser(tenant.ownerToken(), Map.of("login", "admin2", "email", "admin2@example.com", "firstName", "A",
                "lastName", "B", "password", TestAccounts.PASSWORD, "roleIds", java.util.List.of(UUID.fromString(query(
                        "SELECT id FROM role WHERE kind = 'ADMINISTRATOR' AND account_id = '" + tenant.accountId() + "'")))));
        String admin = accounts.signIn(tenant.slug(), "admin2", TestAccounts.PASSWORD);
        client.post().uri("/api/v1/account/scim-tokens").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "mine")).exchange().expectStatus().isForbidden();

        // a SCIM token is nothing elsewhere in the API; an access token is nothing under /scim/v2
        client.get().uri("/api/v1/users").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isUnauthorized();
        client.get().uri("/scim/v2/Users").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isUnauthorized().expectHeader().contentTypeCompatibleWith(SCIM);
        client.get().uri("/scim/v2/Users").exchange().expectStatus().isUnauthorized();

        // another account's token sees nothing of this one
        TestAccounts.Tenant other = accounts.create(5);
        String otherToken = newToken(other.ownerToken(), "Other IdP");
        client.get().uri("/scim/v2/Users/" + tenant.ownerId()).headers(h -> h.setBearerAuth(otherToken)).exchange()
                .expectStatus().isNotFound();
        client.patch().uri("/scim/v2/Users/" + tenant.ownerId()).headers(h -> h.setBearerAuth(otherToken)).contentType(SCIM)
                .bodyValue(fixture("okta/deactivate.json", Map.of())).exchange().expectStatus().isNotFound();

        // revoked: refused at its next request
        String id = listed.get(0).path("id").asString();
        client.delete().uri("/api/v1/account/scim-tokens/" + id).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .exchange().expectStatus().isNoContent();
        scim(HttpMethod.GET, "/Users", null).expectStatus().isUnauthorized();
        client.delete().uri("/api/v1/account/scim-tokens/" + id).headers(h -> h.setBearerAuth(other.ownerToken()))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void staticGroupsAreCreatedRenamedAndTheirMembersAddedAndRemovedAsEntraAndOktaSendIt() throws Exception {
        String ada = accounts.createUser(tenant.ownerToken(), "group-ada").get("id").asString();
        String bob = accounts.createUser(tenant.ownerToken(), "group-bob").get("id").asString();
        String externalId = UUID.randomUUID().toString();
        JsonNode created = scim(HttpMethod.POST, "/Groups", fixture("entra/create-group.json",
                Map.of("externalId", externalId, "displayName", "Field sales")))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        String id = created.path("id").asString();
        assertThat(created.path("externalId").asString()).isEqualTo(externalId);
        // Entra's existence check leaves members out
        JsonNode found = scim(HttpMethod.GET, "/Groups?excludedAttributes=members&filter=displayName eq \"field SALES\"", null)
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(found.path("totalResults").asLong()).isEqualTo(1);
        assertThat(found.path("Resources").get(0).has("members")).isFalse();

        String before = scim(HttpMethod.GET, "/Groups/" + id, null).expectStatus().isOk().returnResult(String.class)
                .getResponseHeaders().getETag();
        scim(HttpMethod.PATCH, "/Groups/" + id, fixture("entra/patch-group-add-member.json",
                Map.of("userId", ada, "otherId", bob))).expectStatus().isOk();
        assertThat(scim(HttpMethod.GET, "/Groups/" + id, null).returnResult(String.class).getResponseHeaders().getETag())
                .as("the ETag follows the members").startsWith("W/").isNotEqualTo(before);
        assertThat(members(id)).containsExactlyInAnyOrder(ada, bob);
        assertThat(count("/Groups?filter=id eq \"" + id + "\" and members eq \"" + ada + "\"")).isEqualTo(1);
        assertThat(query("SELECT count(*) FROM outbox WHERE event_type = 'group.members-changed' AND payload LIKE '%"
                + id + "%'")).isEqualTo("1");

        scim(HttpMethod.PATCH, "/Groups/" + id, fixture("entra/patch-group-remove-member.json", Map.of("userId", ada)))
                .expectStatus().isOk();
        assertThat(members(id)).containsExactly(bob);
        scim(HttpMethod.PATCH, "/Groups/" + id, fixture("okta/remove-group-member.json", Map.of("userId", bob)))
                .expectStatus().isOk();
        assertThat(members(id)).isEmpty();

        scim(HttpMethod.PATCH, "/Groups/" + id, fixture("entra/patch-group-rename.json", Map.of("displayName", "Inside sales")))
                .expectStatus().isOk().expectBody().jsonPath("$.displayName").isEqualTo("Inside sales");
        // a smart group is Roster's own: SCIM neither sees nor changes it
        String smart = client.post().uri("/api/v1/groups").headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Everyone smart", "kind", "SMART"))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .path("id").asString();
        scim(HttpMethod.GET, "/Groups/" + smart, null).expectStatus().isNotFound();
        scim(HttpMethod.DELETE, "/Groups/" + smart, null).expectStatus().isNotFound();

        scim(HttpMethod.DELETE, "/Groups/" + id, null).expectStatus().isNoContent();
        scim(HttpMethod.GET, "/Groups/" + id, null).expectStatus().isNotFound();
    }

    private java.util.List<String> members(String groupId) {
        JsonNode group = scim(HttpMethod.GET, "/Groups/" + groupId, null).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return group.path("members").valueStream().map(member -> member.path("value").asString()).toList();
    }

    @Test
    void discoveryDocumentsDescribeWhatIsSupported() {
        scim(HttpMethod.GET, "/ServiceProviderConfig", null).expectStatus().isOk()
                .expectBody().jsonPath("$.patch.supported").isEqualTo(true).jsonPath("$.filter.supported").isEqualTo(true);
        scim(HttpMethod.GET, "/ResourceTypes", null).expectStatus().isOk()
                .expectBody().jsonPath("$.Resources[0].id").isEqualTo("User");
        scim(HttpMethod.GET, "/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", null).expectStatus().isOk()
                .expectBody().jsonPath("$.attributes[2].name").isEqualTo("manager");
    }

    private WebTestClient.ResponseSpec scim(HttpMethod method, String path, String body) {
        WebTestClient.RequestBodySpec request = client.method(method).uri("/scim/v2" + path)
                .headers(h -> h.setBearerAuth(token));
        return body == null ? request.exchange() : request.contentType(SCIM).bodyValue(body).exchange();
    }

    private long count(String path) {
        return scim(HttpMethod.GET, path, null).expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                .getResponseBody().path("totalResults").asLong();
    }

    private String newToken(String ownerToken, String name) {
        JsonNode created = client.post().uri("/api/v1/account/scim-tokens").headers(h -> h.setBearerAuth(ownerToken))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(created.path("token").asString()).startsWith("scim_");
        return created.path("token").asString();
    }

    /** A golden request of an identity provider, with its placeholders filled in. */
    private static String fixture(String name, Map<String, String> values) throws IOException {
        String text = new ClassPathResource("scim/" + name).getContentAsString(StandardCharsets.UTF_8);
        for (var value : values.entrySet()) {
            text = text.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        return text;
    }

    private String query(String sql) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }
}
