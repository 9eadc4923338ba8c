package dev.roster.notifications.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.enrollment.Enrolled;
import dev.roster.events.enrollment.SessionSnapshot;
import dev.roster.events.user.UserStatus;
import dev.roster.notifications.support.NotificationServiceTest;
import dev.roster.notifications.support.Recipients;
import dev.roster.notifications.support.Recipients.Person;
import dev.roster.notifications.support.TestSmtp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A worker stopped in the middle of a batch (SIGTERM) finishes the email it is sending and queues the rest again at
 * once, so that they go out as soon as a worker runs, not after the claim timeout; each email still goes once.
 */
@NotificationServiceTest
@TestPropertySource(properties = "roster.notifications.batch-size=500")
class EmailWorkerShutdownTest {

    static final SessionSnapshot SESSION = new SessionSnapshot(UUID.randomUUID(), Instant.parse("2099-05-04T07:00:00Z"),
            Instant.parse("2099-05-04T15:00:00Z"), "Hall 2", "Europe/Berlin");

    @Autowired Recipients recipients;
    @Autowired TestSmtp smtp;
    @Autowired EmailWorker worker;

    @Test
    void aWorkerStoppedInTheMiddleOfABatchQueuesTheRestAgainAtOnceAndEveryEmailGoesOnce() {
        UUID account = UUID.randomUUID();
        List<Person> learners = IntStream.range(0, 200)
                .mapToObj(i -> recipients.person(account, "Learner" + i, UserStatus.ACTIVE, null, null)).toList();
        // all 200 queued while no worker runs, so that the first claim takes them in one batch
        worker.stop();
        recipients.send(Topics.ENROLLMENTS, learners.stream().map(learner -> enrolled(account, learner)).toList());
        String ours = "recipient_id IN (SELECT id FROM person WHERE account_id = '" + account + "') AND channel = 'EMAIL'";
        await().atMost(Duration.ofSeconds(30)).until(() -> recipients.count(
                "SELECT count(*) FROM delivery WHERE status = 'QUEUED' AND " + ours) == 200);

        worker.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> received(learners) > 0);
        worker.stop();

        long sent = recipients.count("SELECT count(*) FROM delivery WHERE status = 'SENT' AND " + ours);
        assertThat(sent).as("stopped in the middle of the batch").isBetween(1L, 199L).isEqualTo(received(learners));
        assertThat(recipients.count("SELECT count(*) FROM delivery WHERE status = 'SENDING' AND " + ours))
                .as("nothing left claimed").isZero();
        assertThat(recipients.count("SELECT count(*) FROM delivery WHERE status = 'QUEUED' AND attempts = 0 AND " + ours))
                .as("the rest queued again, their attempt not counted").isEqualTo(200 - sent);

        worker.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> received(learners) == 200);
        assertThat(learners).allSatisfy(learner -> assertThat(smtp.to(learner.email())).hasSize(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> recipients.count(
                "SELECT count(*) FROM delivery WHERE status = 'SENT' AND " + ours) == 200);
    }

    private long received(List<Person> learners) {
        return learners.stream().filter(learner -> !smtp.to(learner.email()).isEmpty()).count();
    }

    private static EventEnvelope<Enrolled> enrolled(UUID account, Person learner) {
        return EventEnvelope.of(account, UUID.randomUUID(), new Enrolled(UUID.randomUUID(), UUID.randomUUID(),
                "Fire Safety", learner.id(), SESSION, false, true, null));
    }
}
