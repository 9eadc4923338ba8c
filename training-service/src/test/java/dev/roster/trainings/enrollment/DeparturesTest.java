package dev.roster.trainings.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.RosterEvent;
import dev.roster.events.Topics;
import dev.roster.events.enrollment.EnrollmentDropped;
import dev.roster.events.enrollment.WaitlistPromoted;
import dev.roster.events.user.UserDeleted;
import dev.roster.events.user.UserStatus;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.testing.MutableClock;
import dev.roster.testing.TestDatabase;
import dev.roster.testing.TestKafka;
import dev.roster.trainings.support.Tenants;
import dev.roster.trainings.support.Tenants.Person;
import dev.roster.trainings.support.Tenants.Tenant;
import dev.roster.trainings.support.TrainingServiceTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What user-service's events do to trainings, through the real broker: ended employment, deletion, redelivery. */
@TrainingServiceTest
class DeparturesTest {

    @Autowired Tenants tenants;
    @Autowired MutableClock clock;
    @Autowired TestKafka kafka;
    @Autowired TestDatabase database;
    @Autowired EventJson json;
    @Autowired WebTestClient http;

    Tenant tenant;
    Person admin;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        tenant = tenants.create();
        admin = tenant.admin();
    }

    @Test
    void endingEmploymentDropsUpcomingEnrollmentsPromotesTheWaitlistAndKeepsWhatWasAttended() throws Exception {
        Person leaver = learner("leaver");
        Person waiting = learner("waiting");
        UUID upcoming = training("Upcoming");
        UUID session = tenants.session(admin, upcoming, clock.instant().plus(Duration.ofDays(10)), 1);
        tenants.enroll(leaver, upcoming, session).expectStatus().isCreated();
        tenants.enroll(waiting, upcoming, session).expectStatus().isCreated();
        UUID past = training("Attended last month");
        UUID pastSession = tenants.session(admin, past, clock.instant().minus(Duration.ofDays(30)), 5);
        enrollByAdmin(past, leaver, pastSession);
        mark(past, leaver, "ATTENDED");

        EventEnvelope<UserStatusChanged> ended = EventEnvelope.of(tenant.accountId(), leaver.id(), new UserStatusChanged(
                leaver.id(), UserStatus.ACTIVE, UserStatus.EMPLOYMENT_ENDED, Instant.now(), LocalDate.now(), false, admin.id()));
        send(ended);

        await().atMost(Duration.ofSeconds(10)).until(() -> status(upcoming, leaver).equals("DROPPED"));
        assertThat(query("SELECT end_reason FROM enrollment WHERE training_id = '" + upcoming + "' AND user_id = '"
                + leaver.id() + "'")).isEqualTo("EMPLOYMENT_ENDED");
        assertThat(status(upcoming, waiting)).as("the seat went to the next in line").isEqualTo("ENROLLED");
        assertThat(status(past, leaver)).as("an attended session stays").isEqualTo("ENROLLED");

        List<RosterEvent> published = enrollmentEvents(2);
        assertThat(published).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(EnrollmentDropped.class,
                dropped -> assertThat(dropped.learnerId()).isEqualTo(leaver.id())));
        assertThat(published).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(WaitlistPromoted.class,
                promoted -> assertThat(promoted.learnerId()).isEqualTo(waiting.id())));

        // the same event again (a redelivery) changes nothing and publishes nothing
        long outboxBefore = count("SELECT count(*) FROM outbox");
        send(ended);
        EventEnvelope<UserStatusChanged> marker = EventEnvelope.of(tenant.accountId(), leaver.id(), new UserStatusChanged(
                leaver.id(), UserStatus.EMPLOYMENT_ENDED, UserStatus.EMPLOYMENT_ENDED, Instant.now(), LocalDate.now(), false, null));
        send(marker);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT count(*) FROM processed_event WHERE event_id = '" + marker.eventId() + "'") == 1);
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = '" + ended.eventId() + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outboxBefore);
        assertThat(status(upcoming, waiting)).isEqualTo("ENROLLED");
    }

    @Test
    void aBurstOfStatusChangesDropsExactlyTheLeaversEnrollmentsPromotesEachWaiterOnceAndARedeliveryChangesNothing()
            throws Exception {
        List<Person> leavers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leavers.add(learner("leaver" + i));
        }
        Person resting = learner("resting");
        List<Person> waiting = List.of(learner("first"), learner("second"), learner("third"));
        UUID a = training("A");
        UUID sessionA = tenants.session(admin, a, clock.instant().plus(Duration.ofDays(10)), 2);
        UUID b = training("B");
        UUID sessionB = tenants.session(admin, b, clock.instant().plus(Duration.ofDays(12)), 2);
        UUID attended = training("Attended");
        UUID pastSession = tenants.session(admin, attended, clock.instant().minus(Duration.ofDays(30)), 5);
        // A: two leavers seated, then two waiting to stay, then a leaver waiting; B: a leaver and a resting one seated
        for (Person learner : List.of(leavers.get(0), leavers.get(1), waiting.get(0), waiting.get(1), leavers.get(2))) {
            tenants.enroll(learner, a, sessionA).expectStatus().isCreated();
        }
        for (Person learner : List.of(leavers.get(3), resting, waiting.get(2))) {
            tenants.enroll(learner, b, sessionB).expectStatus().isCreated();
        }
        enrollByAdmin(attended, leavers.get(0), pastSession);
        mark(attended, leavers.get(0), "ATTENDED");
        long outboxBefore = count("SELECT count(*) FROM outbox");

        List<EventEnvelope<?>> burst = new ArrayList<>();
        for (Person leaver : leavers) {
            burst.add(EventEnvelope.of(tenant.accountId(), leaver.id(), new UserStatusChanged(leaver.id(), UserStatus.ACTIVE,
                    UserStatus.EMPLOYMENT_ENDED, Instant.now(), LocalDate.now(), false, admin.id())));
        }
        burst.add(EventEnvelope.of(tenant.accountId(), resting.id(), new UserStatusChanged(resting.id(), UserStatus.ACTIVE,
                UserStatus.INACTIVE, Instant.now(), null, false, admin.id())));
        send(burst);

        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM processed_event WHERE event_id IN ("
                + ids(burst) + ")") == burst.size());
        for (Person leaver : leavers.subList(0, 4)) {
            assertThat(count("SELECT count(*) FROM enrollment WHERE user_id = '" + leaver.id()
                    + "' AND status = 'DROPPED' AND end_reason = 'EMPLOYMENT_ENDED'")).as(leaver + " dropped").isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM enrollment WHERE user_id = '" + leavers.get(4).id() + "'")).isZero();
        assertThat(status(attended, leavers.get(0))).as("an attended session stays").isEqualTo("ENROLLED");
        assertThat(status(b, resting)).as("an inactive learner keeps their seat").isEqualTo("ENROLLED");
        for (Person stayer : waiting) {
            assertThat(status(stayer == waiting.get(2) ? b : a, stayer)).as(stayer + " got a seat").isEqualTo("ENROLLED");
        }
        assertThat(count("SELECT count(*) FROM person WHERE account_id = '" + tenant.accountId()
                + "' AND status = 'EMPLOYMENT_ENDED'")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM outbox WHERE event_type = 'enrollment.dropped'"
                + " AND payload LIKE '%" + tenant.accountId() + "%'")).as("one event per dropped enrollment").isEqualTo(4);
        assertThat(count("SELECT count(*) FROM outbox WHERE event_type = 'enrollment.waitlist-promoted'"
                + " AND payload LIKE '%" + tenant.accountId() + "%'")).as("each waiter promoted once").isEqualTo(3);
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outboxBefore + 7);

        // the same burst again (a redelivery) changes nothing and publishes nothing
        EventEnvelope<UserStatusChanged> marker = EventEnvelope.of(tenant.accountId(), resting.id(), new UserStatusChanged(
                resting.id(), UserStatus.INACTIVE, UserStatus.INACTIVE, Instant.now(), null, false, null));
        List<EventEnvelope<?>> again = new ArrayList<>(burst);
        again.add(marker);
        send(again);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM processed_event WHERE event_id = '" + marker.eventId() + "'") == 1);
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outboxBefore + 7);
        assertThat(count("SELECT count(*) FROM enrollment WHERE account_id = '" + tenant.accountId()
                + "' AND status = 'ENROLLED'")).isEqualTo(5);
    }

    @Test
    void anInactiveLearnerKeepsTheirEnrollments() throws Exception {
        Person resting = learner("resting");
        UUID training = training("Kept");
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(10)), 3);
        tenants.enroll(resting, training, session).expectStatus().isCreated();

        EventEnvelope<UserStatusChanged> deactivated = EventEnvelope.of(tenant.accountId(), resting.id(),
                new UserStatusChanged(resting.id(), UserStatus.ACTIVE, UserStatus.INACTIVE, Instant.now(), null, false, null));
        send(deactivated);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT count(*) FROM processed_event WHERE event_id = '" + deactivated.eventId() + "'") == 1);
        assertThat(status(training, resting)).isEqualTo("ENROLLED");
        tenants.enroll(learner("newcomer"), training, session).expectStatus().isCreated();
    }

    @Test
    void deletingALearnerErasesTheirEnrollmentsAndNameAndFreesTheirSeat() throws Exception {
        Person deleted = learner("deleted");
        Person waiting = learner("patient");
        UUID training = training("Erased");
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(10)), 1);
        tenants.enroll(deleted, training, session).expectStatus().isCreated();
        tenants.enroll(waiting, training, session).expectStatus().isCreated();

        send(EventEnvelope.of(tenant.accountId(), deleted.id(), new UserDeleted(deleted.id(), admin.id())));

        await().atMost(Duration.ofSeconds(10)).until(() -> status(training, waiting).equals("ENROLLED"));
        assertThat(count("SELECT count(*) FROM enrollment WHERE user_id = '" + deleted.id() + "'")).isZero();
        assertThat(count("SELECT count(*) FROM person WHERE id = '" + deleted.id() + "'")).isZero();
    }

    private Person learner(String name) {
        return tenants.person(tenant.accountId(), name, UserStatus.ACTIVE);
    }

    private UUID training(String title) {
        return UUID.fromString(tenants.training(admin, Map.of("title", title)).get("id").asString());
    }

    private void enrollByAdmin(UUID training, Person learner, UUID session) {
        http.post().uri("/api/v1/trainings/{id}/participants", training)
                .headers(headers -> headers.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userIds", List.of(learner.id()), "sessionId", session))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.applied[0]").isEqualTo(learner.id().toString());
    }

    private void mark(UUID training, Person learner, String attendance) {
        http.put().uri("/api/v1/trainings/{id}/participants/{user}/attendance", training, learner.id())
                .headers(headers -> headers.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("attendance", attendance))
                .exchange()
                .expectStatus().isOk();
    }

    private void send(EventEnvelope<?> event) throws Exception {
        send(List.of(event));
    }

    /** Sends the events at once, so that they arrive in as few polls as the broker gives. */
    private void send(List<? extends EventEnvelope<?>> events) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (EventEnvelope<?> event : events) {
                sent.add(producer.send(new ProducerRecord<>(Topics.USERS, event.subject(), json.write(event))));
            }
            for (java.util.concurrent.Future<?> one : sent) {
                one.get();
            }
        }
    }

    private static String ids(List<? extends EventEnvelope<?>> events) {
        return String.join(",", events.stream().map(event -> "'" + event.eventId() + "'").toList());
    }

    /** The enrollment events of this test's account on the topic, waiting for at least {@code atLeast}. */
    private List<RosterEvent> enrollmentEvents(int atLeast) {
        List<RosterEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer(Topics.ENROLLMENTS)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    EventEnvelope<RosterEvent> event = json.read(record.value());
                    if (tenant.accountId().equals(event.accountId())) {
                        events.add(event.data());
                    }
                }
                return events.stream().filter(event -> event instanceof EnrollmentDropped || event instanceof WaitlistPromoted)
                        .count() >= atLeast;
            });
        }
        return events;
    }

    private String status(UUID training, Person learner) throws Exception {
        return query("SELECT status FROM enrollment WHERE training_id = '" + training + "' AND user_id = '" + learner.id()
                + "' ORDER BY enrolled_at DESC LIMIT 1");
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
