package dev.roster.imports.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.events.user.UserStatus;
import dev.roster.imports.support.Accounts;
import dev.roster.imports.support.Accounts.Account;
import dev.roster.imports.support.ImportServiceTest;
import dev.roster.platform.security.Permission;
import dev.roster.testing.TestJwtIssuer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * An importer whose USERS_IMPORT_EXPORT is limited to Sales (the token's department_scopes, expanded over the
 * directory's tree) previews, exports and sees imports of Sales only.
 */
@ImportServiceTest
class ImportScopeTest {

    private static final String HEADER = "Login,Email,First name,Last name,Department,Job title\n";

    @Autowired Accounts accounts;
    @Autowired TestJwtIssuer tokens;
    @Autowired WebTestClient http;

    Account account;
    UUID importer;
    String scoped;

    @BeforeEach
    void salesAndHr() {
        account = accounts.create();
        UUID root = accounts.department(account, null, "My Company", "My Company");
        UUID sales = accounts.department(account, root, "Sales", "My Company / Sales");
        UUID team = accounts.department(account, sales, "Team A", "My Company / Sales / Team A");
        UUID hr = accounts.department(account, root, "HR", "My Company / HR");
        accounts.user(account, "seller", UserStatus.ACTIVE, team, null);
        accounts.user(account, "recruiter", UserStatus.ACTIVE, hr, null);
        accounts.user(account, "boss", UserStatus.ACTIVE, root, null);
        importer = UUID.randomUUID();
        scoped = tokens.scopedToken(importer, account.id(), Map.of(Permission.USERS_IMPORT_EXPORT, List.of(sales)),
                Permission.USERS_IMPORT_EXPORT);
    }

    @Test
    void scopedImportPreviewRefusesRowsOutsideScope() {
        String csv = HEADER
                + "recruiter,,,,,Mole\n"
                + "spy,spy@example.com,S,Py,My Company / HR,\n"
                + "rootling,rootling@example.com,R,Oot,,\n"
                + "seller,,,,My Company / HR,\n"
                + "boss,,,,My Company / Sales,\n"
                + "newseller,newseller@example.com,N,S,My Company / Sales / Team A,\n"
                + "seller,,,,,Closer\n";

        JsonNode preview = upload(scoped, csv);

        assertThat(preview.get("summary").get("invalid").asInt()).isEqualTo(6);
        assertThat(preview.get("summary").get("create").asInt()).isEqualTo(1);
        JsonNode invalid = rows(scoped, preview, "INVALID");
        assertThat(reasons(invalid, 2)).containsExactly("Login: Outside your scope: this user is in a department your role does not cover");
        assertThat(reasons(invalid, 3)).singleElement().asString().startsWith("Department: Outside your scope: 'My Company / HR'");
        assertThat(reasons(invalid, 4)).singleElement().asString().startsWith("Department: Outside your scope: a new user without");
        assertThat(reasons(invalid, 5)).singleElement().asString().startsWith("Department: Outside your scope");
        assertThat(reasons(invalid, 6)).singleElement().asString().startsWith("Login: Outside your scope");
        assertThat(reasons(invalid, 8)).as("a login used by an earlier row").hasSize(1);

        JsonNode unscoped = upload(account.token(), csv);
        assertThat(unscoped.get("summary").get("invalid").asInt()).as("only the repeated login").isEqualTo(1);
    }

    @Test
    void scopedExportListsOnlyUsersInScope() {
        String export = new String(get(scoped, "/api/v1/exports/users?format=csv"), StandardCharsets.UTF_8);

        assertThat(export.lines().skip(1).map(line -> line.split(",")[0]).toList()).containsExactly("seller");
        String everyone = new String(get(account.token(), "/api/v1/exports/users?format=csv"), StandardCharsets.UTF_8);
        assertThat(everyone.lines().skip(1).map(line -> line.split(",")[0]).toList())
                .containsExactlyInAnyOrder("boss", "recruiter", "seller");
    }

    @Test
    void scopedImporterSeesAndConfirmsOnlyTheirOwnImports() {
        JsonNode foreign = upload(account.token(), HEADER + "recruiter,,,,,Mole\n");
        String id = foreign.get("id").asString();

        http.get().uri("/api/v1/imports/{id}", id).headers(h -> h.setBearerAuth(scoped)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/v1/imports/{id}/rows", id).headers(h -> h.setBearerAuth(scoped)).exchange()
                .expectStatus().isNotFound();
        http.post().uri("/api/v1/imports/{id}/confirm", id).headers(h -> h.setBearerAuth(scoped)).exchange()
                .expectStatus().isNotFound();
        JsonNode own = upload(scoped, HEADER + "seller,,,,,Closer\n");
        JsonNode listed = http.get().uri("/api/v1/imports").headers(h -> h.setBearerAuth(scoped)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(listed.get("items").valueStream().map(item -> item.get("id").asString()).toList())
                .containsExactly(own.get("id").asString());
        assertThat(listed.get("page").get("totalElements").asLong()).isEqualTo(1);
        http.get().uri("/api/v1/imports/{id}", id).headers(h -> h.setBearerAuth(account.token())).exchange()
                .expectStatus().isOk();
    }

    private JsonNode upload(String token, String csv) {
        return accounts.upload(token, "users.csv", csv.getBytes(StandardCharsets.UTF_8)).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private byte[] get(String token, String uri) {
        return http.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
    }

    private JsonNode rows(String token, JsonNode preview, String action) {
        return http.get().uri("/api/v1/imports/{id}/rows?action={action}&size=100", preview.get("id").asString(), action)
                .headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static List<String> reasons(JsonNode page, int rowNumber) {
        return page.get("items").valueStream().filter(row -> row.get("rowNumber").asInt() == rowNumber)
                .flatMap(row -> row.get("errors").valueStream())
                .map(error -> error.get("column").asString() + ": " + error.get("reason").asString())
                .toList();
    }
}
