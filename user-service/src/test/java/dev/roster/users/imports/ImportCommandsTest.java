package dev.roster.users.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.Topics;
import dev.roster.events.imports.ImportRowApplied;
import dev.roster.events.imports.ImportRowsApplied;
import dev.roster.events.imports.ImportRowSubmitted;
import dev.roster.events.imports.ImportRowsSubmitted;
import dev.roster.events.user.UserStatus;
import dev.roster.events.user.UserUpdated;
import dev.roster.testing.TestDatabase;
import dev.roster.testing.TestKafka;
import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.TestAccounts.Tenant;
import dev.roster.users.support.UserServiceTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Import commands sent through the real broker are applied with the API's rules and answered once per row. */
@UserServiceTest
class ImportCommandsTest {

    @Autowired WebTestClient http;
    @Autowired TestKafka kafka;
    @Autowired TestDatabase database;
    @Autowired EventJson json;
    TestAccounts accounts;
    Tenant tenant;
    UUID importId;

    @BeforeEach
    void account() {
        accounts = new TestAccounts(http);
        tenant = accounts.create(10);
        importId = UUID.randomUUID();
    }

    @Test
    void aNewUserIsCreatedInTheirDepartmentAndGroupsAndSignsInWithTheImportedPassword() throws Exception {
        UUID sales = department("Sales Department");
        UUID drivers = staticGroup("Drivers");
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("imported secret 1");

        send(row(1, "newbie").email("newbie@example.com").names("Nina", "New").passwordHash(hash)
                .departmentPath("Acme " + tenant.slug() + " / sales department").jobTitle("Driver").phone("+41 1")
                .supervisorLogin("OWNER").groups("drivers", "No such group"));

        ImportRowApplied result = results(1).getFirst();
        assertThat(result.outcome()).isEqualTo(ImportRowApplied.CREATED);
        assertThat(result.reason()).isEqualTo(ImportRowPolicy.UNKNOWN_GROUPS);
        JsonNode user = user(result.userId());
        assertThat(user.get("login").asString()).isEqualTo("newbie");
        assertThat(user.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(user.get("departmentId").asString()).isEqualTo(sales.toString());
        assertThat(user.get("supervisorId").asString()).isEqualTo(tenant.ownerId().toString());
        assertThat(user.get("jobTitle").asString()).isEqualTo("Driver");
        assertThat(user.get("phone").asString()).isEqualTo("+41 1");
        assertThat(members(drivers)).containsExactly(result.userId());
        assertThat(accounts.signIn(tenant.slug(), "newbie", "imported secret 1")).isNotBlank();
        assertThat(outboxCount(Topics.USERS, result.userId().toString(), "user.created")).isEqualTo(1);
        assertThat(outboxCount(Topics.USER_ACCESS, result.userId().toString(), "user.access-changed"))
                .as("a new user holds no token: nothing to tell the services").isZero();
        assertThat(outboxCount(Topics.USERS, drivers.toString(), "group.members-changed")).isEqualTo(1);
        audit(result.userId())
                .jsonPath("$.items[0].action").isEqualTo("user.created")
                .jsonPath("$.items[0].actorId").isEqualTo(tenant.ownerId().toString())
                .jsonPath("$.items[0].source").isEqualTo("import " + importId);
    }

    @Test
    void aRowChangesOnlyTheFieldsItGivesAndARowThatChangesNothingIsUnchanged() throws Exception {
        UUID user = id(accounts.createUser(tenant.ownerToken(), Map.of("login", "kept", "email", "kept@example.com",
                "firstName", "Kim", "lastName", "Kept", "jobTitle", "Driver", "phone", "123")));

        send(row(1, "KEPT").jobTitle("Pilot"));
        send(row(2, "kept").email("kept@example.com").names("Kim", "Kept").jobTitle("Pilot").phone("123")
                .status(UserStatus.ACTIVE));

        List<ImportRowApplied> results = results(2);
        assertThat(results).extracting(ImportRowApplied::outcome)
                .containsExactly(ImportRowApplied.UPDATED, ImportRowApplied.UNCHANGED);
        assertThat(results).extracting(ImportRowApplied::userId).containsOnly(user);
        JsonNode updated = user(user);
        assertThat(updated.get("jobTitle").asString()).isEqualTo("Pilot");
        assertThat(updated.get("phone").asString()).isEqualTo("123");
        assertThat(updated.get("login").asString()).isEqualTo("kept");
        List<EventEnvelope<?>> updates = outbox(Topics.USERS, user.toString(), "user.updated");
        assertThat(updates).hasSize(1);
        assertThat(updates.getFirst().dataAs(UserUpdated.class).changedFields()).containsExactly("jobTitle");
        audit(user).jsonPath("$.items[0].action").isEqualTo("user.updated")
                .jsonPath("$.items[0].source").isEqualTo("import " + importId);
    }

    @Test
    void endingEmploymentRecordsTheDateOfTheFileWithTheUsualEventsAndAudit() throws Exception {
        UUID user = id(accounts.createUser(tenant.ownerToken(), "leaver"));
        LocalDate ended = LocalDate.of(2025, 3, 31);

        send(row(1, "leaver").status(UserStatus.EMPLOYMENT_ENDED).employmentEndedOn(ended));

        assertThat(results(1).getFirst().outcome()).isEqualTo(ImportRowApplied.UPDATED);
        JsonNode changed = user(user);
        assertThat(changed.get("status").asString()).isEqualTo("EMPLOYMENT_ENDED");
        assertThat(changed.get("employmentEndedOn").asString()).isEqualTo("2025-03-31");
        assertThat(outboxCount(Topics.USERS, user.toString(), "user.status-changed")).isEqualTo(1);
        assertThat(outboxCount(Topics.USER_ACCESS, user.toString(), "user.access-changed")).as("the end alone").isEqualTo(1);
        audit(user).jsonPath("$.items[0].action").isEqualTo("user.status-changed")
                .jsonPath("$.items[0].details.to").isEqualTo("EMPLOYMENT_ENDED")
                .jsonPath("$.items[0].source").isEqualTo("import " + importId);
        http.post().uri("/api/v1/auth/sign-in").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", tenant.slug(), "login", "leaver", "password", TestAccounts.PASSWORD))
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void theAccountOwnersStatusIsNeverChangedByAnImport() throws Exception {
        send(row(1, "owner").status(UserStatus.INACTIVE).jobTitle("Boss"));
        send(row(2, "owner").status(UserStatus.EMPLOYMENT_ENDED));

        assertThat(results(2)).allSatisfy(result -> {
            assertThat(result.outcome()).isEqualTo(ImportRowApplied.REFUSED);
            assertThat(result.reason()).isEqualTo("ACCOUNT_OWNER");
            assertThat(result.userId()).isEqualTo(tenant.ownerId());
        });
        JsonNode owner = user(tenant.ownerId());
        assertThat(owner.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(owner.get("jobTitle").isNull()).as("a refused row changes nothing").isTrue();
    }

    @Test
    void importsChangeTheOwnersPasswordAndEmailOnlyForTheOwnerAndNobodysWhoHoldsMoreThanTheImporter() throws Exception {
        UUID administratorRole = roleOfKind("ADMINISTRATOR");
        UUID importerRole = id(post("/api/v1/roles", Map.of("name", "Importers",
                "permissions", List.of("USERS_VIEW", "USERS_MANAGE", "USERS_IMPORT_EXPORT"))));
        UUID admin = id(accounts.createUser(tenant.ownerToken(), Map.of("login", "admin", "email", "admin@example.com",
                "firstName", "A", "lastName", "Admin", "password", TestAccounts.PASSWORD, "roleIds", List.of(administratorRole))));
        UUID importer = id(accounts.createUser(tenant.ownerToken(), Map.of("login", "importer", "email", "importer@example.com",
                "firstName", "I", "lastName", "Importer", "roleIds", List.of(importerRole))));
        UUID learner = id(accounts.createUser(tenant.ownerToken(), "learner"));
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("imported takeover");

        send(row(1, "owner").passwordHash(hash).actor(admin));
        send(row(2, "owner").email("attacker@example.com").actor(admin));
        send(row(3, "admin").passwordHash(hash).actor(importer));
        send(row(4, "admin").email("importer+admin@example.com").jobTitle("Pwned").actor(importer));
        send(row(5, "learner").passwordHash(hash).actor(importer));
        send(row(6, "owner").email("olga@example.com"));

        assertThat(results(6)).extracting(ImportRowApplied::outcome, ImportRowApplied::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.REFUSED, "ACCOUNT_OWNER"),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.REFUSED, "ACCOUNT_OWNER"),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.REFUSED, ImportRowPolicy.PRIVILEGED_USER),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.REFUSED, ImportRowPolicy.PRIVILEGED_USER),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.UPDATED, null),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.UPDATED, null));
        accounts.signIn(tenant.slug(), "owner", TestAccounts.PASSWORD);
        accounts.signIn(tenant.slug(), "admin", TestAccounts.PASSWORD);
        accounts.signIn(tenant.slug(), "learner", "imported takeover");
        assertThat(user(admin).get("jobTitle").isNull()).as("a refused row changes nothing").isTrue();
        assertThat(user(tenant.ownerId()).get("email").asString()).isEqualTo("olga@example.com");
        assertThat(user(learner).get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void theSeatLimitCreatesNewUsersInactiveAndRefusesActivations() throws Exception {
        tenant = accounts.create(2);
        accounts.createUser(tenant.ownerToken(), "seated");
        UUID sleeper = id(accounts.createUser(tenant.ownerToken(), Map.of("login", "sleeper",
                "email", "sleeper@example.com", "firstName", "S", "lastName", "Sleeper", "status", "INACTIVE")));

        send(row(1, "newbie").email("newbie@example.com").names("Nina", "New"));
        send(row(2, "sleeper").status(UserStatus.ACTIVE).jobTitle("Awake"));

        List<ImportRowApplied> results = results(2);
        assertThat(results.get(0).outcome()).isEqualTo(ImportRowApplied.CREATED_INACTIVE);
        assertThat(user(results.get(0).userId()).get("status").asString()).isEqualTo("INACTIVE");
        assertThat(results.get(1).outcome()).isEqualTo(ImportRowApplied.REFUSED);
        assertThat(results.get(1).reason()).isEqualTo("SEAT_LIMIT");
        assertThat(user(sleeper).get("status").asString()).isEqualTo("INACTIVE");
        assertThat(user(sleeper).get("jobTitle").isNull()).isTrue();
    }

    @Test
    void rowsNamingUnknownDepartmentsOrSupervisorsOrTakenEmailsOrMissingFieldsAreRefused() throws Exception {
        accounts.createUser(tenant.ownerToken(), "taken");

        send(row(1, "a").email("a@example.com").names("A", "A").departmentPath("Acme " + tenant.slug() + " / Nowhere"));
        send(row(2, "b").email("b@example.com").names("B", "B").supervisorLogin("nobody"));
        send(row(3, "c").email("TAKEN@example.com").names("C", "C"));
        send(row(4, "d").email("d@example.com"));
        send(row(5, "e").email("e@example.com").names("E", "E").supervisorLogin("E"));

        assertThat(results(5)).extracting(ImportRowApplied::outcome, ImportRowApplied::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.REFUSED, "DEPARTMENT_NOT_FOUND"),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.REFUSED, "SUPERVISOR_NOT_FOUND"),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.REFUSED, "EMAIL_TAKEN"),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.REFUSED, "MISSING_FIELDS"),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.REFUSED, "SELF_SUPERVISOR"));
        assertThat(count("SELECT count(*) FROM app_user WHERE account_id = ?", tenant.accountId())).isEqualTo(2);
    }

    @Test
    void aRedeliveredCommandIsAppliedOnce() throws Exception {
        EventEnvelope<ImportRowSubmitted> created = envelope(row(1, "twice").email("twice@example.com").names("T", "Twice"));
        send(created);
        send(created);
        send(row(2, "twice").jobTitle("Marker"));

        List<ImportRowApplied> results = results(2);
        assertThat(results).extracting(ImportRowApplied::rowNumber).containsExactly(1, 2);
        assertThat(results.getFirst().outcome()).isEqualTo(ImportRowApplied.CREATED);
        assertThat(count("""
                SELECT sum(jsonb_array_length(payload::jsonb -> 'data' -> 'rows')) FROM outbox
                WHERE topic = ? AND message_key = ? AND event_type = 'user-import.rows-applied'""",
                Topics.USER_IMPORT_RESULTS, importId.toString())).as("rows answered").isEqualTo(2);
        assertThat(outboxCount(Topics.USERS, results.getFirst().userId().toString(), "user.created")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                ImportCommandsListener.CONSUMER, created.eventId())).isEqualTo(1);
    }

    @Test
    void rowsOfOneBatchApplyAsIfOneAfterAnotherWhateverTheOrderOfSupervisors() throws Exception {
        tenant = accounts.create(3);
        UUID leaver = id(accounts.createUser(tenant.ownerToken(), "leaver"));
        UUID manager = id(accounts.createUser(tenant.ownerToken(), "manager"));

        sendAll(List.of(
                // the report comes before its supervisor, and an existing user is given a supervisor created here
                row(1, "report").email("report@example.com").names("R", "Report").supervisorLogin("boss"),
                row(2, "manager").supervisorLogin("boss").jobTitle("Manager"),
                // the last seat is freed by the next row, then taken by the boss; the row after finds none
                row(3, "leaver").status(UserStatus.EMPLOYMENT_ENDED),
                row(4, "boss").email("boss@example.com").names("B", "Boss"),
                row(5, "late").email("late@example.com").names("L", "Late"),
                // the same login twice: applied in order
                row(6, "report").jobTitle("First"),
                row(7, "report").jobTitle("Second"),
                // an email taken by an earlier row of the batch
                row(8, "copycat").email("BOSS@example.com").names("C", "Copycat")));

        List<ImportRowApplied> results = results(8);
        assertThat(results).extracting(ImportRowApplied::outcome, ImportRowApplied::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.CREATED_INACTIVE, null),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.UPDATED, null),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.UPDATED, null),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.CREATED, null),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.CREATED_INACTIVE, null),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.UPDATED, null),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.UPDATED, null),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.REFUSED, "EMAIL_TAKEN"));
        UUID boss = results.get(3).userId();
        JsonNode report = user(results.get(0).userId());
        assertThat(report.get("supervisorId").asString()).isEqualTo(boss.toString());
        assertThat(report.get("jobTitle").asString()).isEqualTo("Second");
        assertThat(user(manager).get("supervisorId").asString()).isEqualTo(boss.toString());
        assertThat(user(leaver).get("status").asString()).isEqualTo("EMPLOYMENT_ENDED");
        assertThat(user(boss).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(count("SELECT count(*) FROM app_user WHERE account_id = ? AND status = 'ACTIVE'", tenant.accountId()))
                .isEqualTo(3);
        assertThat(outbox(Topics.USERS, results.get(0).userId().toString(), "user.updated"))
                .extracting(event -> event.dataAs(UserUpdated.class).changedFields())
                .containsExactly(List.of("jobTitle"), List.of("jobTitle"));
    }

    @Test
    void aCommandOfManyRowsRedeliveredIsAppliedOnce() throws Exception {
        EventEnvelope<ImportRowsSubmitted> command = EventEnvelope.of(tenant.accountId(), tenant.accountId(),
                new ImportRowsSubmitted(importId, List.of(row(1, "one").email("one@example.com").names("O", "One").build(),
                        row(2, "two").email("two@example.com").names("T", "Two").build())));
        send(List.of(command, command));
        send(row(3, "one").jobTitle("Marker"));

        assertThat(results(3)).extracting(ImportRowApplied::outcome)
                .containsExactly(ImportRowApplied.CREATED, ImportRowApplied.CREATED, ImportRowApplied.UPDATED);
        assertThat(count("SELECT count(*) FROM app_user WHERE account_id = ?", tenant.accountId())).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE account_id = ? AND action = 'user.created' AND source = ?",
                tenant.accountId(), "import " + importId)).isEqualTo(2);
    }

    @Test
    void aCommandThatCanNeverBeAppliedGoesToTheDeadLetterTopicWholeAndEachOfItsRowsIsRefusedWhileTheOthersApply()
            throws Exception {
        send(List.of(
                command(row(1, "before").email("before@example.com").names("B", "Before")),
                // PostgreSQL text cannot hold a NUL character: every attempt fails, and the row beside it fails with it
                command(row(2, "broken").email("broken@example.com").names("B", "Bro\u0000ken"),
                        row(3, "beside").email("beside@example.com").names("B", "Beside")),
                command(row(4, "after").email("after@example.com").names("A", "After"))));

        assertThat(results(4)).extracting(ImportRowApplied::outcome, ImportRowApplied::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.CREATED, null),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.REFUSED, ImportRowPolicy.APPLY_FAILED),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.REFUSED, ImportRowPolicy.APPLY_FAILED),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.CREATED, null));
        assertThat(count("SELECT count(*) FROM app_user WHERE account_id = ?", tenant.accountId())).isEqualTo(3);
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Topics.deadLetter(Topics.USER_IMPORT_COMMANDS))) {
            assertThat(TestKafka.poll(consumer, 1, Duration.ofSeconds(20)))
                    .map(record -> json.read(record.value()).data())
                    .filteredOn(ImportRowsSubmitted.class::isInstance)
                    .extracting(command -> ((ImportRowsSubmitted) command).rows().stream().map(ImportRowSubmitted::login).toList())
                    .contains(List.of("broken", "beside"));
        }
    }

    @Test
    void aRowThatCanNeverBeAppliedGoesToTheDeadLetterTopicAndIsAnsweredAsRefusedWhileTheOthersApply() throws Exception {
        // a command to a row, as import-service submitted them before: the row alone is refused
        send(List.of(
                envelope(row(1, "before").email("before@example.com").names("B", "Before")),
                // PostgreSQL text cannot hold a NUL character: every attempt fails
                envelope(row(2, "broken").email("broken@example.com").names("B", "Bro\u0000ken")),
                envelope(row(3, "after").email("after@example.com").names("A", "After"))));

        assertThat(results(3)).extracting(ImportRowApplied::outcome, ImportRowApplied::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.CREATED, null),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.REFUSED, ImportRowPolicy.APPLY_FAILED),
                org.assertj.core.groups.Tuple.tuple(ImportRowApplied.CREATED, null));
        assertThat(count("SELECT count(*) FROM app_user WHERE account_id = ?", tenant.accountId())).isEqualTo(3);
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Topics.deadLetter(Topics.USER_IMPORT_COMMANDS))) {
            assertThat(TestKafka.poll(consumer, 1, Duration.ofSeconds(20)))
                    .extracting(record -> json.read(record.value()).dataAs(ImportRowSubmitted.class).login())
                    .contains("broken");
        }
    }

    @Test
    void oneHundredThousandRowsAreAppliedWithTheSeatLimitGroupsAndASupervisorFromTheSameFile() throws Exception {
        int size = 100_000;
        tenant = accounts.create(size - 10);
        UUID drivers = staticGroup("Drivers");
        List<Row> rows = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String login = "user%06d".formatted(i);
            rows.add(row(i + 2, login).email(login + "@example.com").names("First", "Last")
                    .supervisorLogin(i == 0 ? null : "user000000").groups(i % 10 == 0 ? "Drivers" : "No such group"));
        }

        long started = System.nanoTime();
        sendAll(rows);
        List<ImportRowApplied> results = results(size, Duration.ofMinutes(5));
        System.out.printf("%,d imported rows applied in %,d ms%n", size, (System.nanoTime() - started) / 1_000_000);

        // the owner and size - 11 new users take the size - 10 seats; the last eleven rows find none
        for (int i = 0; i < size; i++) {
            ImportRowApplied result = results.get(i);
            assertThat(result.outcome()).as("row %d", result.rowNumber())
                    .isEqualTo(i < size - 11 ? ImportRowApplied.CREATED : ImportRowApplied.CREATED_INACTIVE);
            assertThat(result.reason()).as("row %d", result.rowNumber())
                    .isEqualTo(i % 10 == 0 ? null : ImportRowPolicy.UNKNOWN_GROUPS);
        }
        UUID first = results.getFirst().userId();
        assertThat(count("SELECT count(*) FROM app_user WHERE account_id = ?", tenant.accountId())).isEqualTo(size + 1);
        assertThat(count("SELECT count(*) FROM app_user WHERE account_id = ? AND status = 'ACTIVE'", tenant.accountId()))
                .isEqualTo(size - 10);
        assertThat(count("SELECT count(*) FROM app_user WHERE supervisor_id = ?", first)).isEqualTo(size - 1);
        assertThat(count("SELECT count(*) FROM group_member WHERE group_id = ?", drivers)).isEqualTo(size / 10);
        assertThat(count("SELECT count(*) FROM outbox WHERE event_type = 'user.created' AND payload::jsonb ->> 'accountId' = ?",
                tenant.accountId().toString())).as("the owner and the new users").isEqualTo(size + 1);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE account_id = ? AND action = 'user.created' AND source = ?",
                tenant.accountId(), "import " + importId)).isEqualTo(size);
    }

    @Test
    void aLargeMixOfCreatesUpdatesAndRefusalsInLargePollsIsAnsweredExactlyOncePerRow() throws Exception {
        tenant = accounts.create(5_000);
        List<Row> existing = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            existing.add(row(i + 2, "mix%04d".formatted(i)).email("mix%04d@example.com".formatted(i)).names("First", "Last"));
        }
        sendAll(existing);
        assertThat(results(1_000, Duration.ofMinutes(2))).allSatisfy(result ->
                assertThat(result.outcome()).isEqualTo(ImportRowApplied.CREATED));

        importId = UUID.randomUUID();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String login = i < 1_000 ? "mix%04d".formatted(i) : "new%04d".formatted(i);
            Row row = row(i + 2, login);
            if (i < 1_000) {
                row.jobTitle("Driver");
            }
            else if (i < 1_800) {
                row.email(login + "@example.com").names("New", "User");
            }
            else if (i < 1_900) {
                row.email(login + "@example.com");
            }
            else {
                row.email("mix0000@example.com").names("Taken", "Email");
            }
            rows.add(row);
        }
        sendAll(rows);
        List<ImportRowApplied> results = results(2_000, Duration.ofMinutes(2));

        for (int i = 0; i < 2_000; i++) {
            ImportRowApplied result = results.get(i);
            assertThat(result.rowNumber()).isEqualTo(i + 2);
            String expected = i < 1_000 ? ImportRowApplied.UPDATED : i < 1_800 ? ImportRowApplied.CREATED
                    : ImportRowApplied.REFUSED;
            assertThat(result.outcome()).as("row %d", i + 2).isEqualTo(expected);
            if (i >= 1_800) {
                assertThat(result.reason()).as("row %d", i + 2)
                        .isEqualTo(i < 1_900 ? ImportRowPolicy.MISSING_FIELDS : ImportRowPolicy.EMAIL_TAKEN);
            }
        }
        assertThat(count("SELECT count(*) FROM app_user WHERE account_id = ?", tenant.accountId())).isEqualTo(1 + 1_000 + 800);
        assertThat(count("SELECT count(*) FROM app_user WHERE account_id = ? AND job_title = 'Driver'", tenant.accountId()))
                .isEqualTo(1_000);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE account_id = ? AND source = ?", tenant.accountId(),
                "import " + importId)).as("one entry per applied row").isEqualTo(1_800);
    }

    @Test
    void scopedImporterRowsOutsideTheirDepartmentsAreRefused() throws Exception {
        UUID sales = department("Sales");
        UUID hr = department("HR");
        UUID role = id(post("/api/v1/roles", Map.of("name", "Sales importer",
                "permissions", List.of("USERS_IMPORT_EXPORT"), "departmentIds", List.of(sales))));
        UUID importer = id(accounts.createUser(tenant.ownerToken(), Map.of("login", "importer",
                "email", "importer@example.com", "firstName", "I", "lastName", "I", "roleIds", List.of(role),
                "departmentId", sales.toString())));
        UUID seller = id(accounts.createUser(tenant.ownerToken(), Map.of("login", "seller", "email", "seller@example.com",
                "firstName", "S", "lastName", "S", "departmentId", sales.toString())));
        UUID recruiter = id(accounts.createUser(tenant.ownerToken(), Map.of("login", "recruiter",
                "email", "recruiter@example.com", "firstName", "R", "lastName", "R", "departmentId", hr.toString())));
        String path = "Acme " + tenant.slug() + " / ";

        sendAll(List.of(
                row(1, "spy").actor(importer).email("spy@example.com").names("S", "Py").departmentPath(path + "HR"),
                row(2, "rootling").actor(importer).email("rootling@example.com").names("R", "Oot"),
                row(3, "recruiter").actor(importer).jobTitle("Mole").status(UserStatus.INACTIVE),
                row(4, "seller").actor(importer).departmentPath(path + "HR"),
                row(5, "owner").actor(importer).passwordHash(PasswordEncoderFactories.createDelegatingPasswordEncoder()
                        .encode("taken over 1")),
                row(6, "newseller").actor(importer).email("newseller@example.com").names("N", "S")
                        .departmentPath(path + "Sales"),
                row(7, "seller").actor(importer).jobTitle("Closer")));

        List<ImportRowApplied> results = results(7);
        assertThat(results).extracting(ImportRowApplied::outcome).containsExactly(ImportRowApplied.REFUSED,
                ImportRowApplied.REFUSED, ImportRowApplied.REFUSED, ImportRowApplied.REFUSED, ImportRowApplied.REFUSED,
                ImportRowApplied.CREATED, ImportRowApplied.UPDATED);
        assertThat(results.subList(0, 5)).extracting(ImportRowApplied::reason).containsOnly(ImportRowPolicy.OUT_OF_SCOPE);
        assertThat(user(recruiter).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(user(recruiter).path("jobTitle").toString()).doesNotContain("Mole");
        assertThat(user(seller).get("departmentId").asString()).isEqualTo(sales.toString());
        assertThat(user(seller).get("jobTitle").asString()).isEqualTo("Closer");
        assertThat(accounts.signIn(tenant.slug(), "owner", TestAccounts.PASSWORD)).isNotBlank();
    }

    private Row row(int number, String login) {
        return new Row(number, login);
    }

    /** A command as import-service sends it: keyed by the account, so that an account's rows stay in order. */
    private EventEnvelope<ImportRowSubmitted> envelope(Row row) {
        return EventEnvelope.of(tenant.accountId(), tenant.accountId(), row.build());
    }

    private void send(Row row) throws Exception {
        send(envelope(row));
    }

    private void send(EventEnvelope<ImportRowSubmitted> command) throws Exception {
        send(List.of(command));
    }

    /** The rows as one command, keyed by the account as import-service keys them. */
    private EventEnvelope<ImportRowsSubmitted> command(Row... rows) {
        return EventEnvelope.of(tenant.accountId(), tenant.accountId(),
                new ImportRowsSubmitted(importId, java.util.Arrays.stream(rows).map(Row::build).toList()));
    }

    /** Sends the rows together as import-service does, a hundred to a command, in as few polls as the broker hands out. */
    private void sendAll(List<Row> rows) throws Exception {
        List<EventEnvelope<ImportRowsSubmitted>> commands = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ImportRowsSubmitted.MOST_ROWS) {
            commands.add(command(rows.subList(from, Math.min(rows.size(), from + ImportRowsSubmitted.MOST_ROWS))
                    .toArray(Row[]::new)));
        }
        send(commands);
    }

    private void send(List<? extends EventEnvelope<?>> commands) {
        kafka.sendAll(commands.stream()
                .map(command -> new ProducerRecord<>(Topics.USER_IMPORT_COMMANDS, command.subject(), json.write(command)))
                .toList());
    }

    private List<ImportRowApplied> results(int expected) {
        return results(expected, Duration.ofSeconds(30));
    }

    /** This import's results from the results topic, in row order, once {@code expected} have arrived. */
    private List<ImportRowApplied> results(int expected, Duration timeout) {
        List<ImportRowApplied> results = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Topics.USER_IMPORT_RESULTS)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (results.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(importId.toString())) {
                        results.addAll(json.read(record.value()).dataAs(ImportRowsApplied.class).rows());
                    }
                }
            }
        }
        assertThat(results).hasSize(expected);
        return results.stream().sorted(java.util.Comparator.comparingInt(ImportRowApplied::rowNumber)).toList();
    }

    private JsonNode user(UUID id) {
        return http.get().uri("/api/v1/users/{id}", id).headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private WebTestClient.BodyContentSpec audit(UUID user) {
        return http.get().uri("/api/v1/users/{id}/audit", user).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .exchange()
                .expectStatus().isOk()
                .expectBody();
    }

    private UUID department(String name) {
        JsonNode root = http.get().uri("/api/v1/departments").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get(0);
        return id(post("/api/v1/departments", Map.of("name", name, "parentId", root.get("id").asString())));
    }

    private UUID roleOfKind(String kind) {
        return http.get().uri("/api/v1/roles").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody().valueStream()
                .filter(role -> role.get("kind").asString().equals(kind))
                .map(ImportCommandsTest::id).findFirst().orElseThrow();
    }

    private UUID staticGroup(String name) {
        return id(post("/api/v1/groups", Map.of("name", name, "kind", "STATIC")));
    }

    private JsonNode post(String path, Map<String, ?> body) {
        return http.post().uri(path).headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private List<UUID> members(UUID group) {
        JsonNode page = http.get().uri("/api/v1/users?groupId={group}", group)
                .headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        List<UUID> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(id(item)));
        return ids;
    }

    private long outboxCount(String topic, String key, String type) throws Exception {
        return count("SELECT count(*) FROM outbox WHERE topic = ? AND message_key = ? AND event_type = ?", topic, key, type);
    }

    private List<EventEnvelope<?>> outbox(String topic, String key, String type) throws Exception {
        List<EventEnvelope<?>> events = new ArrayList<>();
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT payload FROM outbox WHERE topic = ? AND message_key = ? AND event_type = ? ORDER BY id")) {
            statement.setString(1, topic);
            statement.setString(2, key);
            statement.setString(3, type);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(json.read(rows.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
        }
        return events;
    }

    private long count(String sql, Object... parameters) throws Exception {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static UUID id(JsonNode node) {
        return UUID.fromString(node.get("id").asString());
    }

    /** One row of an import file, as import-service sends it; cells not set are blank. */
    private final class Row {

        final int number;
        final String login;
        String email;
        String firstName;
        String lastName;
        String passwordHash;
        String departmentPath;
        String jobTitle;
        String phone;
        String supervisorLogin;
        List<String> groups = List.of();
        UserStatus status;
        LocalDate employmentEndedOn;
        UUID actor = tenant.ownerId();

        Row(int number, String login) {
            this.number = number;
            this.login = login;
        }

        Row actor(UUID value) { actor = value; return this; }

        Row email(String value) { email = value; return this; }
        Row names(String first, String last) { firstName = first; lastName = last; return this; }
        Row passwordHash(String value) { passwordHash = value; return this; }
        Row departmentPath(String value) { departmentPath = value; return this; }
        Row jobTitle(String value) { jobTitle = value; return this; }
        Row phone(String value) { phone = value; return this; }
        Row supervisorLogin(String value) { supervisorLogin = value; return this; }
        Row groups(String... values) { groups = List.of(values); return this; }
        Row status(UserStatus value) { status = value; return this; }
        Row employmentEndedOn(LocalDate value) { employmentEndedOn = value; return this; }

        ImportRowSubmitted build() {
            return new ImportRowSubmitted(importId, number, actor, login, email, firstName, lastName,
                    passwordHash, departmentPath, jobTitle, phone, supervisorLogin, groups, status, employmentEndedOn);
        }
    }
}
