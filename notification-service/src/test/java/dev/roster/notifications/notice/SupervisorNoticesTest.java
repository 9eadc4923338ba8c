package dev.roster.notifications.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.enrollment.SessionSnapshot;
import dev.roster.events.enrollment.SessionSwitched;
import dev.roster.events.enrollment.Unenrolled;
import dev.roster.events.user.UserStatus;
import dev.roster.notifications.support.NotificationServiceTest;
import dev.roster.notifications.support.Recipients;
import dev.roster.notifications.support.Recipients.Person;
import dev.roster.notifications.support.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** Supervisors hear of a learner's unenrolment and session switch by email and in-app; the inactive hear nothing. */
@NotificationServiceTest
class SupervisorNoticesTest {

    static final SessionSnapshot MONDAY = new SessionSnapshot(UUID.randomUUID(), Instant.parse("2099-03-02T08:00:00Z"),
            Instant.parse("2099-03-02T16:00:00Z"), "Room Spree", "Europe/Berlin");
    static final SessionSnapshot FRIDAY = new SessionSnapshot(UUID.randomUUID(), Instant.parse("2099-03-06T08:00:00Z"),
            Instant.parse("2099-03-06T16:00:00Z"), "Online", "Europe/Berlin");

    @Autowired Recipients recipients;
    @Autowired TestSmtp smtp;
    @Autowired WebTestClient http;

    UUID account;
    UUID department;
    Person direct;
    Person head;
    Person resting;
    Person learner;

    @BeforeEach
    void setUp() {
        smtp.start();
        account = UUID.randomUUID();
        department = UUID.randomUUID();
        direct = recipients.person(account, "Dora", UserStatus.ACTIVE, null, null);
        head = recipients.person(account, "Hugo", UserStatus.ACTIVE, null, null);
        resting = recipients.person(account, "Rex", UserStatus.INACTIVE, null, null);
        recipients.departmentSupervisors(account, department, head.id(), resting.id());
        learner = recipients.person(account, "Lena", UserStatus.ACTIVE, department, direct.id());
    }

    @Test
    void whenALearnerUnenrollsEachActiveSupervisorGetsOneEmailAndALiveInAppNotice() {
        Flux<ServerSentEvent<JsonNode>> stream = http.get().uri("/api/v1/notifications/stream")
                .headers(headers -> headers.setBearerAuth(direct.token()))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() { })
                .getResponseBody();

        StepVerifier.create(stream.filter(event -> event.event() != null))
                .assertNext(ready -> assertThat(ready.event()).isEqualTo("ready"))
                .then(() -> recipients.send(Topics.ENROLLMENTS, unenrolled(true)))
                .assertNext(live -> {
                    assertThat(live.event()).isEqualTo("notification");
                    assertThat(live.data().get("title").asString()).isEqualTo("Lena Tester unenrolled from Negotiation Skills");
                })
                .thenCancel()
                .verify(Duration.ofSeconds(20));

        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.to(direct.email()).size() == 1 && smtp.to(head.email()).size() == 1);
        MimeMessage email = smtp.to(direct.email()).get(0);
        assertThat(TestSmtp.subject(email)).isEqualTo("Lena Tester unenrolled from Negotiation Skills");
        assertThat(TestSmtp.text(email)).contains("Negotiation Skills").contains("Mon 2 Mar 2099, 09:00–17:00 (Europe/Berlin)")
                .contains("Room Spree");
        assertThat(smtp.to(resting.email())).isEmpty();
        assertThat(recipients.query("SELECT suppressed_reason FROM delivery WHERE recipient_id = '" + resting.id()
                + "' AND channel = 'EMAIL'")).isEqualTo("INACTIVE");

        JsonNode center = http.get().uri("/api/v1/notifications").headers(headers -> headers.setBearerAuth(head.token()))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(center.get("items")).hasSize(1);
        assertThat(center.get("items").get(0).get("kind").asString()).isEqualTo("supervisor-learner-unenrolled");
        assertThat(center.get("items").get(0).get("read").asBoolean()).isFalse();
    }

    @Test
    void theSameEventTwiceSendsOneEmail() {
        EventEnvelope<Unenrolled> event = unenrolled(true);
        recipients.send(Topics.ENROLLMENTS, event);
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.to(direct.email()).size() == 1);

        recipients.send(Topics.ENROLLMENTS, event);
        EventEnvelope<Unenrolled> marker = unenrolled(false);
        recipients.send(Topics.ENROLLMENTS, marker);
        await().atMost(Duration.ofSeconds(10)).until(() -> recipients.applied(marker));

        assertThat(smtp.to(direct.email())).hasSize(1);
        assertThat(recipients.count("SELECT count(*) FROM notification WHERE recipient_id = '" + direct.id() + "'"))
                .isEqualTo(1);
    }

    @Test
    void aSessionSwitchTellsTheSupervisorsAndTheLearner() {
        recipients.send(Topics.ENROLLMENTS, EventEnvelope.of(account, UUID.randomUUID(), new SessionSwitched(
                UUID.randomUUID(), UUID.randomUUID(), "Negotiation Skills", learner.id(), MONDAY, FRIDAY, false, true,
                true, learner.id())));

        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.to(head.email()).size() == 1
                && smtp.to(learner.email()).size() == 1);
        assertThat(TestSmtp.subject(smtp.to(head.email()).get(0))).isEqualTo("Lena Tester switched session of Negotiation Skills");
        assertThat(TestSmtp.text(smtp.to(head.email()).get(0))).contains("Fri 6 Mar 2099, 09:00–17:00 (Europe/Berlin)");
        assertThat(TestSmtp.subject(smtp.to(learner.email()).get(0))).isEqualTo("Your session of Negotiation Skills changed");
    }

    @Test
    void aTrainingThatDoesNotNotifySupervisorsLeavesThemAlone() {
        EventEnvelope<Unenrolled> quiet = EventEnvelope.of(account, UUID.randomUUID(), new Unenrolled(UUID.randomUUID(),
                UUID.randomUUID(), "Quiet training", learner.id(), MONDAY, false, true, false, learner.id()));
        recipients.send(Topics.ENROLLMENTS, quiet);

        await().atMost(Duration.ofSeconds(10)).until(() -> recipients.applied(quiet));
        assertThat(recipients.count("SELECT count(*) FROM delivery WHERE event_id = '" + quiet.eventId() + "'")).isZero();
    }

    private EventEnvelope<Unenrolled> unenrolled(boolean notifySupervisors) {
        return EventEnvelope.of(account, UUID.randomUUID(), new Unenrolled(UUID.randomUUID(), UUID.randomUUID(),
                "Negotiation Skills", learner.id(), MONDAY, false, true, notifySupervisors, learner.id()));
    }
}
