package dev.roster.imports.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.imports.sheet.UsersWorkbook;
import dev.roster.imports.support.Accounts;
import dev.roster.imports.support.Accounts.Account;
import dev.roster.imports.support.ImportServiceTest;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** A file at the row limit is previewed in full: every row counted, and the few invalid ones found with their reasons. */
@ImportServiceTest
class LargeImportTest {

    private static final int ROWS = 100_000;
    private static final String SALES = "My Company / Sales Department";

    @Autowired Accounts accounts;
    @Autowired WebTestClient http;

    @Test
    void aWorkbookOfOneHundredThousandNewUsersIsPreviewedWithItsFewInvalidRows() {
        Account account = accounts.create();
        UUID root = accounts.department(account, null, "My Company", "My Company");
        accounts.department(account, root, "Sales Department", SALES);

        List<List<String>> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            // everyone's supervisor is the user of row 3: a new user of the same file
            rows.add(row(login(i), login(i) + "@example.com", "First", "Last", SALES, i < 2 ? null : login(1), "Active"));
        }
        // the invalid rows, by their number in the file (the header is row 1), with the column and reason expected
        Map<Integer, List<String>> planted = new LinkedHashMap<>();
        rows.set(0, row(login(0), "not-an-email", "First", "Last", SALES, null, "Active"));
        planted.put(2, List.of("Email", "'not-an-email' is not an email address"));
        rows.set(33_333, row(login(33_333), login(33_333) + "@example.com", "First", "Last", SALES, login(1), "Retired"));
        planted.put(33_335, List.of("Status", "'Retired' is not a status"));
        rows.set(50_000, row(login(49_999), "again@example.com", "First", "Last", SALES, login(1), "Active"));
        planted.put(50_002, List.of("Login", "This login appears in an earlier row of the file"));
        rows.set(77_777, row(login(77_777), login(77_777) + "@example.com", "First", null, SALES, login(1), "Active"));
        planted.put(77_779, List.of("Last name", "Required for a new user"));
        rows.set(ROWS - 1, row(login(ROWS - 1), login(ROWS - 1) + "@example.com", "First", "Last", "Nowhere", login(1), "Active"));
        planted.put(ROWS + 1, List.of("Department", "No department 'Nowhere'"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UsersWorkbook.xlsx(out, rows, List.of(SALES));
        byte[] file = out.toByteArray();
        assertThat(file.length).as("within the 8 MB test limit").isLessThan(8 * 1024 * 1024);

        JsonNode preview = accounts.upload(account.token(), "users.xlsx", file).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(preview.get("state").asString()).isEqualTo("PREVIEW");
        assertThat(preview.get("format").asString()).isEqualTo("XLSX");
        assertThat(preview.get("fileSize").asLong()).isEqualTo(file.length);
        JsonNode summary = preview.get("summary");
        assertThat(summary.get("totalRows").asInt()).isEqualTo(ROWS);
        assertThat(summary.get("create").asInt()).isEqualTo(ROWS - planted.size());
        assertThat(summary.get("invalid").asInt()).isEqualTo(planted.size());
        assertThat(summary.get("update").asInt()).isZero();
        assertThat(summary.get("statusChange").asInt()).isZero();
        assertThat(summary.get("unchanged").asInt()).isZero();
        assertThat(summary.get("withWarnings").asInt()).as("no seat limit known").isZero();

        JsonNode invalid = rows(account, preview, "INVALID", 0);
        assertThat(invalid.get("page").get("totalElements").asInt()).isEqualTo(planted.size());
        Map<Integer, List<String>> found = new LinkedHashMap<>();
        invalid.get("items").forEach(row -> {
            assertThat(row.get("errors")).as("row %d", row.get("rowNumber").asInt()).hasSize(1);
            JsonNode error = row.get("errors").get(0);
            found.put(row.get("rowNumber").asInt(), List.of(error.get("column").asString(), error.get("reason").asString()));
        });
        assertThat(found).containsOnlyKeys(planted.keySet());
        planted.forEach((number, expected) -> {
            assertThat(found.get(number).get(0)).as("row %d", number).isEqualTo(expected.get(0));
            assertThat(found.get(number).get(1)).as("row %d", number).startsWith(expected.get(1));
        });

        JsonNode last = rows(account, preview, "CREATE", (ROWS - planted.size() - 1) / 500);
        JsonNode lastCreated = last.get("items").get(last.get("items").size() - 1);
        assertThat(last.get("page").get("totalElements").asInt()).isEqualTo(ROWS - planted.size());
        assertThat(lastCreated.get("rowNumber").asInt()).isEqualTo(ROWS);
        assertThat(lastCreated.get("login").asString()).isEqualTo(login(ROWS - 2));
        assertThat(lastCreated.get("values").get("supervisor").asString()).isEqualTo(login(1));
        assertThat(lastCreated.get("values").get("department").asString()).isEqualTo(SALES);
    }

    private JsonNode rows(Account account, JsonNode preview, String action, int page) {
        return http.get().uri("/api/v1/imports/{id}/rows?action={action}&size=500&page={page}", preview.get("id").asString(),
                        action, page)
                .headers(headers -> headers.setBearerAuth(account.token()))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static String login(int index) {
        return "user%06d".formatted(index);
    }

    /** A row in the template's columns: login, email, first, last, department, supervisor, status. */
    private static List<String> row(String login, String email, String first, String last, String department,
            String supervisor, String status) {
        return Arrays.asList(login, email, first, last, null, department, null, null, supervisor, null, status, null);
    }
}
