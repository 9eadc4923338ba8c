package dev.roster.imports.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.events.user.UserStatus;
import dev.roster.imports.support.Accounts;
import dev.roster.imports.support.Accounts.Account;
import dev.roster.imports.support.ImportServiceTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** The template and the export share their columns: an export imports back unchanged, edits show as exactly those changes. */
@ImportServiceTest
class ExportRoundTripTest {

    @Autowired Accounts accounts;
    @Autowired WebTestClient http;

    Account account;

    @BeforeEach
    void setUp() {
        account = accounts.create();
        UUID root = accounts.department(account, null, "My Company", "My Company");
        UUID care = accounts.department(account, root, "Customer Care", "My Company / Customer Care");
        UUID lead = accounts.user(account, "lead", UserStatus.ACTIVE, care, null);
        UUID julie = accounts.user(account, "julie", UserStatus.ACTIVE, care, lead);
        accounts.group(account, "Night shift", "STATIC", julie, lead);
        accounts.group(account, "Engineers", "SMART");
        accounts.user(account, "harry", UserStatus.INACTIVE, root, null);
        accounts.user(account, "=cmd|calc", UserStatus.EMPLOYMENT_ENDED, null, null);
    }

    @Test
    void theTemplateHasTheColumnsTheStatusDropDownAndTheDepartments() throws Exception {
        byte[] template = get("/api/v1/imports/template?format=xlsx");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("template", ".xlsx");
        java.nio.file.Files.write(file, template);
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile())) {
            List<String> sheets = workbook.getSheets().map(sheet -> sheet.getName()).toList();
            assertThat(sheets).containsExactly("Users", "Statuses", "Departments");
            assertThat(cells(workbook, 0).get(0)).containsExactly("Login", "Email", "First name", "Last name", "Password",
                    "Department", "Job title", "Phone", "Supervisor login", "Groups", "Status", "Employment end date");
            assertThat(cells(workbook, 1)).extracting(row -> row.get(0)).containsExactly("Active", "Inactive", "Employment Ended");
            assertThat(cells(workbook, 2)).extracting(row -> row.get(0)).contains("My Company", "My Company / Customer Care");
        }
        assertThat(unzipped(file, "xl/worksheets/sheet1.xml")).contains("<dataValidation").contains("Statuses");
        java.nio.file.Files.delete(file);

        String csv = new String(get("/api/v1/imports/template?format=csv"), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFLogin,Email,First name,Last name,Password,Department,Job title,Phone,"
                + "Supervisor login,Groups,Status,Employment end date");
    }

    @Test
    void anExportImportsBackUnchangedInBothFormats() {
        for (String format : List.of("xlsx", "csv")) {
            JsonNode preview = upload("users." + format, get("/api/v1/exports/users?format=" + format));
            assertThat(preview.get("summary").get("totalRows").asInt()).as(format).isEqualTo(4);
            assertThat(preview.get("summary").get("unchanged").asInt()).as(format).isEqualTo(4);
        }
    }

    @Test
    void editedStatusCellsAreExactlyTheStatusChanges() {
        String csv = new String(get("/api/v1/exports/users?format=csv"), StandardCharsets.UTF_8);
        String edited = csv.lines().map(line -> line.startsWith("julie,") || line.startsWith("harry,")
                ? line.replace(",Active,", ",Employment Ended,").replace(",Inactive,", ",Active,") : line)
                .reduce("", (all, line) -> all + line + "\n");

        JsonNode preview = upload("edited.csv", edited.getBytes(StandardCharsets.UTF_8));

        assertThat(preview.get("summary").get("statusChange").asInt()).isEqualTo(2);
        assertThat(preview.get("summary").get("unchanged").asInt()).isEqualTo(2);
    }

    @Test
    void theExportListsStaticGroupsAndTheImportChecksTheGroupsColumn() {
        String csv = new String(get("/api/v1/exports/users?format=csv"), StandardCharsets.UTF_8);
        assertThat(csv.lines().filter(line -> line.startsWith("julie,")).findFirst().orElseThrow()).contains(",Night shift,");

        JsonNode preview = upload("groups.csv", """
                Login,Groups
                julie,night SHIFT
                harry,Night shift
                lead,Day shift
                =cmd|calc,Engineers
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(preview.get("summary").get("unchanged").asInt()).as("julie is in the group already").isEqualTo(1);
        assertThat(preview.get("summary").get("update").asInt()).as("harry joins it").isEqualTo(1);
        assertThat(preview.get("summary").get("invalid").asInt()).as("an unknown group, a smart group").isEqualTo(2);
    }

    @Test
    void aCsvExportNeutralisesFormulasAndTheFilterApplies() {
        String csv = new String(get("/api/v1/exports/users?format=csv"), StandardCharsets.UTF_8);
        assertThat(csv).contains("'=cmd|calc").contains("'+49 30");
        assertThat(csv.lines().filter(line -> line.startsWith("=")).toList()).isEmpty();

        String inactive = new String(get("/api/v1/exports/users?format=csv&status=INACTIVE"), StandardCharsets.UTF_8);
        assertThat(inactive.lines().count()).isEqualTo(2);
        assertThat(inactive).contains("harry,");
    }

    private byte[] get(String uri) {
        return http.get().uri(uri).headers(headers -> headers.setBearerAuth(account.token()))
                .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
    }

    private JsonNode upload(String name, byte[] content) {
        return accounts.upload(account.token(), name, content).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static List<List<String>> cells(ReadableWorkbook workbook, int sheet) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Stream<Row> stream = workbook.getSheet(sheet).orElseThrow().openStream()) {
            stream.forEach(row -> rows.add(row.stream().map(cell -> cell == null ? null : cell.getText()).toList()));
        }
        return rows;
    }

    private static String unzipped(java.nio.file.Path zip, String entry) throws Exception {
        try (var file = new java.util.zip.ZipFile(zip.toFile())) {
            return new String(file.getInputStream(file.getEntry(entry)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
