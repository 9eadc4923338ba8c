package dev.roster.notifications.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.enrollment.Enrolled;
import dev.roster.events.enrollment.SessionSnapshot;
import dev.roster.events.user.UserStatus;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.notifications.support.NotificationServiceTest;
import dev.roster.notifications.support.Recipients;
import dev.roster.notifications.support.Recipients.Person;
import dev.roster.notifications.support.TestSmtp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The email worker against a real SMTP server that goes down and comes back. */
@NotificationServiceTest
class EmailDeliveryTest {

    static final SessionSnapshot SESSION = new SessionSnapshot(UUID.randomUUID(), Instant.parse("2099-05-04T07:00:00Z"),
            Instant.parse("2099-05-04T15:00:00Z"), "Hall 2", "Europe/Berlin");

    @Autowired Recipients recipients;
    @Autowired TestSmtp smtp;

    final UUID account = UUID.randomUUID();

    @AfterEach
    void smtpBack() {
        smtp.start();
    }

    @Test
    void whileTheSmtpServerIsDownTheEmailIsRetriedAndDeliveredOnceItIsBack() {
        Person learner = recipients.person(account, "Mia", UserStatus.ACTIVE, null, null);
        smtp.stop();

        EventEnvelope<Enrolled> enrolled = enrolled(learner);
        recipients.send(Topics.ENROLLMENTS, enrolled);

        await().atMost(Duration.ofSeconds(15)).until(() -> recipients.count(
                "SELECT coalesce(max(attempts), 0) FROM delivery WHERE event_id = '" + enrolled.eventId() + "' AND channel = 'EMAIL'") >= 2);
        assertThat(recipients.query("SELECT status FROM delivery WHERE event_id = '" + enrolled.eventId()
                + "' AND channel = 'EMAIL'")).isIn("QUEUED", "SENDING");
        assertThat(recipients.query("SELECT last_error FROM delivery WHERE event_id = '" + enrolled.eventId()
                + "' AND channel = 'EMAIL'")).isNotEqualTo("none").isNotNull();

        smtp.start();

        await().atMost(Duration.ofSeconds(15)).until(() -> smtp.to(learner.email()).size() == 1);
        assertThat(TestSmtp.subject(smtp.to(learner.email()).get(0))).isEqualTo("You are enrolled in Fire Safety");
        await().atMost(Duration.ofSeconds(5)).until(() -> recipients.query("SELECT status FROM delivery WHERE event_id = '"
                + enrolled.eventId() + "' AND channel = 'EMAIL'").equals("SENT"));
    }

    @Test
    void aQueuedEmailIsCancelledWhenItsRecipientIsDeactivatedBeforeItIsSent() {
        Person leaving = recipients.person(account, "Otto", UserStatus.ACTIVE, null, null);
        Person staying = recipients.person(account, "Ida", UserStatus.ACTIVE, null, null);
        smtp.stop();
        EventEnvelope<Enrolled> queued = enrolled(leaving);
        recipients.send(Topics.ENROLLMENTS, queued);
        await().atMost(Duration.ofSeconds(15)).until(() -> recipients.count(
                "SELECT coalesce(max(attempts), 0) FROM delivery WHERE event_id = '" + queued.eventId() + "' AND channel = 'EMAIL'") >= 1);

        EventEnvelope<UserStatusChanged> deactivated = EventEnvelope.of(account, leaving.id(), new UserStatusChanged(
                leaving.id(), UserStatus.ACTIVE, UserStatus.INACTIVE, Instant.now(), null, false, null));
        recipients.send(Topics.USERS, deactivated);
        // queued, the departure cancels it; held by the worker at that moment, its failed attempt does
        await().atMost(Duration.ofSeconds(30)).until(() -> recipients.query("SELECT status FROM delivery WHERE event_id = '"
                + queued.eventId() + "' AND channel = 'EMAIL'").equals("SUPPRESSED"));
        assertThat(recipients.query("SELECT suppressed_reason FROM delivery WHERE event_id = '" + queued.eventId()
                + "' AND channel = 'EMAIL'")).isEqualTo("INACTIVE");

        smtp.start();
        recipients.send(Topics.ENROLLMENTS, enrolled(staying));
        await().atMost(Duration.ofSeconds(15)).until(() -> smtp.to(staying.email()).size() == 1);
        assertThat(smtp.to(leaving.email())).isEmpty();
    }

    private EventEnvelope<Enrolled> enrolled(Person learner) {
        return EventEnvelope.of(account, UUID.randomUUID(), new Enrolled(UUID.randomUUID(), UUID.randomUUID(),
                "Fire Safety", learner.id(), SESSION, false, true, null));
    }
}
