package dev.roster.notifications.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.RosterEvent;
import dev.roster.events.Topics;
import dev.roster.events.enrollment.Enrolled;
import dev.roster.events.enrollment.EnrollmentDropped;
import dev.roster.events.enrollment.SessionSnapshot;
import dev.roster.events.enrollment.Unenrolled;
import dev.roster.events.enrollment.WaitlistPromoted;
import dev.roster.events.enrollment.Waitlisted;
import dev.roster.events.user.PasswordChanged;
import dev.roster.events.user.UserAccessChanged;
import dev.roster.events.user.UserInvited;
import dev.roster.events.user.UserStatus;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.notifications.support.NotificationServiceTest;
import dev.roster.notifications.support.Recipients;
import dev.roster.notifications.support.Recipients.Person;
import dev.roster.notifications.support.TestSmtp;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A user's own notices: invitation, password changed, account activated, and what happens to their enrollments. */
@NotificationServiceTest
class UserNoticesTest {

    static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    static final SessionSnapshot MONDAY = new SessionSnapshot(UUID.randomUUID(), Instant.parse("2099-03-02T08:00:00Z"),
            Instant.parse("2099-03-02T16:00:00Z"), "Room Spree", "Europe/Berlin");

    @Autowired Recipients recipients;
    @Autowired TestSmtp smtp;
    @Autowired WebTestClient http;

    UUID account;
    UUID admin;

    @BeforeEach
    void setUp() {
        smtp.start();
        account = UUID.randomUUID();
        admin = UUID.randomUUID();
    }

    @Test
    void anInvitationEmailsTheSetPasswordLinkAndNothingInApp() {
        Person invitee = recipients.person(account, "Ida", UserStatus.ACTIVE, null, null);
        String token = "invitation-" + UUID.randomUUID();

        EventEnvelope<UserInvited> invited = send(Topics.USERS, invitee.id(), new UserInvited(invitee.id(), token,
                Instant.parse("2099-01-05T10:30:00Z"), admin));

        MimeMessage email = onlyEmail(invitee, invited);
        assertThat(TestSmtp.subject(email)).isEqualTo("Set your password for Roster");
        assertThat(TestSmtp.text(email)).contains("http://localhost:8080/set-password?token=" + token)
                .contains("5 Jan 2099, 10:30 UTC");
        assertNoInAppNotice(invitee);
    }

    @Test
    void anInvitationFollowedAMomentLaterByADeactivationIsNeverSent() throws InterruptedException {
        // an administrator invites people and deactivates or offboards them right after, 30 times: each change reaches
        // this service 0 to 300 ms after its invitation, before the email has settled, so not one is sent
        List<Person> invitees = new ArrayList<>();
        List<EventEnvelope<UserInvited>> invitations = new ArrayList<>();
        List<EventEnvelope<UserStatusChanged>> departures = new ArrayList<>();
        for (long pause : new long[] {0, 150, 300}) {
            List<EventEnvelope<UserInvited>> round = new ArrayList<>();
            List<EventEnvelope<UserStatusChanged>> left = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Person invitee = recipients.person(account, "Ines" + pause + "x" + i, UserStatus.ACTIVE, null, null);
                invitees.add(invitee);
                round.add(EventEnvelope.of(account, invitee.id(), new UserInvited(invitee.id(), "invitation-" + UUID.randomUUID(),
                        Instant.parse("2099-01-05T10:30:00Z"), admin)));
                left.add(EventEnvelope.of(account, invitee.id(), statusChanged(invitee, UserStatus.ACTIVE,
                        i % 2 == 0 ? UserStatus.INACTIVE : UserStatus.EMPLOYMENT_ENDED)));
            }
            recipients.send(Topics.USERS, round);
            Thread.sleep(pause);
            recipients.send(Topics.USERS, left);
            invitations.addAll(round);
            departures.addAll(left);
        }

        await().atMost(TEN_SECONDS).until(() -> departures.stream().allMatch(recipients::applied)
                && invitations.stream().allMatch(recipients::applied));
        String ours = "SELECT count(*) FROM delivery WHERE kind = 'user-invited' AND recipient_id IN ("
                + String.join(",", invitees.stream().map(person -> "'" + person.id() + "'").toList()) + ")";
        assertThat(recipients.count(ours + " AND status = 'SUPPRESSED'")).isEqualTo(30);
        // and for well past when they would have been due, nothing goes out and no secret is kept
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5)).until(() -> recipients.count(ours
                + " AND status = 'SUPPRESSED' AND sealed_secret IS NULL") == 30
                && invitees.stream().allMatch(person -> smtp.to(person.email()).isEmpty()));
    }

    @Test
    void anEmailIsNotSentToARecipientWhoseAccessEndedBeforeTheProjectionHeardOfIt() {
        // the access topic carries a status change first; the email worker checks it as well as the projection
        Person user = recipients.person(account, "Otto", UserStatus.ACTIVE, null, null);
        recipients.send(Topics.USER_ACCESS, EventEnvelope.of(account, user.id(), new UserAccessChanged(user.id(),
                UserStatus.INACTIVE, Instant.now())));

        EventEnvelope<PasswordChanged> changed = send(Topics.USERS, user.id(), new PasswordChanged(user.id(), admin));

        await().atMost(TEN_SECONDS).until(() -> "SUPPRESSED:INACTIVE".equals(recipients.query(
                "SELECT status || ':' || suppressed_reason FROM delivery WHERE event_id = '" + changed.eventId() + "'")));
        assertThat(recipients.query("SELECT status FROM person WHERE id = '" + user.id() + "'"))
                .as("the projection had not heard of it").isEqualTo("ACTIVE");
        assertThat(smtp.to(user.email())).isEmpty();
    }

    @Test
    void aPasswordChangeSendsOneEmailAndNothingInApp() {
        Person user = recipients.person(account, "Paul", UserStatus.ACTIVE, null, null);

        EventEnvelope<PasswordChanged> changed = send(Topics.USERS, user.id(), new PasswordChanged(user.id(), user.id()));

        MimeMessage email = onlyEmail(user, changed);
        assertThat(TestSmtp.subject(email)).isEqualTo("Your Roster password was changed");
        assertThat(TestSmtp.text(email)).contains("contact your administrator");
        assertNoInAppNotice(user);
    }

    @Test
    void reactivatingAnInactiveUserTellsThemByEmailAndInApp() {
        Person user = recipients.person(account, "Ada", UserStatus.INACTIVE, null, null);

        EventEnvelope<UserStatusChanged> activated = send(Topics.USERS, user.id(), statusChanged(user, UserStatus.INACTIVE,
                UserStatus.ACTIVE));

        MimeMessage email = onlyEmail(user, activated);
        assertThat(TestSmtp.subject(email)).isEqualTo("Your Roster account is active");
        assertThat(TestSmtp.text(email)).contains("you can sign in at http://localhost:8080");
        center(user).jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].kind").isEqualTo("user-account-activated")
                .jsonPath("$.items[0].title").isEqualTo("Your Roster account is active");
    }

    @Test
    void deactivatingAnActiveUserSendsThemNothing() {
        Person user = recipients.person(account, "Ivo", UserStatus.ACTIVE, null, null);

        EventEnvelope<UserStatusChanged> deactivated = send(Topics.USERS, user.id(), statusChanged(user, UserStatus.ACTIVE,
                UserStatus.INACTIVE));

        assertThat(recipients.query("SELECT status FROM person WHERE id = '" + user.id() + "'")).isEqualTo("INACTIVE");
        assertThat(recipients.count("SELECT count(*) FROM delivery WHERE event_id = '" + deactivated.eventId() + "'")).isZero();
        assertThat(recipients.count("SELECT count(*) FROM notification WHERE recipient_id = '" + user.id() + "'")).isZero();
        assertThat(smtp.to(user.email())).isEmpty();
    }

    @Test
    void aBurstOfDeparturesCancelsExactlyTheQueuedEmailsOfThoseWhoLeftAndARedeliveryChangesNothing() {
        List<Person> ended = new ArrayList<>();
        List<Person> deactivated = new ArrayList<>();
        List<Person> staying = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ended.add(recipients.person(account, "Ended" + i, UserStatus.ACTIVE, null, null));
        }
        for (int i = 0; i < 10; i++) {
            deactivated.add(recipients.person(account, "Resting" + i, UserStatus.ACTIVE, null, null));
            staying.add(recipients.person(account, "Staying" + i, UserStatus.ACTIVE, null, null));
        }
        List<Person> everyone = new ArrayList<>(ended);
        everyone.addAll(deactivated);
        everyone.addAll(staying);
        // two emails each, due tomorrow so that the worker leaves them queued
        recipients.execute("""
                INSERT INTO delivery (id, account_id, recipient_id, event_id, kind, channel, status, email, subject, text_body,
                    next_attempt_at, occurred_at, created_at)
                SELECT gen_random_uuid(), '%s', id, gen_random_uuid(), 'later', 'EMAIL', 'QUEUED', 'x@roster.dev', 's', 'b',
                    now() + interval '1 day', now(), now()
                FROM unnest('{%s}'::uuid[]) AS id CROSS JOIN generate_series(1, 2)""".formatted(account,
                String.join(",", everyone.stream().map(person -> person.id().toString()).toList())));

        List<EventEnvelope<UserStatusChanged>> burst = new ArrayList<>();
        ended.forEach(person -> burst.add(EventEnvelope.of(account, person.id(), new UserStatusChanged(person.id(),
                UserStatus.ACTIVE, UserStatus.EMPLOYMENT_ENDED, Instant.now(), LocalDate.now(), false, admin))));
        deactivated.forEach(person -> burst.add(EventEnvelope.of(account, person.id(), new UserStatusChanged(person.id(),
                UserStatus.ACTIVE, UserStatus.INACTIVE, Instant.now(), null, false, admin))));
        recipients.send(Topics.USERS, burst);

        await().atMost(Duration.ofSeconds(20)).until(() -> burst.stream().allMatch(recipients::applied));
        assertThat(recipients.count(later(account, "SUPPRESSED", "EMPLOYMENT_ENDED"))).isEqualTo(60);
        assertThat(recipients.count(later(account, "SUPPRESSED", "INACTIVE"))).isEqualTo(20);
        assertThat(recipients.count(later(account, "QUEUED", null))).isEqualTo(20);
        assertThat(recipients.count("SELECT count(*) FROM delivery WHERE account_id = '" + account
                + "' AND status = 'QUEUED' AND recipient_id IN (" + String.join(",", staying.stream()
                        .map(person -> "'" + person.id() + "'").toList()) + ")")).as("the staying keep theirs").isEqualTo(20);
        assertThat(recipients.count("SELECT count(*) FROM person WHERE account_id = '" + account
                + "' AND status = 'EMPLOYMENT_ENDED'")).isEqualTo(30);

        // a redelivery of the burst, then a user's email queued afresh: the redelivered events cancel nothing more
        Person back = deactivated.get(0);
        recipients.execute("UPDATE delivery SET status = 'QUEUED', suppressed_reason = NULL WHERE id = (SELECT id FROM delivery"
                + " WHERE recipient_id = '" + back.id() + "' LIMIT 1)");
        EventEnvelope<UserStatusChanged> marker = EventEnvelope.of(account, staying.get(0).id(), new UserStatusChanged(
                staying.get(0).id(), UserStatus.ACTIVE, UserStatus.ACTIVE, Instant.now(), null, false, null));
        List<EventEnvelope<?>> again = new ArrayList<>(burst);
        again.add(marker);
        recipients.send(Topics.USERS, again);
        await().atMost(Duration.ofSeconds(20)).until(() -> recipients.applied(marker));
        assertThat(recipients.count(later(account, "QUEUED", null))).isEqualTo(21);
    }

    /** Counts the emails queued for later in the test that are now {@code status}, for {@code reason} (any when null). */
    private static String later(UUID account, String status, String reason) {
        return "SELECT count(*) FROM delivery WHERE account_id = '" + account + "' AND kind = 'later' AND status = '" + status
                + "'" + (reason == null ? "" : " AND suppressed_reason = '" + reason + "'");
    }

    @Test
    void anEnrolledLearnerGetsTheSessionByEmailAndInApp() {
        Person learner = recipients.person(account, "Lena", UserStatus.ACTIVE, null, null);

        EventEnvelope<Enrolled> enrolled = send(Topics.ENROLLMENTS, UUID.randomUUID(), new Enrolled(UUID.randomUUID(),
                UUID.randomUUID(), "Negotiation Skills", learner.id(), MONDAY, true, true, learner.id()));

        MimeMessage email = onlyEmail(learner, enrolled);
        assertThat(TestSmtp.subject(email)).isEqualTo("You are enrolled in Negotiation Skills");
        assertThat(TestSmtp.text(email)).contains("Session: Mon 2 Mar 2099, 09:00–17:00 (Europe/Berlin), Room Spree");
        center(learner).jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].kind").isEqualTo("learner-enrolled")
                .jsonPath("$.items[0].title").isEqualTo("You are enrolled in Negotiation Skills");
    }

    @Test
    void aWaitlistedLearnerIsToldTheirPlaceInLine() {
        Person learner = recipients.person(account, "Wim", UserStatus.ACTIVE, null, null);

        EventEnvelope<Waitlisted> waitlisted = send(Topics.ENROLLMENTS, UUID.randomUUID(), new Waitlisted(UUID.randomUUID(),
                UUID.randomUUID(), "Negotiation Skills", learner.id(), MONDAY, 3, true, true, learner.id()));

        MimeMessage email = onlyEmail(learner, waitlisted);
        assertThat(TestSmtp.subject(email)).isEqualTo("You are on the waitlist of Negotiation Skills");
        assertThat(TestSmtp.text(email)).contains("You are number 3 on its waitlist");
        center(learner).jsonPath("$.items[0].kind").isEqualTo("learner-waitlisted")
                .jsonPath("$.items[0].body").value(body -> assertThat((String) body).contains("number 3"));
    }

    @Test
    void aLearnerPromotedFromTheWaitlistIsToldTheSeatIsTheirs() {
        Person learner = recipients.person(account, "Pia", UserStatus.ACTIVE, null, null);

        EventEnvelope<WaitlistPromoted> promoted = send(Topics.ENROLLMENTS, UUID.randomUUID(), new WaitlistPromoted(
                UUID.randomUUID(), UUID.randomUUID(), "Negotiation Skills", learner.id(), MONDAY, true, null));

        MimeMessage email = onlyEmail(learner, promoted);
        assertThat(TestSmtp.subject(email)).isEqualTo("A seat in Negotiation Skills is yours");
        assertThat(TestSmtp.text(email)).contains("Mon 2 Mar 2099, 09:00–17:00 (Europe/Berlin), Room Spree");
        center(learner).jsonPath("$.items[0].kind").isEqualTo("learner-promoted");
    }

    @Test
    void aLearnerRemovedByAnAdministratorIsToldTheyWereRemoved() {
        Person learner = recipients.person(account, "Rosa", UserStatus.ACTIVE, null, null);

        EventEnvelope<Unenrolled> removed = send(Topics.ENROLLMENTS, UUID.randomUUID(), removedByAdmin(learner));

        MimeMessage email = onlyEmail(learner, removed);
        assertThat(TestSmtp.subject(email)).isEqualTo("You were removed from Negotiation Skills");
        assertThat(TestSmtp.text(email)).contains("an administrator removed you");
        center(learner).jsonPath("$.items[0].kind").isEqualTo("learner-removed");
    }

    @Test
    void supervisorsAreNotToldWhenAnAdministratorRemovesTheLearner() {
        UUID department = UUID.randomUUID();
        Person direct = recipients.person(account, "Dora", UserStatus.ACTIVE, null, null);
        Person head = recipients.person(account, "Hugo", UserStatus.ACTIVE, null, null);
        recipients.departmentSupervisors(account, department, head.id());
        Person learner = recipients.person(account, "Lena", UserStatus.ACTIVE, department, direct.id());

        EventEnvelope<Unenrolled> removed = send(Topics.ENROLLMENTS, UUID.randomUUID(), removedByAdmin(learner));
        onlyEmail(learner, removed);

        assertThat(recipients.count("SELECT count(*) FROM delivery WHERE event_id = '" + removed.eventId()
                + "' AND recipient_id <> '" + learner.id() + "'")).isZero();
        assertThat(smtp.to(direct.email())).isEmpty();
        assertThat(smtp.to(head.email())).isEmpty();
        center(direct).jsonPath("$.items.length()").isEqualTo(0);
        center(head).jsonPath("$.items.length()").isEqualTo(0);
    }

    @Test
    void aDropBecauseEmploymentEndedIsSuppressedForTheEndedLearner() {
        Person learner = recipients.person(account, "Emil", UserStatus.EMPLOYMENT_ENDED, null, null);

        EventEnvelope<EnrollmentDropped> dropped = send(Topics.ENROLLMENTS, UUID.randomUUID(), new EnrollmentDropped(
                UUID.randomUUID(), UUID.randomUUID(), "Negotiation Skills", learner.id(), MONDAY,
                EnrollmentDropped.EMPLOYMENT_ENDED, true, null));

        assertThat(recipients.query("SELECT string_agg(channel || ':' || status || ':' || suppressed_reason, ',' ORDER BY channel)"
                + " FROM delivery WHERE event_id = '" + dropped.eventId() + "'"))
                .isEqualTo("EMAIL:SUPPRESSED:EMPLOYMENT_ENDED,IN_APP:SUPPRESSED:EMPLOYMENT_ENDED");
        assertNoInAppNotice(learner);
        assertThat(smtp.to(learner.email())).isEmpty();
    }

    private UserStatusChanged statusChanged(Person user, UserStatus from, UserStatus to) {
        return new UserStatusChanged(user.id(), from, to, Instant.now(), null, false, admin);
    }

    private Unenrolled removedByAdmin(Person learner) {
        return new Unenrolled(UUID.randomUUID(), UUID.randomUUID(), "Negotiation Skills", learner.id(), MONDAY, false,
                false, true, admin);
    }

    /** Publishes {@code data} on {@code topic} through the broker and waits until the service has applied it. */
    private <E extends RosterEvent> EventEnvelope<E> send(String topic, UUID subject, E data) {
        EventEnvelope<E> event = EventEnvelope.of(account, subject, data);
        recipients.send(topic, event);
        await().atMost(TEN_SECONDS).until(() -> recipients.applied(event));
        return event;
    }

    /** The one email {@code event} sent {@code person}, once the worker has marked it sent. */
    private MimeMessage onlyEmail(Person person, EventEnvelope<?> event) {
        await().atMost(TEN_SECONDS).until(() -> "SENT".equals(recipients.query("SELECT status FROM delivery WHERE event_id = '"
                + event.eventId() + "' AND recipient_id = '" + person.id() + "' AND channel = 'EMAIL'")));
        assertThat(smtp.to(person.email())).hasSize(1);
        return smtp.to(person.email()).get(0);
    }

    private void assertNoInAppNotice(Person person) {
        assertThat(recipients.count("SELECT count(*) FROM notification WHERE recipient_id = '" + person.id() + "'")).isZero();
        center(person).jsonPath("$.items.length()").isEqualTo(0);
    }

    private WebTestClient.BodyContentSpec center(Person person) {
        return http.get().uri("/api/v1/notifications").headers(headers -> headers.setBearerAuth(person.token()))
                .exchange().expectStatus().isOk().expectBody();
    }
}
