package dev.roster.users.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.events.Topics;
import dev.roster.events.user.UserStatus;
import dev.roster.testing.TestDatabase;
import dev.roster.users.support.ScopedAccount;
import dev.roster.users.user.User;
import dev.roster.users.user.UserRepository;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Bulk status actions at a company's size: thousands of users in one request, each outcome, event and audit entry exact. */
@dev.roster.users.support.UserServiceTest
class BulkStatusTest {

    static final int SALES = 2_000;
    static final int ENDED_BEFORE = 10;

    @Autowired WebTestClient http;
    @Autowired UserRepository users;
    @Autowired TestDatabase database;

    ScopedAccount account;
    List<UUID> sales;
    List<UUID> hr;
    UUID privileged;

    @BeforeEach
    void setUp() throws Exception {
        account = new ScopedAccount(http);
        sales = new ArrayList<>();
        List<User> created = new ArrayList<>();
        for (int i = 0; i < SALES; i++) {
            User user = user("sales" + i, i < ENDED_BEFORE ? UserStatus.EMPLOYMENT_ENDED : UserStatus.ACTIVE,
                    account.sales(), List.of());
            created.add(user);
            sales.add(user.id());
        }
        hr = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            User user = user("hr" + i, UserStatus.ACTIVE, account.hr(), List.of());
            created.add(user);
            hr.add(user.id());
        }
        User admin = user("salesadmin", UserStatus.ACTIVE, account.sales(), List.of(UUID.fromString(query(
                "SELECT id FROM role WHERE kind = 'ADMINISTRATOR' AND account_id = '" + account.tenant().accountId() + "'"))));
        created.add(admin);
        privileged = admin.id();
        users.insertAll(created).block();
    }

    @Test
    void endingTheEmploymentOfThousandsAnswersEachUserAndRecordsExactlyOneEventAndAuditEntryPerChange() throws Exception {
        List<UUID> unknown = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<UUID> requested = new ArrayList<>(sales);
        requested.addAll(hr);
        requested.add(privileged);
        requested.addAll(unknown);
        requested.add(sales.get(SALES - 1));
        long outboxBefore = count("SELECT count(*) FROM outbox");

        JsonNode outcome = bulk(account.scopedToken(), "END_EMPLOYMENT", requested, null);

        List<String> applied = new ArrayList<>();
        outcome.get("applied").forEach(id -> applied.add(id.asString()));
        assertThat(applied).hasSize(SALES - ENDED_BEFORE)
                .containsExactlyElementsOf(sales.subList(ENDED_BEFORE, SALES).stream().map(UUID::toString).toList());
        Map<String, List<String>> skipped = new HashMap<>();
        outcome.get("skipped").forEach(skip -> skipped.computeIfAbsent(skip.get("reason").asString(), reason -> new ArrayList<>())
                .add(skip.get("userId").asString()));
        assertThat(skipped.get("ALREADY_IN_STATUS")).containsExactlyInAnyOrderElementsOf(strings(sales.subList(0, ENDED_BEFORE)));
        assertThat(skipped.get("OUT_OF_SCOPE")).containsExactlyInAnyOrderElementsOf(strings(hr));
        assertThat(skipped.get("PRIVILEGED_USER")).containsExactly(privileged.toString());
        assertThat(skipped.get("NOT_FOUND")).containsExactlyInAnyOrderElementsOf(strings(unknown));
        assertThat(skipped.values().stream().mapToInt(List::size).sum()).isEqualTo(ENDED_BEFORE + 5 + 1 + 3);

        String changed = in(sales.subList(ENDED_BEFORE, SALES));
        assertThat(count("SELECT count(*) FROM app_user WHERE status = 'EMPLOYMENT_ENDED' AND id IN " + in(sales)))
                .isEqualTo(SALES);
        assertThat(count("SELECT count(*) FROM app_user WHERE status = 'ACTIVE' AND id IN " + in(hr))).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'user.status-changed' AND user_id IN " + changed))
                .isEqualTo(SALES - ENDED_BEFORE);
        assertThat(count("SELECT count(DISTINCT user_id) FROM audit_entry WHERE action = 'user.status-changed'"
                + " AND details->>'to' = 'EMPLOYMENT_ENDED' AND details->>'from' = 'ACTIVE' AND user_id IN " + changed))
                .isEqualTo(SALES - ENDED_BEFORE);
        assertThat(count("SELECT count(*) FROM outbox WHERE topic = '" + Topics.USERS
                + "' AND event_type = 'user.status-changed' AND message_key IN " + changed)).isEqualTo(SALES - ENDED_BEFORE);
        assertThat(count("SELECT count(*) FROM outbox WHERE topic = '" + Topics.USER_ACCESS + "' AND message_key IN " + changed))
                .isEqualTo(SALES - ENDED_BEFORE);
        assertThat(count("SELECT count(*) FROM outbox")).as("nothing for the skipped")
                .isEqualTo(outboxBefore + 2L * (SALES - ENDED_BEFORE));
    }

    @Test
    void schedulingAndCancellingForThousandsAuditsEachUserOnce() throws Exception {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        List<UUID> requested = new ArrayList<>(sales);
        requested.addAll(hr);

        JsonNode scheduled = bulk(account.scopedToken(), "DEACTIVATE", requested, tomorrow);
        assertThat(scheduled.get("applied")).hasSize(SALES);
        assertThat(scheduled.get("skipped")).hasSize(5);
        assertThat(count("SELECT count(*) FROM app_user WHERE scheduled_status = 'INACTIVE' AND id IN " + in(sales)))
                .isEqualTo(SALES);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'user.status-scheduled'"
                + " AND details->>'status' = 'INACTIVE' AND details->>'effectiveDate' = '" + tomorrow + "' AND user_id IN "
                + in(sales))).isEqualTo(SALES);

        List<UUID> cancelled = sales.subList(0, SALES / 2);
        List<UUID> cancelling = new ArrayList<>(cancelled);
        cancelling.add(hr.get(0));
        JsonNode outcome = bulk(account.scopedToken(), "CANCEL_SCHEDULED", cancelling, null);
        assertThat(outcome.get("applied")).hasSize(SALES / 2);
        assertThat(outcome.get("skipped")).hasSize(1);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE action = 'user.status-schedule-cancelled' AND user_id IN "
                + in(sales))).isEqualTo(SALES / 2);
        assertThat(count("SELECT count(*) FROM app_user WHERE scheduled_status IS NULL AND id IN " + in(sales)))
                .isEqualTo(SALES / 2);

        JsonNode again = bulk(account.scopedToken(), "CANCEL_SCHEDULED", cancelled, null);
        assertThat(again.get("applied")).isEmpty();
        assertThat(again.get("skipped")).hasSize(SALES / 2)
                .allSatisfy(skip -> assertThat(skip.get("reason").asString()).isEqualTo("NOTHING_SCHEDULED"));
    }

    @Test
    void aDryRunAnswersExactlyWhatTheRequestThenDoesAndChangesNothing() throws Exception {
        List<UUID> requested = new ArrayList<>(sales);
        requested.addAll(hr);
        requested.add(privileged);
        requested.add(UUID.randomUUID());
        requested.add(account.tenant().ownerId());
        String before = state();

        JsonNode tried = bulk(account.ownerToken(), "END_EMPLOYMENT", requested, null, true);

        assertThat(tried.get("dryRun").asBoolean()).isTrue();
        assertThat(state()).as("nothing changed, recorded or sent").isEqualTo(before);
        JsonNode done = bulk(account.ownerToken(), "END_EMPLOYMENT", requested, null, false);
        assertThat(done.get("dryRun").asBoolean()).isFalse();
        assertThat(tried.get("applied")).isEqualTo(done.get("applied")).hasSize(SALES - ENDED_BEFORE + 5 + 1);
        assertThat(tried.get("skipped")).isEqualTo(done.get("skipped")).hasSize(ENDED_BEFORE + 2);
        assertThat(state()).isNotEqualTo(before);
    }

    @Test
    void aDryRunOfADeletionOrASchedulingDeletesAndSchedulesNothingAndNeedsTheSamePermission() throws Exception {
        String before = state();
        JsonNode deleted = bulk(account.ownerToken(), "DELETE", sales, null, true);
        assertThat(deleted.get("applied")).hasSize(SALES);
        JsonNode scheduled = bulk(account.scopedToken(), "DEACTIVATE", sales, LocalDate.now(ZoneOffset.UTC).plusDays(2), true);
        assertThat(scheduled.get("applied")).hasSize(SALES);
        assertThat(state()).isEqualTo(before);

        // trying is no way around a permission: the scoped administrator may not delete, not even to see what it would do
        ScopedAccount.patient(http).post().uri("/api/v1/users/bulk").headers(h -> h.setBearerAuth(account.scopedToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("action", "DELETE", "userIds", sales.subList(0, 1), "dryRun", true))
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aDryRunThatIsNotTrueOrFalseIsABadRequestAndChangesNothing() throws Exception {
        String before = state();
        for (Object dryRun : List.of("maybe", "false", "true", 1, Map.of("yes", true))) {
            ScopedAccount.patient(http).post().uri("/api/v1/users/bulk").headers(h -> h.setBearerAuth(account.ownerToken()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("action", "END_EMPLOYMENT", "userIds", sales, "dryRun", dryRun))
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(state()).isEqualTo(before);
    }

    /** Everything a bulk action writes, summed up: users and their status, schedules, versions, audit, events, tokens. */
    private String state() throws Exception {
        return query("""
                SELECT (SELECT count(*) || '/' || sum(version) || '/' || count(*) FILTER (WHERE status = 'ACTIVE')
                               || '/' || count(scheduled_status) FROM app_user)
                    || ' ' || (SELECT count(*) FROM audit_entry)
                    -- the newest event rather than a count: the relay removes rows it has sent meanwhile
                    || ' ' || (SELECT coalesce(max(id), 0) FROM outbox)
                    || ' ' || (SELECT count(*) FROM refresh_token WHERE revoked_at IS NULL)""");
    }

    private JsonNode bulk(String token, String action, List<UUID> ids, LocalDate effectiveDate) {
        return bulk(token, action, ids, effectiveDate, null);
    }

    private JsonNode bulk(String token, String action, List<UUID> ids, LocalDate effectiveDate, Boolean dryRun) {
        Map<String, Object> body = new HashMap<>(Map.of("action", action, "userIds", ids));
        if (effectiveDate != null) {
            body.put("effectiveDate", effectiveDate.toString());
        }
        if (dryRun != null) {
            body.put("dryRun", dryRun);
        }
        return ScopedAccount.patient(http).post().uri("/api/v1/users/bulk").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private User user(String login, UserStatus status, UUID departmentId, List<UUID> roleIds) {
        return User.create(UUID.randomUUID(), account.tenant().accountId(), new User.Details(login, login + "@example.com",
                        "F", login, departmentId, null, null, null, "en"), status,
                status == UserStatus.EMPLOYMENT_ENDED ? LocalDate.now(ZoneOffset.UTC) : null, null, Instant.now(), roleIds);
    }

    private static List<String> strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    private static String in(List<UUID> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",", "(", ")"));
    }

    private String query(String sql) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : "none";
        }
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(query(sql));
    }
}
