package dev.roster.imports.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.events.user.UserStatus;
import dev.roster.imports.support.Accounts;
import dev.roster.imports.support.Accounts.Account;
import dev.roster.imports.support.ImportServiceTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Hostile cells in otherwise fine files: a number that would be written out as ten million digits, a cell
 * longer than any field, NUL and other control characters, a date beyond 9999. Each makes its row INVALID
 * with the reason in the column's words; the text is never kept, and the other rows go on.
 */
@ImportServiceTest
class HostileCellsTest {

    private static final List<String> HEADERS = List.of("Login", "Email", "First name", "Last name", "Phone",
            "Status", "Employment end date");

    @Autowired Accounts accounts;
    @Autowired WebTestClient http;

    Account account;

    @BeforeEach
    void setUp() {
        account = accounts.create();
        accounts.user(account, "earl", UserStatus.ACTIVE, null, null);
    }

    @Test
    void hugeExponentNumberCellIsRefused() throws IOException {
        byte[] workbook = xlsx(List.of(
                List.of("nina", "nina@example.com", "Nina", "New", new BigDecimal("1E10000000")),
                List.of("earl", "", "", "", new BigDecimal("1E-10000000")),
                List.of("fine", "fine@example.com", "Fi", "Ne", new BigDecimal("4930123456"))));
        assertThat(workbook.length).as("a small file").isLessThan(10_000);

        JsonNode preview = upload("users.xlsx", workbook);

        assertThat(preview.get("summary").get("invalid").asInt()).isEqualTo(2);
        assertThat(preview.get("summary").get("create").asInt()).isEqualTo(1);
        String invalid = rowsJson(preview, "INVALID");
        assertThat(invalid.length()).as("nothing was expanded").isLessThan(5_000);
        JsonNode rows = json(invalid).get("items");
        assertThat(reason(rows, 2, "Phone")).contains("too large").contains("1E+10000000");
        assertThat(reason(rows, 3, "Phone")).contains("too large");
        assertThat(json(rowsJson(preview, "CREATE")).get("items").get(0).get("values").get("phone").asString())
                .isEqualTo("4930123456");

        // an end date as a day count far beyond 9999, as a CSV never has numbers
        JsonNode dates = upload("users.xlsx", xlsx(List.of(
                List.of("earl", "", "", "", "", "Employment Ended", new BigDecimal("1E10000000")))));
        assertThat(reason(json(rowsJson(dates, "INVALID")).get("items"), 2, "Employment end date")).contains("not a date");

        // in a CSV the same text is only ten characters, kept as they are
        JsonNode csv = upload("users.csv", bytes("Login,Email,First name,Last name,Phone\nnina,nina@example.com,Nina,New,1E10000000\n"));
        assertThat(json(rowsJson(csv, "CREATE")).get("items").get(0).get("values").get("phone").asString()).isEqualTo("1E10000000");
    }

    @Test
    void overlongCellTextIsRefused() throws IOException {
        String huge = "x".repeat(1_001);
        JsonNode csv = upload("users.csv", bytes("Login,Email,First name,Last name\nnina,nina@example.com," + huge
                + ",New\nfine,fine@example.com,Fi,Ne\n"));
        JsonNode xlsx = upload("users.xlsx", xlsx(List.of(List.of("nina", "nina@example.com", huge, "New"),
                List.of("fine", "fine@example.com", "Fi", "Ne"))));

        for (JsonNode preview : List.of(csv, xlsx)) {
            assertThat(preview.get("summary").get("invalid").asInt()).isEqualTo(1);
            assertThat(preview.get("summary").get("create").asInt()).isEqualTo(1);
            String invalid = rowsJson(preview, "INVALID");
            assertThat(invalid).as("the text is not kept").doesNotContain("xxxxxxxxxx");
            assertThat(reason(json(invalid).get("items"), 2, "First name")).contains("more than 1000 characters");
        }

        // a record longer than any row could be refuses the whole CSV, clearly
        accounts.upload(account.token(), "users.csv", bytes("Login,Email\nnina,\"" + "y".repeat(200_000) + "\"\n"))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/unreadable-file")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("longer than"));
    }

    @Test
    void nulInCsvCellIsRefused() {
        // past the first 8 KB, which tell a text file from a binary one (NUL there makes it no CSV at all)
        StringBuilder filler = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            filler.append("user").append(i).append(",user").append(i).append("@example.com,F,L,\n");
        }
        assertThat(filler.length()).isGreaterThan(8192);
        JsonNode preview = upload("users.csv", bytes("Login,Email,First name,Last name,Phone\n" + filler
                + "nina,nina@example.com,Ni\u0000na,New,\n"
                + "bell,bell@example.com,Bell,Ring,\u0007123\n"
                + "fine,fine@example.com,Fi,Ne,\"+49\t30\"\n"));

        assertThat(preview.get("summary").get("invalid").asInt()).isEqualTo(2);
        assertThat(preview.get("summary").get("create").asInt()).isEqualTo(301);
        JsonNode rows = json(rowsJson(preview, "INVALID")).get("items");
        assertThat(reason(rows, 302, "First name")).contains("control character");
        assertThat(reason(rows, 303, "Phone")).contains("control character");
        assertThat(rowsJson(preview, "INVALID")).doesNotContain("\\u0000").doesNotContain("\\u0007");
    }

    @Test
    void importRowWithAbsurdEndDateIsInvalid() throws IOException {
        JsonNode csv = upload("users.csv", bytes("Login,Status,Employment end date\nearl,Employment Ended,+99999-01-01\n"
                + "earl2,Employment Ended,1899-12-31\n"));
        JsonNode rows = json(rowsJson(csv, "INVALID")).get("items");
        assertThat(reason(rows, 2, "Employment end date")).contains("1900-01-01").contains("9999-12-31");
        assertThat(reason(rows, 3, "Employment end date")).contains("1900-01-01");

        // 3,000,000 days after 1899-12-30 is in the year 10113
        JsonNode xlsx = upload("users.xlsx", xlsx(List.of(List.of("earl", "", "", "", "", "Employment Ended",
                new BigDecimal("3000000")))));
        assertThat(xlsx.get("summary").get("invalid").asInt()).isEqualTo(1);
        assertThat(reason(json(rowsJson(xlsx, "INVALID")).get("items"), 2, "Employment end date")).contains("9999-12-31");
    }

    private JsonNode upload(String name, byte[] content) {
        JsonNode preview = accounts.upload(account.token(), name, content).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(preview.get("state").asString()).isEqualTo("PREVIEW");
        return preview;
    }

    private String rowsJson(JsonNode preview, String action) {
        return http.get().uri("/api/v1/imports/{id}/rows?action={action}", preview.get("id").asString(), action)
                .headers(headers -> headers.setBearerAuth(account.token())).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private static String reason(JsonNode items, int rowNumber, String column) {
        for (JsonNode row : items) {
            if (row.get("rowNumber").asInt() == rowNumber) {
                for (JsonNode error : row.get("errors")) {
                    if (error.get("column").asString().equals(column)) {
                        return error.get("reason").asString();
                    }
                }
                throw new AssertionError("row " + rowNumber + " has no error in " + column + ": " + row);
            }
        }
        throw new AssertionError("no invalid row " + rowNumber + " in " + items);
    }

    /** A workbook with {@link #HEADERS}; a cell is a string or a number cell. */
    private static byte[] xlsx(List<? extends List<?>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("Users");
        for (int c = 0; c < HEADERS.size(); c++) {
            sheet.value(0, c, HEADERS.get(c));
        }
        for (int r = 0; r < rows.size(); r++) {
            List<?> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                if (row.get(c) instanceof Number number) {
                    sheet.value(r + 1, c, number);
                }
                else if (!row.get(c).toString().isEmpty()) {
                    sheet.value(r + 1, c, row.get(c).toString());
                }
            }
        }
        workbook.finish();
        return out.toByteArray();
    }

    private static JsonNode json(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
