package dev.roster.users.impact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.platform.impact.DepartureImpact;
import dev.roster.testing.TestDatabase;
import dev.roster.users.support.ImpactServices;
import dev.roster.users.support.ScopedAccount;
import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.UserServiceTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The impact preview of a status change: who it applies to, by the rules of the change itself; what it does to each
 * (sign-in, sessions, seats, groups from user-service; enrollments and emails from the services that own them, asked
 * with the caller's token and only about the users the caller may change); honest about a part that does not come in
 * time; and nothing changed.
 */
@UserServiceTest
class StatusImpactTest {

    @Autowired WebTestClient http;
    @Autowired ImpactServices services;
    @Autowired TestDatabase database;

    ScopedAccount account;
    UUID seller;
    UUID teamMember;
    UUID ended;
    UUID outsider;
    UUID salesGroup;
    UUID bookClub;
    String sellerToken;

    @BeforeEach
    void setUp() {
        services.reset();
        account = new ScopedAccount(http);
        seller = account.user("seller", account.sales());
        teamMember = account.user("team-member", account.salesTeam());
        ended = account.user("ended", account.sales());
        outsider = account.user("outsider", account.hr());
        account.accounts().changeStatus(account.ownerToken(), ended, "EMPLOYMENT_ENDED").expectStatus().isOk();
        // two devices signed in
        sellerToken = account.accounts().signIn(account.tenant().slug(), "seller", TestAccounts.PASSWORD);
        account.accounts().signIn(account.tenant().slug(), "seller", TestAccounts.PASSWORD);
        salesGroup = ScopedAccount.id(account.ownerPost("/api/v1/groups", Map.of("name", "Sales people", "kind", "SMART",
                "departmentId", account.sales())));
        bookClub = ScopedAccount.id(account.ownerPost("/api/v1/groups", Map.of("name", "Book club", "kind", "STATIC")));
        ScopedAccount.patient(http).post().uri("/api/v1/groups/{id}/members", bookClub)
                .headers(h -> h.setBearerAuth(account.ownerToken())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userIds", List.of(seller))).exchange().expectStatus().isOk();
    }

    @Test
    void aPreviewSaysPerUserAndInTotalWhatEndingEmploymentWouldDoAndChangesNothing() throws Exception {
        services.trainings.answers(request -> new DepartureImpact.Trainings(request.userIds().stream()
                .map(id -> new DepartureImpact.Learner(id, List.of(new DepartureImpact.DroppedEnrollment(UUID.randomUUID(),
                        UUID.randomUUID(), "First aid", UUID.randomUUID(), Instant.parse("2030-01-01T09:00:00Z"), "ENROLLED",
                        null)), List.of())).toList(), List.of(), 0));
        services.notifications.answers(request -> new DepartureImpact.Notifications(List.of(
                new DepartureImpact.Recipient(seller, 3, 0))));
        UUID unknown = UUID.randomUUID();
        List<UUID> requested = List.of(seller, teamMember, ended, outsider, account.tenant().ownerId(), unknown);
        String before = state();

        JsonNode preview = preview(account.scopedToken(), "EMPLOYMENT_ENDED", requested).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(state()).as("a preview changes nothing").isEqualTo(before);
        Map<UUID, JsonNode> users = users(preview);
        assertThat(users).containsOnlyKeys(requested);
        JsonNode first = users.get(seller);
        assertThat(first.path("applies").asBoolean()).isTrue();
        assertThat(first.path("currentStatus").asString()).isEqualTo("ACTIVE");
        assertThat(first.path("signInBlocked").asBoolean()).isTrue();
        assertThat(first.path("sessionsCut").asLong()).isEqualTo(2);
        assertThat(first.path("seat").asString()).isEqualTo("FREED");
        assertThat(names(first.path("groupsLeft"))).as("smart groups only: static ones keep them").containsExactly("Sales people");
        assertThat(first.path("enrollmentsDropped").get(0).path("trainingTitle").asString()).isEqualTo("First aid");
        assertThat(first.path("queuedEmailsCancelled").asLong()).isEqualTo(3);
        assertThat(users.get(teamMember).path("applies").asBoolean()).isTrue();
        assertThat(users.get(teamMember).path("queuedEmailsCancelled").asLong()).isZero();
        assertThat(users.get(ended).path("skipReason").asString()).isEqualTo("ALREADY_IN_STATUS");
        assertThat(users.get(outsider).path("skipReason").asString()).isEqualTo("OUT_OF_SCOPE");
        assertThat(users.get(outsider).path("enrollmentsDropped")).as("nothing happens to a skipped user").isEmpty();
        assertThat(users.get(unknown).path("skipReason").asString()).isEqualTo("NOT_FOUND");
        assertThat(users.get(unknown).path("currentStatus").isNull()).isTrue();

        JsonNode totals = preview.path("totals");
        assertThat(totals.path("requested").asInt()).isEqualTo(6);
        assertThat(totals.path("applied").asInt()).isEqualTo(2);
        assertThat(totals.path("skipped").path("OUT_OF_SCOPE").asInt()).as("the outsider and the owner").isEqualTo(2);
        assertThat(totals.path("signInBlocked").asInt()).isEqualTo(2);
        assertThat(totals.path("sessionsCut").asLong()).isEqualTo(2);
        assertThat(totals.path("seats").path("freed").asInt()).isEqualTo(2);
        assertThat(totals.path("seats").path("takenAfter").asLong())
                .isEqualTo(totals.path("seats").path("takenNow").asLong() - 2);
        assertThat(totals.path("groupsLeft").asInt()).isEqualTo(2);
        assertThat(totals.path("enrollmentsDropped").asInt()).isEqualTo(2);
        assertThat(totals.path("queuedEmailsCancelled").asLong()).isEqualTo(3);
        assertThat(preview.path("unknown")).isEmpty();

        // the other services are asked only about the users the caller may change, with the caller's own token
        assertThat(services.trainings.asked().departure()).isEqualTo(DepartureImpact.Departure.EMPLOYMENT_ENDED);
        assertThat(services.trainings.asked().userIds()).containsExactly(seller, teamMember);
        assertThat(services.notifications.asked().userIds()).containsExactly(seller, teamMember);
        assertThat(services.trainings.authorization()).isEqualTo("Bearer " + account.scopedToken());
    }

    @Test
    void whoAPreviewSaysIsChangedOrSkippedIsExactlyWhatTheChangeAnswers() throws Exception {
        List<UUID> requested = List.of(seller, teamMember, ended, outsider, account.tenant().ownerId(), UUID.randomUUID());
        for (String[] change : List.of(new String[] {"EMPLOYMENT_ENDED", "END_EMPLOYMENT"},
                new String[] {"INACTIVE", "DEACTIVATE"}, new String[] {"ACTIVE", "ACTIVATE"}, new String[] {"DELETED", "DELETE"})) {
            for (String token : List.of(account.ownerToken(), account.scopedToken())) {
                if (change[0].equals("DELETED") && token.equals(account.scopedToken())) {
                    continue;
                }
                JsonNode preview = preview(token, change[0], requested).expectStatus().isOk()
                        .expectBody(JsonNode.class).returnResult().getResponseBody();
                JsonNode tried = ScopedAccount.patient(http).post().uri("/api/v1/users/bulk")
                        .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("action", change[1], "userIds", requested, "dryRun", true))
                        .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
                List<String> applied = new ArrayList<>();
                Map<String, String> skipped = new HashMap<>();
                preview.path("users").forEach(user -> {
                    if (user.path("applies").asBoolean()) {
                        applied.add(user.path("userId").asString());
                    }
                    else {
                        skipped.put(user.path("userId").asString(), user.path("skipReason").asString());
                    }
                });
                Map<String, String> triedSkipped = new HashMap<>();
                tried.path("skipped").forEach(skip -> triedSkipped.put(skip.path("userId").asString(), skip.path("reason").asString()));
                assertThat(applied).as(change[0]).containsExactlyInAnyOrderElementsOf(
                        tried.path("applied").valueStream().map(JsonNode::asString).toList());
                assertThat(skipped).as(change[0]).isEqualTo(triedSkipped);
            }
        }
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeOrFailsLeavesItsPartUnknownAndThePreviewAnswersWithoutIt() {
        services.trainings.answersAfter(Duration.ofSeconds(4));
        services.notifications.answersStatus(500);

        long started = System.nanoTime();
        JsonNode preview = preview(account.ownerToken(), "EMPLOYMENT_ENDED", List.of(seller)).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not held up by the slow one").isLessThan(Duration.ofSeconds(4));
        assertThat(preview.path("unknown").valueStream().map(part -> part.path("service").asString()).toList())
                .containsExactlyInAnyOrder("training-service", "notification-service");
        assertThat(preview.path("unknown").valueStream().map(part -> part.path("reason").asString()).toList())
                .contains("training-service did not answer within 1000 ms", "notification-service answered 500");
        JsonNode user = preview.path("users").get(0);
        assertThat(user.path("enrollmentsDropped").isNull()).as("unknown, not none").isTrue();
        assertThat(user.path("queuedEmailsCancelled").isNull()).isTrue();
        assertThat(user.path("sessionsCut").asLong()).as("user-service's own part is known").isEqualTo(2);
        assertThat(preview.path("totals").path("enrollmentsDropped").isNull()).isTrue();
        assertThat(preview.path("totals").path("queuedEmailsCancelled").isNull()).isTrue();
    }

    @Test
    void reactivatingAsksNoOtherServiceRejoinsSmartGroupsAndCountsTheSeatsTheLimitRefuses() {
        JsonNode back = preview(account.ownerToken(), "ACTIVE", List.of(ended)).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode user = back.path("users").get(0);
        assertThat(user.path("seat").asString()).isEqualTo("TAKEN");
        assertThat(user.path("signInBlocked").asBoolean()).isFalse();
        assertThat(names(user.path("groupsJoined"))).containsExactly("Sales people");
        assertThat(user.path("enrollmentsDropped")).isEmpty();
        assertThat(services.trainings.asked()).as("a reactivation drops nothing").isNull();

        // an account whose every seat is taken: the owner and one user
        TestAccounts accounts = new TestAccounts(ScopedAccount.patient(http));
        TestAccounts.Tenant full = accounts.create(2);
        accounts.createUser(full.ownerToken(), "active");
        UUID waiting = UUID.fromString(accounts.createUser(full.ownerToken(), "waiting").get("id").asString());
        JsonNode refused = preview(full.ownerToken(), "ACTIVE", List.of(waiting)).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(refused.path("users").get(0).path("skipReason").asString()).isEqualTo("SEAT_LIMIT");
        assertThat(refused.path("totals").path("seats").path("refusedByLimit").asInt()).isEqualTo(1);
        assertThat(refused.path("totals").path("seats").path("takenNow").asLong()).isEqualTo(2);
        assertThat(refused.path("totals").path("seats").path("limit").asLong()).isEqualTo(2);
    }

    @Test
    void deletingLeavesEveryGroupAndTheOwnerIsRefused() {
        JsonNode preview = preview(account.ownerToken(), "DELETED", List.of(seller, account.tenant().ownerId()))
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        Map<UUID, JsonNode> users = users(preview);
        assertThat(names(users.get(seller).path("groupsLeft"))).containsExactlyInAnyOrder("Sales people", "Book club");
        assertThat(users.get(account.tenant().ownerId()).path("skipReason").asString()).isEqualTo("ACCOUNT_OWNER");
        assertThat(preview.path("totals").path("accountOwnerRefused").asBoolean()).isTrue();
        assertThat(services.trainings.asked().departure()).isEqualTo(DepartureImpact.Departure.DELETED);
    }

    @Test
    void aPreviewNeedsThePermissionOfTheChangeAndRefusesBadInputAsAProblem() {
        preview(sellerToken, "INACTIVE", List.of(teamMember)).expectStatus().isForbidden();
        preview(account.scopedToken(), "DELETED", List.of(teamMember)).expectStatus().isForbidden();
        for (Object body : List.of(Map.of("status", "GONE", "userIds", List.of(seller)),
                Map.of("status", "INACTIVE", "userIds", List.of()),
                Map.of("status", "INACTIVE", "userIds", List.of("not-a-uuid")),
                Map.of("status", "INACTIVE"),
                Map.of("status", "INACTIVE", "userIds", IntStream.range(0, 10_001).mapToObj(i -> UUID.randomUUID()).toList()))) {
            ScopedAccount.patient(http).post().uri("/api/v1/users/status-impact")
                    .headers(h -> h.setBearerAuth(account.ownerToken())).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(services.trainings.asked()).isNull();
    }

    private WebTestClient.ResponseSpec preview(String token, String status, List<UUID> userIds) {
        return ScopedAccount.patient(http).post().uri("/api/v1/users/status-impact")
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", status, "userIds", userIds))
                .exchange();
    }

    private static Map<UUID, JsonNode> users(JsonNode preview) {
        Map<UUID, JsonNode> users = new HashMap<>();
        preview.path("users").forEach(user -> users.put(UUID.fromString(user.path("userId").asString()), user));
        return users;
    }

    private static List<String> names(JsonNode groups) {
        return groups.valueStream().map(group -> group.path("name").asString()).toList();
    }

    /** What a change would write: users' statuses and versions, audit entries, events, live refresh tokens. */
    private String state() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("""
                        SELECT (SELECT count(*) || '/' || sum(version) || '/' || string_agg(status, '' ORDER BY id) FROM app_user
                                WHERE account_id = '%s')
                            || ' ' || (SELECT count(*) FROM audit_entry)
                            || ' ' || (SELECT coalesce(max(id), 0) FROM outbox)
                            || ' ' || (SELECT count(*) FROM refresh_token WHERE revoked_at IS NULL)"""
                        .formatted(account.tenant().accountId()))) {
            row.next();
            return row.getString(1);
        }
    }
}
