package dev.roster.imports.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.events.user.UserStatus;
import dev.roster.imports.sheet.UsersWorkbook;
import dev.roster.imports.support.Accounts;
import dev.roster.imports.support.Accounts.Account;
import dev.roster.imports.support.ImportServiceTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Upload and preview: every row classified against the account's users, every invalid row with its reason and column. */
@ImportServiceTest
class ImportPreviewTest {

    @Autowired Accounts accounts;
    @Autowired WebTestClient http;

    Account account;
    UUID sales;

    @BeforeEach
    void setUp() {
        account = accounts.create();
        UUID root = accounts.department(account, null, "My Company", "My Company");
        sales = accounts.department(account, root, "Sales Department", "My Company / Sales Department");
        UUID boss = accounts.user(account, "boss", UserStatus.ACTIVE, sales, null);
        accounts.user(account, "agata", UserStatus.ACTIVE, sales, boss);
        accounts.user(account, "earl", UserStatus.ACTIVE, sales, boss);
    }

    @Test
    void eachRowIsClassifiedAsCreateUpdateStatusChangeUnchangedOrInvalidWithItsReason() {
        List<List<String>> rows = List.of(
                row("newbie", "newbie@example.com", "Nina", "New", "My Company / Sales Department", "boss", "Active", null),
                row("agata", null, null, null, null, null, null, null),
                row("earl", null, null, null, null, null, "Employment Ended", "2026-11-30"),
                row("boss", null, "First boss", null, null, null, "Active", null),
                row("agata", null, "Agnes", null, null, null, null, null),
                row("ghost", "not-an-email", null, null, "Nowhere", "nobody", "Retired", "30.11.2026"),
                row("", "x@example.com", "X", "Y", null, null, null, null));

        JsonNode preview = upload("users.xlsx", xlsx(rows));

        assertThat(preview.get("state").asString()).isEqualTo("PREVIEW");
        JsonNode summary = preview.get("summary");
        assertThat(summary.get("totalRows").asInt()).isEqualTo(7);
        assertThat(summary.get("create").asInt()).isEqualTo(1);
        assertThat(summary.get("statusChange").asInt()).isEqualTo(1);
        assertThat(summary.get("unchanged").asInt()).isEqualTo(2);
        assertThat(summary.get("invalid").asInt()).isEqualTo(3);
        assertThat(summary.get("update").asInt()).isZero();

        JsonNode invalid = rows(preview, "INVALID");
        assertThat(errors(invalid, 6)).as("a login used by an earlier row").containsExactly("Login");
        assertThat(errors(invalid, 7)).containsExactlyInAnyOrder("Email", "First name", "Last name", "Department",
                "Supervisor login", "Status", "Employment end date");
        assertThat(errors(invalid, 8)).containsExactly("Login");
        assertThat(reason(invalid, 7, "Department")).contains("No department 'Nowhere'");
        assertThat(reason(invalid, 7, "Status")).contains("Active, Inactive or Employment Ended");
        assertThat(rows(preview, "STATUS_CHANGE").get("items").get(0).get("login").asString()).isEqualTo("earl");
    }

    @Test
    void theOwnersStatusIsUntouchableAndTheSeatLimitsEffectsAreForetold() {
        Account full = accounts.create();
        UUID owner = accounts.user(full, "owner", UserStatus.ACTIVE, null, null);
        accounts.user(full, "resting", UserStatus.INACTIVE, null, null);
        accounts.seats(full, 1, owner);

        JsonNode preview = accounts.upload(full.token(), "users.csv", bytes("""
                Login,Email,First name,Last name,Status
                owner,,,,Inactive
                resting,,,,Active
                latecomer,late@example.com,Lou,Late,
                """)).expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(preview.get("summary").get("invalid").asInt()).isEqualTo(1);
        assertThat(preview.get("summary").get("withWarnings").asInt()).isEqualTo(2);
        JsonNode rows = http.get().uri("/api/v1/imports/{id}/rows", preview.get("id").asString())
                .headers(headers -> headers.setBearerAuth(full.token()))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody().get("items");
        assertThat(rows.get(0).get("errors").get(0).get("reason").asString()).contains("Account Owner");
        assertThat(rows.get(1).get("warnings").get(0).get("reason").asString()).contains("activating will be refused");
        assertThat(rows.get(2).get("action").asString()).isEqualTo("CREATE");
        assertThat(rows.get(2).get("warnings").get(0).get("reason").asString()).contains("created Inactive");
    }

    @Test
    void csvWithCommasWithSemicolonsAndWithABomIsReadAlike() {
        String comma = "Login,Email,First name,Last name,Status\nnewbie,newbie@example.com,Nina,New,Active\nearl,,,,Inactive\n";
        String semicolon = comma.replace(',', ';');

        for (byte[] file : List.of(bytes(comma), bytes(semicolon), withBom(bytes(comma)), withBom(bytes(semicolon)))) {
            JsonNode summary = upload("users.csv", file).get("summary");
            assertThat(summary.get("create").asInt()).isEqualTo(1);
            assertThat(summary.get("statusChange").asInt()).isEqualTo(1);
            assertThat(summary.get("invalid").asInt()).isZero();
        }
    }

    @Test
    void aSupervisorMayBeANewUserOfTheSameFileAndNothingIsAppliedBeforeConfirmation() {
        JsonNode preview = upload("users.csv", bytes("""
                Login;Email;First name;Last name;Supervisor login
                report;report@example.com;Rita;Report;lead
                lead;lead@example.com;Lea;Lead;
                """));

        assertThat(preview.get("summary").get("create").asInt()).isEqualTo(2);
        assertThat(preview.get("summary").get("invalid").asInt()).isZero();
        assertThat(preview.get("progress").get("submitted").asInt()).isZero();
    }

    @Test
    void anImportIsCancelledOnceAndAnotherAccountCannotSeeIt() {
        JsonNode preview = upload("users.csv", bytes("Login,Status\nearl,Inactive\n"));
        String id = preview.get("id").asString();
        Account stranger = accounts.create();

        http.get().uri("/api/v1/imports/{id}", id).headers(headers -> headers.setBearerAuth(stranger.token()))
                .exchange().expectStatus().isNotFound().expectHeader().contentType("application/problem+json");
        http.delete().uri("/api/v1/imports/{id}", id).headers(headers -> headers.setBearerAuth(stranger.token()))
                .exchange().expectStatus().isNotFound();

        http.delete().uri("/api/v1/imports/{id}", id).headers(headers -> headers.setBearerAuth(account.token()))
                .exchange().expectStatus().isNoContent();
        http.get().uri("/api/v1/imports/{id}", id).headers(headers -> headers.setBearerAuth(account.token()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("CANCELLED");
        http.delete().uri("/api/v1/imports/{id}", id).headers(headers -> headers.setBearerAuth(account.token()))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/import-not-cancellable");
    }

    @Test
    void importingNeedsThePermission() {
        accounts.upload(accounts.token(account), "users.csv", bytes("Login\nearl\n"))
                .expectStatus().isForbidden().expectHeader().contentType("application/problem+json");
    }

    private JsonNode upload(String name, byte[] content) {
        return accounts.upload(account.token(), name, content).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode rows(JsonNode preview, String action) {
        return http.get().uri("/api/v1/imports/{id}/rows?action={action}&size=100", preview.get("id").asString(), action)
                .headers(headers -> headers.setBearerAuth(account.token()))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static List<String> errors(JsonNode page, int rowNumber) {
        List<String> columns = new ArrayList<>();
        page.get("items").forEach(row -> {
            if (row.get("rowNumber").asInt() == rowNumber) {
                row.get("errors").forEach(error -> columns.add(error.get("column").asString()));
            }
        });
        return columns;
    }

    private static String reason(JsonNode page, int rowNumber, String column) {
        for (JsonNode row : page.get("items")) {
            if (row.get("rowNumber").asInt() == rowNumber) {
                for (JsonNode error : row.get("errors")) {
                    if (error.get("column").asString().equals(column)) {
                        return error.get("reason").asString();
                    }
                }
            }
        }
        return "";
    }

    /** A row in the template's columns: login, email, first, last, department, supervisor, status, end date. */
    static List<String> row(String login, String email, String first, String last, String department, String supervisor,
            String status, String endedOn) {
        return Arrays.asList(login, email, first, last, null, department, null, null, supervisor, null, status, endedOn);
    }

    static byte[] xlsx(List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UsersWorkbook.xlsx(out, rows, List.of());
        return out.toByteArray();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] withBom(byte[] content) {
        byte[] withBom = new byte[content.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(content, 0, withBom, 3, content.length);
        return withBom;
    }
}
