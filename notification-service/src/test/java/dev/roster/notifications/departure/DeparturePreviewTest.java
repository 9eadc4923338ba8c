package dev.roster.notifications.departure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.user.UserStatus;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.notifications.support.NotificationServiceTest;
import dev.roster.notifications.support.Recipients;
import dev.roster.notifications.support.Recipients.Person;
import dev.roster.platform.impact.DepartureImpact;
import dev.roster.platform.security.Permission;
import dev.roster.testing.TestJwtIssuer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * notification-service's part of a status change's impact preview: the queued emails a departure would cancel and the
 * notices a deletion would erase, from its own data, for the caller's account only, changing nothing; and the change
 * then cancels exactly those.
 */
@NotificationServiceTest
class DeparturePreviewTest {

    @Autowired Recipients recipients;
    @Autowired TestJwtIssuer tokens;
    @Autowired WebTestClient http;

    UUID account;
    String manager;
    String deleter;

    @BeforeEach
    void setUp() {
        account = UUID.randomUUID();
        manager = tokens.token(UUID.randomUUID(), account, Permission.USERS_MANAGE);
        deleter = tokens.token(UUID.randomUUID(), account, Permission.USERS_MANAGE, Permission.USERS_DELETE);
    }

    @Test
    void aPreviewCountsTheEmailsADepartureCancelsAndTheNoticesADeletionErasesAndChangesNothing() {
        Person leaving = recipients.person(account, "Leaving", UserStatus.ACTIVE, null, null);
        Person quiet = recipients.person(account, "Quiet", UserStatus.ACTIVE, null, null);
        Person staying = recipients.person(account, "Staying", UserStatus.ACTIVE, null, null);
        queue(leaving, "QUEUED", 2);
        queue(leaving, "SENT", 1);
        queue(staying, "QUEUED", 2);
        notice(quiet.id(), staying.id());
        notice(staying.id(), quiet.id());
        notice(staying.id(), staying.id());
        String before = recipients.query("SELECT string_agg(id || status, ',' ORDER BY id) FROM delivery WHERE account_id = '"
                + account + "'");

        Map<UUID, JsonNode> ended = users(preview(manager, "EMPLOYMENT_ENDED", leaving, quiet).expectStatus().isOk());
        assertThat(ended).containsOnlyKeys(leaving.id());
        assertThat(ended.get(leaving.id()).path("queuedEmails").asLong()).isEqualTo(2);
        assertThat(ended.get(leaving.id()).path("noticesErased").asLong()).isZero();

        Map<UUID, JsonNode> deleted = users(preview(deleter, "DELETED", leaving, quiet).expectStatus().isOk());
        assertThat(deleted.get(quiet.id()).path("noticesErased").asLong()).as("to them and about them").isEqualTo(2);
        assertThat(deleted.get(leaving.id()).path("queuedEmails").asLong()).isEqualTo(2);
        preview(manager, "DELETED", leaving).expectStatus().isForbidden();
        preview(tokens.token(leaving.id(), account), "INACTIVE", leaving).expectStatus().isForbidden();
        assertThat(users(preview(tokens.token(UUID.randomUUID(), UUID.randomUUID(), Permission.USERS_MANAGE),
                "INACTIVE", leaving).expectStatus().isOk())).as("another account's administrator").isEmpty();
        assertThat(recipients.query("SELECT string_agg(id || status, ',' ORDER BY id) FROM delivery WHERE account_id = '"
                + account + "'")).as("a preview changes nothing").isEqualTo(before);

        EventEnvelope<UserStatusChanged> change = EventEnvelope.of(account, leaving.id(), new UserStatusChanged(leaving.id(),
                UserStatus.ACTIVE, UserStatus.EMPLOYMENT_ENDED, Instant.now(), LocalDate.now(), false, null));
        recipients.send(Topics.USERS, change);
        await().atMost(Duration.ofSeconds(20)).until(() -> recipients.applied(change));
        assertThat(recipients.count("SELECT count(*) FROM delivery WHERE recipient_id = '" + leaving.id()
                + "' AND status = 'SUPPRESSED'")).as("the change cancels what the preview said").isEqualTo(2);
    }

    private WebTestClient.ResponseSpec preview(String token, String departure, Person... people) {
        return http.post().uri(DepartureImpact.PATH)
                .headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("departure", departure, "userIds", List.of(people).stream().map(Person::id).toList()))
                .exchange();
    }

    private static Map<UUID, JsonNode> users(WebTestClient.ResponseSpec response) {
        JsonNode answer = response.expectBody(JsonNode.class).returnResult().getResponseBody();
        Map<UUID, JsonNode> users = new HashMap<>();
        answer.path("users").forEach(user -> users.put(UUID.fromString(user.path("userId").asString()), user));
        return users;
    }

    /** Emails to {@code person} in {@code status}; queued ones due tomorrow, so that the worker leaves them be. */
    private void queue(Person person, String status, int count) {
        recipients.execute("""
                INSERT INTO delivery (id, account_id, recipient_id, event_id, kind, channel, status, email, subject, text_body,
                    next_attempt_at, occurred_at, created_at)
                SELECT gen_random_uuid(), '%s', '%s', gen_random_uuid(), 'later', 'EMAIL', '%s', 'x@roster.dev', 's', 'b',
                    now() + interval '1 day', now(), now()
                FROM generate_series(1, %d)""".formatted(account, person.id(), status, count));
    }

    private void notice(UUID recipient, UUID about) {
        recipients.execute("""
                INSERT INTO notification (id, account_id, recipient_id, about_user_id, kind, title, body, event_id, created_at)
                VALUES (gen_random_uuid(), '%s', '%s', '%s', 'later', 't', 'b', gen_random_uuid(), now())"""
                .formatted(account, recipient, about));
    }
}
