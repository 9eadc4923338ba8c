package dev.roster.imports.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.imports.support.Accounts;
import dev.roster.imports.support.Accounts.Account;
import dev.roster.imports.support.ImportServiceTest;
import dev.roster.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Passwords of an uploaded file are hashed after the upload has answered, in parallel; the preview follows. */
@ImportServiceTest
class PasswordHashingTest {

    /** Enough that hashing them one after another on the request took seconds (300 rows: past the gateway's 10 s). */
    private static final int ROWS = 150;

    @Autowired Accounts accounts;
    @Autowired WebTestClient http;
    @Autowired TestDatabase database;
    @Autowired MeterRegistry meters;
    @Autowired PasswordHashing hashing;

    @Test
    void uploadWithPasswordsAnswersAtOnceAndPreviewFollows() throws SQLException {
        Account account = accounts.create();
        StringBuilder csv = new StringBuilder("Login,Email,First name,Last name,Password\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("user").append(i).append(",user").append(i).append("@example.com,First,Last,secret-password-").append(i)
                    .append('\n');
        }
        double hashedBefore = hashed();

        JsonNode uploaded = accounts.upload(account.token(), "users.csv", csv.toString().getBytes(StandardCharsets.UTF_8))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();

        // the answer came before any hash: the rows are checked and counted, the import is not confirmable yet
        assertThat(uploaded.get("state").asString()).isEqualTo("PREPARING");
        assertThat(uploaded.get("summary").get("create").asInt()).isEqualTo(ROWS);
        String id = uploaded.get("id").asString();
        http.post().uri("/api/v1/imports/{id}/confirm", id).headers(headers -> headers.setBearerAuth(account.token()))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/import-not-confirmable");

        // bcrypt takes ~70 ms a password on a free core, far more on a busy machine
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).until(() -> state(account, id).equals("PREVIEW"));

        List<String> hashes = hashes(UUID.fromString(id));
        assertThat(hashes).hasSize(ROWS).allSatisfy(hash -> assertThat(hash).startsWith("{bcrypt}").doesNotContain("secret"));
        assertThat(hashed() - hashedBefore).isEqualTo(ROWS);
    }

    @Test
    void anImportLeftPreparingByARestartIsResumedFromItsFileAndTheFileDeletedOnceHashed() throws Exception {
        Account account = accounts.create();
        String csv = "Login,Email,First name,Last name,Password\n"
                + "kept,kept@example.com,Kept,Hash,first-password-1\n"
                + "lost,lost@example.com,Lost,Hash,second-password-2\n"
                + "bare,bare@example.com,No,Password,\n";
        String id = accounts.upload(account.token(), "users.csv", csv.getBytes(StandardCharsets.UTF_8))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> state(account, id).equals("PREVIEW"));
        UUID importId = UUID.fromString(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> !java.nio.file.Files.exists(hashing.stored(importId)));
        String kept = hashes(importId).getFirst();

        // what a restart while hashing leaves: PREPARING, one hash stored, the file still in storage
        try (Connection connection = database.connect(); var statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE import_job SET state = 'PREPARING' WHERE id = '" + id + "'");
            statement.executeUpdate("UPDATE import_row SET password_hash = NULL WHERE import_id = '" + id + "' AND login = 'lost'");
        }
        java.nio.file.Files.writeString(hashing.stored(importId), csv);

        hashing.resume();

        await().atMost(Duration.ofSeconds(60)).until(() -> state(account, id).equals("PREVIEW"));
        List<String> hashes = hashes(importId);
        assertThat(hashes.get(0)).as("a stored hash is not redone").isEqualTo(kept);
        assertThat(hashes.get(1)).startsWith("{bcrypt}");
        assertThat(hashes.get(2)).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> !java.nio.file.Files.exists(hashing.stored(importId)));
    }

    @Test
    void anImportWithoutPasswordsIsPreviewedAtOnce() {
        Account account = accounts.create();
        JsonNode uploaded = accounts.upload(account.token(), "users.csv",
                        "Login,Email,First name,Last name\nnina,nina@example.com,Nina,New\n".getBytes(StandardCharsets.UTF_8))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(uploaded.get("state").asString()).isEqualTo("PREVIEW");
    }

    private String state(Account account, String id) {
        return http.get().uri("/api/v1/imports/{id}", id).headers(headers -> headers.setBearerAuth(account.token()))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("state").asString();
    }

    private double hashed() {
        var counter = meters.find("roster.imports.passwords.hashed").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<String> hashes(UUID importId) throws SQLException {
        List<String> hashes = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT password_hash FROM import_row WHERE import_id = ? ORDER BY row_number")) {
            query.setObject(1, importId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    hashes.add(rows.getString(1));
                }
            }
        }
        return hashes;
    }
}
