package dev.roster.imports.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.RosterEvent;
import dev.roster.events.Topics;
import dev.roster.events.imports.ImportRowApplied;
import dev.roster.events.imports.ImportRowsApplied;
import dev.roster.events.imports.ImportRowSubmitted;
import dev.roster.events.imports.ImportRowsSubmitted;
import dev.roster.events.user.UserStatus;
import dev.roster.imports.support.Accounts;
import dev.roster.imports.support.Accounts.Account;
import dev.roster.imports.support.ImportServiceTest;
import dev.roster.testing.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Confirming sends one command per changing row through the outbox; user-service's results complete the import and its report. */
@ImportServiceTest
class ConfirmationTest {

    @Autowired Accounts accounts;
    @Autowired WebTestClient http;
    @Autowired TestKafka kafka;
    @Autowired EventJson json;
    @Autowired dev.roster.testing.TestDatabase database;
    @Autowired ImportJobRepository jobs;
    @Autowired CommandSubmitter submitter;

    Account account;

    @BeforeEach
    void setUp() {
        account = accounts.create();
        accounts.user(account, "earl", UserStatus.ACTIVE, null, null);
        accounts.user(account, "julie", UserStatus.ACTIVE, null, null);
    }

    @Test
    void confirmingSendsOneCommandPerChangingRowAndTheResultsCompleteTheImport() throws Exception {
        JsonNode preview = upload("""
                Login,Email,First name,Last name,Password,Status,Employment end date
                newbie,newbie@example.com,Nina,New,correct horse battery,Active,
                earl,,,,,Employment Ended,2026-11-30
                julie,,,,,,
                broken,not-an-email,,,,,
                """);
        String id = preview.get("id").asString();

        JsonNode confirmed = confirm(id).expectStatus().isAccepted()
                .expectHeader().location("/api/v1/imports/" + id)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(confirmed.get("state").asString()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("progress").get("total").asInt()).isEqualTo(2);
        assertThat(confirmed.get("confirmedBy").asString()).isEqualTo(account.adminId().toString());

        List<EventEnvelope<RosterEvent>> commands = commands(UUID.fromString(id), 2);
        assertThat(commands).as("both rows in one command").singleElement();
        assertThat(commands.get(0).subject()).as("keyed by the account: its rows stay in order").isEqualTo(account.id().toString());
        List<ImportRowSubmitted> rows = ((ImportRowsSubmitted) commands.get(0).data()).rows();
        ImportRowSubmitted created = rows.get(0);
        assertThat(created.login()).isEqualTo("newbie");
        assertThat(created.passwordHash()).startsWith("{bcrypt}").doesNotContain("correct horse battery");
        ImportRowSubmitted ended = rows.get(1);
        assertThat(ended.status()).isEqualTo(UserStatus.EMPLOYMENT_ENDED);
        assertThat(ended.employmentEndedOn()).isEqualTo(LocalDate.of(2026, 11, 30));

        EventEnvelope<ImportRowApplied> first = result(id, created.rowNumber(), "newbie", ImportRowApplied.CREATED, null);
        send(first);
        send(first);
        send(result(id, ended.rowNumber(), "earl", ImportRowApplied.REFUSED, "SEAT_LIMIT"));

        await().atMost(Duration.ofSeconds(10)).until(() -> show(id).get("state").asString().equals("COMPLETED"));
        JsonNode done = show(id);
        assertThat(done.get("progress").get("applied").asInt()).as("a redelivered result counts once").isEqualTo(1);
        assertThat(done.get("progress").get("refused").asInt()).isEqualTo(1);
        assertThat(done.get("progress").get("remaining").asInt()).isZero();

        List<List<String>> report = report(id);
        assertThat(report.get(0)).containsExactly("Row", "Login", "Preview", "Outcome", "Reason", "Errors", "Warnings");
        assertThat(report).anySatisfy(row -> assertThat(row).startsWith("2", "newbie", "CREATE", "CREATED"));
        assertThat(report).anySatisfy(row -> assertThat(row).startsWith("3", "earl", "STATUS_CHANGE", "REFUSED", "SEAT_LIMIT"));
        assertThat(report).anySatisfy(row -> assertThat(row).startsWith("4", "julie", "UNCHANGED", "NOT_SUBMITTED"));
        assertThat(report).anySatisfy(row -> assertThat(row.get(5)).contains("Email:"));
    }

    @Test
    void confirmingAgainAnswersTheImportAsItStandsAndSubmitsNothingTwiceButACancelledImportIsNeverConfirmed() throws Exception {
        String id = upload("Login,Status\nearl,Inactive\n").get("id").asString();
        confirm(id).expectStatus().isAccepted();
        confirm(id).expectStatus().isAccepted().expectBody().jsonPath("$.progress.total").isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> !show(id).get("progress").get("submitting").asBoolean());
        confirm(id).expectStatus().isAccepted().expectBody().jsonPath("$.progress.submitted").isEqualTo(1);
        assertThat(outboxCommands(id)).isEqualTo(1);

        String cancelled = upload("Login,Status\njulie,Inactive\n").get("id").asString();
        http.delete().uri("/api/v1/imports/{id}", cancelled).headers(headers -> headers.setBearerAuth(account.token()))
                .exchange().expectStatus().isNoContent();
        confirm(cancelled).expectStatus().isEqualTo(409);

        String stranger = accounts.create().token();
        http.post().uri("/api/v1/imports/{id}/confirm", id).headers(headers -> headers.setBearerAuth(stranger))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void aLargeImportIsSubmittedInTheBackgroundPageByPageEachRowOnce() throws Exception {
        int size = 2 * CommandSubmitter.PAGE + 500;
        String id = upload(bulk("bulk", size)).get("id").asString();

        JsonNode confirmed = confirm(id).expectStatus().isAccepted().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(confirmed.get("progress").get("total").asInt()).isEqualTo(size);
        assertThat(confirmed.get("progress").get("remaining").asInt()).isEqualTo(size);

        await().atMost(Duration.ofSeconds(30)).until(() -> !show(id).get("progress").get("submitting").asBoolean());
        JsonNode submitted = show(id);
        assertThat(submitted.get("state").asString()).as("not complete before user-service answers").isEqualTo("CONFIRMED");
        assertThat(submitted.get("progress").get("submitted").asInt()).isEqualTo(size);
        assertThat(outboxCommands(id)).isEqualTo(size);
        try (var connection = database.connect(); var statement = connection.createStatement();
                var commands = statement.executeQuery("SELECT count(*) FROM outbox WHERE topic = '"
                        + Topics.USER_IMPORT_COMMANDS + "' AND payload LIKE '%" + id + "%'")) {
            commands.next();
            assertThat(commands.getLong(1)).as("a hundred rows to a command").isEqualTo(45);
        }
    }

    /**
     * The results of earlier pages are counted on the import's row while later pages are written: a page waits for
     * that lock and goes on. (Skipping a locked import stopped the submission until the next rescan, 15 s later.)
     */
    @Test
    void aSubmissionWaitsForItsImportWhileResultsAreCountedInsteadOfStopping() throws Exception {
        int size = CommandSubmitter.PAGE + 300;
        String id = upload(bulk("waiting", size)).get("id").asString();
        UUID importId = UUID.fromString(id);
        jobs.confirm(account.id(), importId, account.adminId(), java.time.Instant.now()).block();
        CompletableFuture<Integer> submitted;
        try (var connection = database.connect()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                // what the results listener holds while it counts a poll of answers
                statement.executeQuery("SELECT id FROM import_job WHERE id = '" + id + "' FOR UPDATE").close();
            }
            submitted = submitter.submitAll(importId).toFuture();
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForALock() > 0);
            connection.commit();
        }

        assertThat(submitted.get(30, TimeUnit.SECONDS)).isPositive();
        assertThat(show(id).get("progress").get("submitted").asInt()).isEqualTo(size);
        assertThat(show(id).get("progress").get("submitting").asBoolean()).isFalse();
        assertThat(outboxCommands(id)).as("each row once").isEqualTo(size);
    }

    private long waitingForALock() throws Exception {
        try (var connection = database.connect(); var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void anImportLeftHalfSubmittedByARestartIsResumedWithoutSubmittingARowTwice() throws Exception {
        int size = CommandSubmitter.PAGE + 300;
        String id = upload(bulk("resumed", size)).get("id").asString();
        UUID importId = UUID.fromString(id);
        // what a crash after the first page leaves: confirmed, one page in the outbox, nobody submitting the rest
        jobs.confirm(account.id(), importId, account.adminId(), java.time.Instant.now()).block();
        try (var connection = database.connect(); var statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE import_job SET submitted = " + CommandSubmitter.PAGE + ", submitted_through = "
                    + (CommandSubmitter.PAGE + 1) + " WHERE id = '" + id + "'");
        }
        assertThat(show(id).get("progress").get("submitting").asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() -> !show(id).get("progress").get("submitting").asBoolean());

        assertThat(show(id).get("progress").get("submitted").asInt()).isEqualTo(size);
        assertThat(outboxCommands(id)).as("only the rows after the cursor").isEqualTo(300);
        try (var connection = database.connect(); var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT min((row ->> 'rowNumber')::int) FROM outbox,"
                        + " jsonb_array_elements(payload::jsonb -> 'data' -> 'rows') AS row"
                        + " WHERE topic = '" + Topics.USER_IMPORT_COMMANDS + "' AND payload LIKE '%" + id + "%'")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(CommandSubmitter.PAGE + 2);
        }
    }

    @Test
    void anImportIsCompleteOnlyOnceEveryRowIsSubmittedAndAnsweredOneByOneOrManyToAnEvent() throws Exception {
        String id = upload(bulk("answered", 3)).get("id").asString();
        confirm(id).expectStatus().isAccepted();
        List<ImportRowSubmitted> rows = commands(UUID.fromString(id), 3).stream()
                .flatMap(command -> ((ImportRowsSubmitted) command.data()).rows().stream()).toList();
        // one row answered alone (as a user-service of an earlier version did), the other two in one event
        send(result(id, rows.get(0).rowNumber(), rows.get(0).login(), ImportRowApplied.CREATED, null));
        send(EventEnvelope.of(account.id(), id, new ImportRowsApplied(UUID.fromString(id), rows.subList(1, 3).stream()
                .map(row -> result(id, row.rowNumber(), row.login(), ImportRowApplied.CREATED, null).data())
                .toList())));
        await().atMost(Duration.ofSeconds(10)).until(() -> show(id).get("state").asString().equals("COMPLETED"));
        JsonNode done = show(id);
        assertThat(done.get("progress").get("applied").asInt()).isEqualTo(3);
        assertThat(done.get("progress").get("remaining").asInt()).isZero();
    }

    private static String bulk(String prefix, int size) {
        StringBuilder csv = new StringBuilder("Login,Email,First name,Last name\n");
        for (int i = 0; i < size; i++) {
            csv.append(prefix).append(i).append(',').append(prefix).append(i).append("@example.com,Bulk,User").append(i)
                    .append('\n');
        }
        return csv.toString();
    }

    /** The rows of an import's commands in the outbox. */
    private long outboxCommands(String id) throws Exception {
        try (var connection = database.connect(); var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT coalesce(sum(jsonb_array_length(payload::jsonb -> 'data' -> 'rows')), 0)"
                        + " FROM outbox WHERE topic = '" + Topics.USER_IMPORT_COMMANDS + "' AND payload LIKE '%" + id + "%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void anImportWithNothingToChangeIsCompleteAtOnce() {
        String id = upload("Login\nearl\n").get("id").asString();
        JsonNode confirmed = confirm(id).expectStatus().isAccepted().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(confirmed.get("state").asString()).isEqualTo("COMPLETED");
    }

    /** Uploads and waits for the preview (rows with passwords are PREPARING while they are hashed). */
    private JsonNode upload(String csv) {
        JsonNode uploaded = accounts.upload(account.token(), "users.csv", csv.getBytes(StandardCharsets.UTF_8))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        String id = uploaded.get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> !show(id).get("state").asString().equals("PREPARING"));
        return show(id);
    }

    private WebTestClient.ResponseSpec confirm(String id) {
        return http.post().uri("/api/v1/imports/{id}/confirm", id).headers(headers -> headers.setBearerAuth(account.token()))
                .exchange();
    }

    private JsonNode show(String id) {
        return http.get().uri("/api/v1/imports/{id}", id).headers(headers -> headers.setBearerAuth(account.token()))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** The commands of an import, once they hold {@code rows} rows together. */
    private List<EventEnvelope<RosterEvent>> commands(UUID importId, int rows) {
        List<EventEnvelope<RosterEvent>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Topics.USER_IMPORT_COMMANDS)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    EventEnvelope<RosterEvent> event = json.read(record.value());
                    if (event.data() instanceof ImportRowsSubmitted command && command.importId().equals(importId)) {
                        found.add(event);
                    }
                }
                return found.stream().mapToInt(event -> ((ImportRowsSubmitted) event.data()).rows().size()).sum() >= rows;
            });
        }
        return found;
    }

    private EventEnvelope<ImportRowApplied> result(String importId, int row, String login, String outcome, String reason) {
        return EventEnvelope.of(account.id(), importId, new ImportRowApplied(UUID.fromString(importId), row, login,
                UUID.randomUUID(), outcome, reason));
    }

    private void send(EventEnvelope<?> event) {
        kafka.send(Topics.USER_IMPORT_RESULTS, event.subject(), json.write(event));
    }

    private List<List<String>> report(String id) throws Exception {
        byte[] xlsx = http.get().uri("/api/v1/imports/{id}/report", id).headers(headers -> headers.setBearerAuth(account.token()))
                .exchange().expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        Path file = Files.createTempFile("report", ".xlsx");
        Files.write(file, xlsx);
        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile()); Stream<Row> sheet = workbook.getFirstSheet().openStream()) {
            sheet.forEach(row -> rows.add(row.stream().map(cell -> cell == null ? "" : cell.getText()).toList()));
        }
        Files.delete(file);
        return rows;
    }
}
