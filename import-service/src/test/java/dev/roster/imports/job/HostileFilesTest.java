package dev.roster.imports.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.imports.config.ImportProperties;
import dev.roster.imports.sheet.UsersWorkbook;
import dev.roster.imports.support.Accounts;
import dev.roster.imports.support.Accounts.Account;
import dev.roster.imports.support.ImportServiceTest;
import dev.roster.platform.problem.Problems;
import dev.roster.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile and careless uploads (zip bombs, external entities, renamed binaries, empty, oversized, too long,
 * wrong or broken files) each get a 4xx problem that says what is wrong, and leave nothing behind: no import,
 * no rows, no file in storage. The account already holds one import, so that "nothing stored" is measured
 * against a count that is not zero.
 */
@ImportServiceTest
class HostileFilesTest {

    private static final byte[] WORKBOOK_XML = bytes("""
            <?xml version="1.0" encoding="UTF-8"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>
            """);

    @Autowired Accounts accounts;
    @Autowired WebTestClient http;
    @Autowired TestDatabase database;
    @Autowired ImportProperties properties;
    @Autowired JsonMapper json;

    Account account;

    @BeforeEach
    void setUp() throws SQLException {
        account = accounts.create();
        accounts.upload(account.token(), "earlier.csv", bytes("Login,Email,First name,Last name\nearly,early@example.com,E,Arly\n"))
                .expectStatus().isCreated();
        assertThat(stored()).isEqualTo(new Stored(1, 1));
    }

    @Test
    void aZipBombIsRefusedAsTooComplex() throws IOException {
        byte[] bomb = bomb();
        assertThat(bomb.length).as("80 MB deflated").isLessThan(200_000);

        refused("users.xlsx", bomb, HttpStatus.UNPROCESSABLE_CONTENT, "file-too-complex");
    }

    /** A workbook whose sheet is 80 MB of zeros, deflated. */
    private static byte[] bomb() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write(WORKBOOK_XML);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 80; i++) {
                zip.write(zeros);
            }
        }
        return out.toByteArray();
    }

    @Test
    void aZipThatUnderstatesTheSizeOfAPartIsRefusedBeforeItIsParsed() throws IOException {
        byte[] bomb = bomb();
        // the central directory claims the sheet unpacks to 10 KB: within every declared limit
        byte[] name = "xl/worksheets/sheet1.xml".getBytes(StandardCharsets.US_ASCII);
        int patched = 0;
        for (int at = 0; at + 46 + name.length <= bomb.length; at++) {
            if (bomb[at] == 'P' && bomb[at + 1] == 'K' && bomb[at + 2] == 1 && bomb[at + 3] == 2
                    && Arrays.equals(bomb, at + 46, at + 46 + name.length, name, 0, name.length)) {
                ByteBuffer.wrap(bomb, at + 24, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(10 * 1024);
                patched++;
            }
        }
        assertThat(patched).isEqualTo(1);

        refused("users.xlsx", bomb, HttpStatus.UNPROCESSABLE_CONTENT, "file-too-complex");
    }

    @Test
    void anExternalEntityIsNeverResolved() throws IOException {
        byte[] workbook = xlsx(List.of(Arrays.asList("victim", "victim@example.com", "Vic", "Tim")));
        String doctype = "<!DOCTYPE %s [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>";
        String sheetData = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Login</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData>";

        Map<String, byte[]> attacks = Map.of(
                "in the shared strings", rewrite(workbook, "xl/sharedStrings.xml",
                        xml -> withDoctype(xml, doctype.formatted("sst")).replace(">victim</t>", ">&xxe;</t>")),
                "in the sheet", rewrite(workbook, "xl/worksheets/sheet1.xml",
                        xml -> withDoctype(xml, doctype.formatted("worksheet")).replaceAll("(?s)<sheetData>.*</sheetData>", sheetData)));

        attacks.forEach((where, file) -> {
            String body = refused("users.xlsx", file, HttpStatus.UNPROCESSABLE_CONTENT, "unreadable-file").body();
            assertThat(body).as(where).doesNotContain("root:").doesNotContain("/bin/");
        });
    }

    @Test
    void aRenamedBinaryOrAZipThatIsNoWorkbookIsAnUnsupportedFileType() throws IOException {
        byte[] png = HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                + "1f15c4890000000d49444154789c626001000000ffff03000006000557bfabd40000000049454e44ae426082");
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        noise[100] = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(bytes("<document/>"));
        }

        for (byte[] file : List.of(png, noise, out.toByteArray())) {
            refused("users.xlsx", file, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-file-type");
        }
    }

    @Test
    void anEmptyFileIsABadRequest() {
        refused("users.csv", new byte[0], HttpStatus.BAD_REQUEST, "empty-file");
    }

    @Test
    void anUploadWithoutTheFilePartIsABadRequest() {
        Stored before = stored();
        Set<Path> files = storageFiles();
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("upload", new ByteArrayResource(bytes("Login\nearl\n")) {
            @Override
            public String getFilename() {
                return "users.csv";
            }
        }).contentType(MediaType.APPLICATION_OCTET_STREAM);

        http.post().uri("/api/v1/imports").headers(headers -> headers.setBearerAuth(account.token()))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(body.build()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("'file'"));
        assertNothingLeft(before, files);
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWhileItIsStreamed() {
        int size = 9 * 1024 * 1024;
        byte[] csv = new byte[size];
        byte[] header = bytes("Login\n");
        System.arraycopy(header, 0, csv, 0, header.length);
        for (int i = header.length; i < size; i += 2) {
            csv[i] = 'u';
            csv[i + 1] = '\n';
        }

        JsonNode problem = refused("users.csv", csv, HttpStatus.CONTENT_TOO_LARGE, "file-too-large").problem();
        assertThat(problem.get("maxBytes").asLong()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void aFileWithMoreRowsThanTheLimitIsRefusedAndItsImportRolledBack() {
        StringBuilder csv = new StringBuilder("Login\n");
        for (int i = 1; i <= 100_001; i++) {
            csv.append('u').append(i).append('\n');
        }

        JsonNode problem = refused("users.csv", bytes(csv.toString()), HttpStatus.UNPROCESSABLE_CONTENT, "too-many-rows").problem();
        assertThat(problem.get("maxRows").asInt()).isEqualTo(100_000);
    }

    @Test
    void aCsvWithoutALoginHeaderIsAnInvalidTemplate() {
        refused("users.csv", bytes("Email,First name,Last name\nnina@example.com,Nina,New\n"), HttpStatus.UNPROCESSABLE_CONTENT,
                "invalid-template");
    }

    @Test
    void aWorkbookWithBrokenXmlIsUnreadable() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write(bytes("<workbook><sheets><<<not xml at all & never closed"));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write(bytes("\u0000garbage"));
        }

        refused("users.xlsx", out.toByteArray(), HttpStatus.UNPROCESSABLE_CONTENT, "unreadable-file");
    }

    /** Uploads {@code content}, expects the problem {@code slug} with {@code status}, and that nothing was stored or kept. */
    private Refusal refused(String fileName, byte[] content, HttpStatus status, String slug) {
        Stored before = stored();
        Set<Path> files = storageFiles();

        byte[] answer = accounts.upload(account.token(), fileName, content)
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        String body = new String(answer, StandardCharsets.UTF_8);
        JsonNode problem = json.readTree(body);
        assertThat(problem.get("type").asString()).as(body).isEqualTo(Problems.BASE + slug);
        assertThat(problem.get("detail").asString()).isNotBlank();

        assertNothingLeft(before, files);
        return new Refusal(problem, body);
    }

    /** No import or row was added, and the upload's file is gone from storage (it is deleted right after the request). */
    private void assertNothingLeft(Stored before, Set<Path> files) {
        assertThat(stored()).isEqualTo(before);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(storageFiles()).as("files in " + properties.storageDirectory()).isSubsetOf(files));
    }

    private Stored stored() {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement("""
                SELECT (SELECT count(*) FROM import_job WHERE account_id = ?),
                       (SELECT count(*) FROM import_row r JOIN import_job j ON j.id = r.import_id WHERE j.account_id = ?)
                """)) {
            query.setObject(1, account.id());
            query.setObject(2, account.id());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new Stored(row.getLong(1), row.getLong(2));
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The files in storage now; the directory is shared by every test (and test run) on this machine. */
    private Set<Path> storageFiles() {
        if (!Files.isDirectory(properties.storageDirectory())) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(properties.storageDirectory())) {
            return files.collect(Collectors.toSet());
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** {@code workbook} with the part {@code name} rewritten; fails if the rewrite changes nothing. */
    private static byte[] rewrite(byte[] workbook, String name, UnaryOperator<String> change) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try {
            // read by the central directory: fastexcel's local headers carry no sizes, which ZipInputStream needs
            Path copy = Files.createTempFile("workbook", ".xlsx");
            try (ZipFile in = new ZipFile(Files.write(copy, workbook).toFile())) {
                for (ZipEntry entry : Collections.list(in.entries())) {
                    parts.put(entry.getName(), in.getInputStream(entry).readAllBytes());
                }
            }
            finally {
                Files.delete(copy);
            }
            String original = new String(parts.get(name), StandardCharsets.UTF_8);
            String changed = change.apply(original);
            assertThat(changed).as(name).contains("&xxe;").contains("<!DOCTYPE");
            parts.put(name, bytes(changed));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (var part : parts.entrySet()) {
                    zip.putNextEntry(new ZipEntry(part.getKey()));
                    zip.write(part.getValue());
                }
            }
            return out.toByteArray();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String withDoctype(String xml, String doctype) {
        int prolog = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
        return xml.substring(0, prolog) + doctype + xml.substring(prolog);
    }

    /** Rows in the template's columns, from Login on. */
    private static byte[] xlsx(List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UsersWorkbook.xlsx(out, rows, List.of());
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private record Stored(long imports, long rows) {
    }

    private record Refusal(JsonNode problem, String body) {
    }
}
