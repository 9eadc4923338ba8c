package dev.roster.notifications.center;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.enrollment.Enrolled;
import dev.roster.events.enrollment.SessionSnapshot;
import dev.roster.events.enrollment.Unenrolled;
import dev.roster.events.user.UserDeleted;
import dev.roster.events.user.UserStatus;
import dev.roster.notifications.support.NotificationServiceTest;
import dev.roster.notifications.support.Recipients;
import dev.roster.notifications.support.Recipients.Person;
import dev.roster.testing.TestJwtIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The in-app notification center: the caller's own notices, newest first, marked read; nothing for the inactive. */
@NotificationServiceTest
class NotificationCenterTest {

    static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    static final SessionSnapshot SESSION = new SessionSnapshot(UUID.randomUUID(), Instant.parse("2099-04-06T07:00:00Z"),
            Instant.parse("2099-04-06T15:00:00Z"), "Room Havel", "Europe/Berlin");

    @Autowired Recipients recipients;
    @Autowired WebTestClient http;
    @org.springframework.boot.test.web.server.LocalManagementPort int managementPort;
    @Autowired TestJwtIssuer tokens;

    UUID account;
    Person learner;

    @BeforeEach
    void setUp() {
        account = UUID.randomUUID();
        learner = recipients.person(account, "Lena", UserStatus.ACTIVE, null, null);
    }

    @Test
    void listsTheCallersNoticesPagedNewestFirst() {
        enrolled(learner, "First Aid");
        enrolled(learner, "Fire Safety");
        enrolled(learner, "Forklift Basics");

        get("/api/v1/notifications?page=0&size=2", learner.token()).expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[0].title").isEqualTo("You are enrolled in Forklift Basics")
                .jsonPath("$.items[0].kind").isEqualTo("learner-enrolled")
                .jsonPath("$.items[0].read").isEqualTo(false)
                .jsonPath("$.items[0].readAt").doesNotExist()
                .jsonPath("$.items[0].body").value(body -> assertThat((String) body).contains("Room Havel"))
                .jsonPath("$.items[1].title").isEqualTo("You are enrolled in Fire Safety")
                .jsonPath("$.page.number").isEqualTo(0)
                .jsonPath("$.page.size").isEqualTo(2)
                .jsonPath("$.page.totalElements").isEqualTo(3)
                .jsonPath("$.page.totalPages").isEqualTo(2);
        get("/api/v1/notifications?page=1&size=2", learner.token()).expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].title").isEqualTo("You are enrolled in First Aid")
                .jsonPath("$.page.number").isEqualTo(1);
    }

    @Test
    void unreadOnlyListsAndCountsTheNoticesNotYetRead() {
        UUID first = enrolled(learner, "First Aid");
        UUID second = enrolled(learner, "Fire Safety");
        UUID third = enrolled(learner, "Forklift Basics");
        post("/api/v1/notifications/" + second + "/read", learner.token()).expectStatus().isOk();

        get("/api/v1/notifications?unread=true", learner.token()).expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(2)
                .jsonPath("$.items[0].id").isEqualTo(third.toString())
                .jsonPath("$.items[1].id").isEqualTo(first.toString())
                .jsonPath("$.page.totalElements").isEqualTo(2);
        get("/api/v1/notifications/unread-count", learner.token()).expectStatus().isOk().expectBody()
                .json("{\"count\": 2}", true);
    }

    @Test
    void markingANoticeReadTwiceKeepsTheFirstReadTime() {
        UUID notice = enrolled(learner, "First Aid");

        Instant readAt = post("/api/v1/notifications/" + notice + "/read", learner.token()).expectStatus().isOk()
                .expectBody(NotificationResponse.class).returnResult().getResponseBody().readAt();
        assertThat(readAt).isNotNull();

        post("/api/v1/notifications/" + notice + "/read", learner.token()).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(notice.toString())
                .jsonPath("$.read").isEqualTo(true)
                .jsonPath("$.readAt").value(again -> assertThat(Instant.parse((String) again)).isEqualTo(readAt));
        get("/api/v1/notifications/unread-count", learner.token()).expectStatus().isOk().expectBody()
                .json("{\"count\": 0}", true);
    }

    @Test
    void readAllMarksEveryUnreadNoticeAndSaysHowMany() {
        UUID first = enrolled(learner, "First Aid");
        enrolled(learner, "Fire Safety");
        enrolled(learner, "Forklift Basics");
        post("/api/v1/notifications/" + first + "/read", learner.token()).expectStatus().isOk();

        post("/api/v1/notifications/read-all", learner.token()).expectStatus().isOk().expectBody()
                .json("{\"updated\": 2}", true);

        get("/api/v1/notifications/unread-count", learner.token()).expectStatus().isOk().expectBody()
                .json("{\"count\": 0}", true);
        get("/api/v1/notifications?unread=true", learner.token()).expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(0);
        post("/api/v1/notifications/read-all", learner.token()).expectStatus().isOk().expectBody()
                .json("{\"updated\": 0}", true);
    }

    @Test
    void aColleagueCanNeitherSeeNorMarkSomeoneElsesNotice() {
        UUID notice = enrolled(learner, "First Aid");
        Person colleague = recipients.person(account, "Carl", UserStatus.ACTIVE, null, null);

        get("/api/v1/notifications", colleague.token()).expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(0)
                .jsonPath("$.page.totalElements").isEqualTo(0);
        post("/api/v1/notifications/" + notice + "/read", colleague.token()).expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/not-found");
        post("/api/v1/notifications/read-all", colleague.token()).expectStatus().isOk().expectBody()
                .json("{\"updated\": 0}", true);

        assertStillUnread(notice);
    }

    @Test
    void aTokenOfAnotherAccountCanNeitherSeeNorMarkTheNotice() {
        UUID notice = enrolled(learner, "First Aid");
        String elsewhere = tokens.token(learner.id(), UUID.randomUUID());

        get("/api/v1/notifications", elsewhere).expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(0);
        get("/api/v1/notifications/unread-count", elsewhere).expectStatus().isOk().expectBody()
                .json("{\"count\": 0}", true);
        post("/api/v1/notifications/" + notice + "/read", elsewhere).expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/not-found");
        post("/api/v1/notifications/read-all", elsewhere).expectStatus().isOk().expectBody()
                .json("{\"updated\": 0}", true);

        assertStillUnread(notice);
    }

    @Test
    void withoutATokenEveryCenterRequestIsA401Problem() {
        UUID notice = enrolled(learner, "First Aid");

        for (WebTestClient.RequestHeadersSpec<?> request : List.of(
                http.get().uri("/api/v1/notifications"),
                http.get().uri("/api/v1/notifications/unread-count"),
                http.post().uri("/api/v1/notifications/" + notice + "/read"),
                http.post().uri("/api/v1/notifications/read-all"))) {
            request.exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/unauthorized");
        }
        assertStillUnread(notice);
    }

    @Test
    void aMalformedIdOrPageIsA400Problem() {
        post("/api/v1/notifications/not-a-uuid/read", learner.token()).expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json");
        get("/api/v1/notifications?size=0", learner.token()).expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/invalid-page");
    }

    @Test
    void deletingAUserErasesTheirNoticesAndDeliveriesAndTheNoticesAboutThemToTheirSupervisors() {
        Person supervisor = recipients.person(account, "Sam", UserStatus.ACTIVE, null, null);
        Person leaving = recipients.person(account, "Dana", UserStatus.ACTIVE, null, supervisor.id());
        Person staying = recipients.person(account, "Otto", UserStatus.ACTIVE, null, supervisor.id());
        enrolled(leaving, "First Aid");
        unenrolledByLearner(leaving);
        unenrolledByLearner(staying);
        assertThat(recipients.count(about(leaving, "notification"))).isEqualTo(2);
        assertThat(recipients.count(about(leaving, "delivery"))).isEqualTo(4);

        EventEnvelope<UserDeleted> deleted = EventEnvelope.of(account, leaving.id(), new UserDeleted(leaving.id(),
                UUID.randomUUID()));
        recipients.send(Topics.USERS, deleted);
        await().atMost(TEN_SECONDS).until(() -> recipients.applied(deleted));

        assertThat(recipients.count(about(leaving, "notification"))).isZero();
        assertThat(recipients.count(about(leaving, "delivery"))).isZero();
        get("/api/v1/notifications", supervisor.token()).expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].title").isEqualTo("Otto Tester unenrolled from Negotiation Skills");
        assertThat(recipients.count(about(staying, "delivery"))).isEqualTo(2);
    }

    @Test
    void anInactiveLearnerGetsNoInAppNoticeAndTheSuppressionIsRecorded() {
        Person resting = recipients.person(account, "Rita", UserStatus.INACTIVE, null, null);

        EventEnvelope<Enrolled> event = send(enrolledEvent(resting, "First Aid"));

        assertNoInAppNotice(resting);
        assertThat(suppressedReason(event, resting, "IN_APP")).isEqualTo("INACTIVE");
        assertThat(suppressedReason(event, resting, "EMAIL")).isEqualTo("INACTIVE");
    }

    @Test
    void aLearnerWhoseEmploymentEndedGetsNoInAppNoticeAndTheSuppressionIsRecorded() {
        Person ended = recipients.person(account, "Erik", UserStatus.EMPLOYMENT_ENDED, null, null);

        EventEnvelope<Enrolled> event = send(enrolledEvent(ended, "First Aid"));

        assertNoInAppNotice(ended);
        assertThat(suppressedReason(event, ended, "IN_APP")).isEqualTo("EMPLOYMENT_ENDED");
        assertThat(suppressedReason(event, ended, "EMAIL")).isEqualTo("EMPLOYMENT_ENDED");
    }

    @Test
    void suppressedNoticesAreCountedOnPrometheusByChannelAndReason() {
        Person resting = recipients.person(account, "Rita", UserStatus.INACTIVE, null, null);
        double inAppBefore = suppressedTotal("IN_APP", "INACTIVE");
        double emailBefore = suppressedTotal("EMAIL", "INACTIVE");

        send(enrolledEvent(resting, "First Aid"));

        assertThat(suppressedTotal("IN_APP", "INACTIVE")).isEqualTo(inAppBefore + 1);
        assertThat(suppressedTotal("EMAIL", "INACTIVE")).isEqualTo(emailBefore + 1);
    }

    /** Enrolls {@code person} in {@code training} through the broker and waits for it; the new notice's id. */
    private UUID enrolled(Person person, String training) {
        EventEnvelope<Enrolled> event = send(enrolledEvent(person, training));
        return UUID.fromString(recipients.query("SELECT id FROM notification WHERE event_id = '" + event.eventId()
                + "' AND recipient_id = '" + person.id() + "'"));
    }

    private EventEnvelope<Enrolled> enrolledEvent(Person person, String training) {
        return EventEnvelope.of(account, UUID.randomUUID(), new Enrolled(UUID.randomUUID(), UUID.randomUUID(), training,
                person.id(), SESSION, true, true, person.id()));
    }

    /** The learner unenrolled themselves: their supervisors get a notice about them. */
    private void unenrolledByLearner(Person person) {
        send(EventEnvelope.of(account, UUID.randomUUID(), new Unenrolled(UUID.randomUUID(), UUID.randomUUID(),
                "Negotiation Skills", person.id(), SESSION, false, true, true, person.id())));
    }

    private <E extends EventEnvelope<?>> E send(E event) {
        recipients.send(Topics.ENROLLMENTS, event);
        await().atMost(TEN_SECONDS).until(() -> recipients.applied(event));
        return event;
    }

    private static String about(Person person, String table) {
        return "SELECT count(*) FROM " + table + " WHERE recipient_id = '" + person.id() + "' OR about_user_id = '"
                + person.id() + "'";
    }

    private String suppressedReason(EventEnvelope<?> event, Person person, String channel) {
        return recipients.query("SELECT suppressed_reason FROM delivery WHERE event_id = '" + event.eventId()
                + "' AND recipient_id = '" + person.id() + "' AND channel = '" + channel + "' AND status = 'SUPPRESSED'");
    }

    private void assertNoInAppNotice(Person person) {
        assertThat(recipients.count("SELECT count(*) FROM notification WHERE recipient_id = '" + person.id() + "'")).isZero();
        get("/api/v1/notifications", person.token()).expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(0);
    }

    private void assertStillUnread(UUID notice) {
        get("/api/v1/notifications", learner.token()).expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].id").isEqualTo(notice.toString())
                .jsonPath("$.items[0].read").isEqualTo(false);
        assertThat(recipients.query("SELECT read_at FROM notification WHERE id = '" + notice + "'")).isNull();
    }

    /** The value of {@code roster_notifications_suppressed_total} for a channel and reason (0 before the first). */
    private double suppressedTotal(String channel, String reason) {
        String metrics = dev.roster.testing.ServiceChecks.management(managementPort).get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return metrics.lines()
                .filter(line -> line.startsWith("roster_notifications_suppressed_total{"))
                .filter(line -> line.contains("channel=\"" + channel + "\"") && line.contains("reason=\"" + reason + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private WebTestClient.ResponseSpec get(String uri, String token) {
        return http.get().uri(uri).headers(headers -> headers.setBearerAuth(token)).exchange();
    }

    private WebTestClient.ResponseSpec post(String uri, String token) {
        return http.post().uri(uri).headers(headers -> headers.setBearerAuth(token)).exchange();
    }
}
