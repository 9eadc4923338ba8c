package dev.roster.notifications.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.user.UserInvited;
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

/** The one-time token of an invitation reaches the SMTP server, but no stored email keeps it. */
@NotificationServiceTest
class InvitationSecretTest {

    static final Duration FIFTEEN_SECONDS = Duration.ofSeconds(15);

    @Autowired Recipients recipients;
    @Autowired TestSmtp smtp;

    final UUID account = UUID.randomUUID();

    @AfterEach
    void smtpBack() {
        smtp.start();
    }

    @Test
    void storedEmailBodyHoldsNoUsableToken() {
        Person invitee = recipients.person(account, "Ines", UserStatus.ACTIVE, null, null);
        String token = "invitation-" + UUID.randomUUID();
        smtp.stop();

        EventEnvelope<UserInvited> invited = invite(invitee, token);
        awaitAttempted(invited);

        // while the email waits: the body has a placeholder, the token is kept only encrypted
        assertThat(deliveryRowsHolding(token)).isZero();
        assertThat(column(invited, "text_body")).contains("/set-password?token=").doesNotContain(token);
        assertThat(column(invited, "sealed_secret")).isNotEqualTo("none").isNotNull();

        smtp.start();

        // the SMTP server gets the working link
        await().atMost(FIFTEEN_SECONDS).until(() -> smtp.to(invitee.email()).size() == 1);
        assertThat(TestSmtp.text(smtp.to(invitee.email()).get(0)))
                .contains("http://localhost:8080/set-password?token=" + token);
        // and once sent, nothing of the token is left
        await().atMost(FIFTEEN_SECONDS).until(() -> "SENT".equals(column(invited, "status")));
        assertThat(column(invited, "sealed_secret")).isNull();
        assertThat(deliveryRowsHolding(token)).isZero();
    }

    @Test
    void tokenIsWipedWhenEmailSuppressed() {
        Person leaving = recipients.person(account, "Lore", UserStatus.ACTIVE, null, null);
        smtp.stop();
        EventEnvelope<UserInvited> invited = invite(leaving, "invitation-" + UUID.randomUUID());
        awaitAttempted(invited);
        assertThat(column(invited, "sealed_secret")).isNotNull();

        recipients.send(Topics.USERS, EventEnvelope.of(account, leaving.id(), new UserStatusChanged(leaving.id(),
                UserStatus.ACTIVE, UserStatus.INACTIVE, Instant.now(), null, false, null)));

        await().atMost(FIFTEEN_SECONDS).until(() -> "SUPPRESSED".equals(column(invited, "status")));
        assertThat(column(invited, "sealed_secret")).isNull();
    }

    @Test
    void anInvitationOfSomeoneInactiveNeverStoresTheToken() {
        Person inactive = recipients.person(account, "Ivo", UserStatus.INACTIVE, null, null);
        String token = "invitation-" + UUID.randomUUID();

        EventEnvelope<UserInvited> invited = invite(inactive, token);

        await().atMost(FIFTEEN_SECONDS).until(() -> "SUPPRESSED".equals(column(invited, "status")));
        assertThat(column(invited, "sealed_secret")).isNull();
        assertThat(deliveryRowsHolding(token)).isZero();
    }

    private EventEnvelope<UserInvited> invite(Person person, String token) {
        EventEnvelope<UserInvited> invited = EventEnvelope.of(account, person.id(), new UserInvited(person.id(), token,
                Instant.parse("2099-01-05T10:30:00Z"), UUID.randomUUID()));
        recipients.send(Topics.USERS, invited);
        return invited;
    }

    private void awaitAttempted(EventEnvelope<?> event) {
        await().atMost(FIFTEEN_SECONDS).until(() -> recipients.count("SELECT coalesce(max(attempts), 0) FROM delivery"
                + " WHERE event_id = '" + event.eventId() + "' AND channel = 'EMAIL'") >= 1);
    }

    private String column(EventEnvelope<?> event, String column) {
        return recipients.query("SELECT " + column + " FROM delivery WHERE event_id = '" + event.eventId()
                + "' AND channel = 'EMAIL'");
    }

    /** Delivery rows with the token anywhere in them (every column, as text). */
    private long deliveryRowsHolding(String token) {
        return recipients.count("SELECT count(*) FROM delivery d WHERE d::text LIKE '%" + token + "%'");
    }
}
