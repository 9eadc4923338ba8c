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
import dev.roster.platform.impact.DepartureImpact;
import dev.roster.platform.security.Permission;
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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

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
        long outboxBefore = outboxOfThisAccount();
        send(ended);
        EventEnvelope<UserStatusChanged> marker = EventEnvelope.of(tenant.accountId(), leaver.id(), new UserStatusChanged(
                leaver.id(), UserStatus.EMPLOYMENT_ENDED, UserStatus.EMPLOYMENT_ENDED, Instant.now(), LocalDate.now(), false, null));
        send(marker);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT count(*) FROM processed_event WHERE event_id = '" + marker.eventId() + "'") == 1);
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = '" + ended.eventId() + "'")).isEqualTo(1);
        assertThat(outboxOfThisAccount()).isEqualTo(outboxBefore);
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
        long outboxBefore = outboxOfThisAccount();

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
        assertThat(outboxOfThisAccount()).isEqualTo(outboxBefore + 7);

        // the same burst again (a redelivery) changes nothing and publishes nothing
        EventEnvelope<UserStatusChanged> marker = EventEnvelope.of(tenant.accountId(), resting.id(), new UserStatusChanged(
                resting.id(), UserStatus.INACTIVE, UserStatus.INACTIVE, Instant.now(), null, false, null));
        List<EventEnvelope<?>> again = new ArrayList<>(burst);
        again.add(marker);
        send(again);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM processed_event WHERE event_id = '" + marker.eventId() + "'") == 1);
        assertThat(outboxOfThisAccount()).isEqualTo(outboxBefore + 7);
        assertThat(count("SELECT count(*) FROM enrollment WHERE account_id = '" + tenant.accountId()
                + "' AND status = 'ENROLLED'")).isEqualTo(5);
    }

    /**
     * The impact preview user-service composes asks training-service what ending employment would do: it answers from
     * its own data, changes nothing, and says exactly what the change then does (who on each waitlist gets a seat,
     * skipping the inactive and those leaving too); only for the caller's account, and only with the permission of the
     * change itself.
     */
    @Test
    void aPreviewOfEndingEmploymentSaysWhatTheChangeThenDoesAndChangesNothing() throws Exception {
        List<Person> leavers = List.of(learner("leaver0"), learner("leaver1"), learner("leaver2"), learner("leaver3"));
        Person resting = learner("resting");
        Person inactiveWaiter = learner("inactive-waiter");
        List<Person> waiting = List.of(learner("first"), learner("second"), learner("third"));
        UUID a = training("Preview A");
        UUID sessionA = tenants.session(admin, a, clock.instant().plus(Duration.ofDays(10)), 2);
        UUID b = training("Preview B");
        UUID sessionB = tenants.session(admin, b, clock.instant().plus(Duration.ofDays(12)), 2);
        UUID attended = training("Preview attended");
        UUID pastSession = tenants.session(admin, attended, clock.instant().minus(Duration.ofDays(30)), 5);
        for (Person learner : List.of(leavers.get(0), leavers.get(1), inactiveWaiter, waiting.get(0), waiting.get(1),
                leavers.get(2))) {
            tenants.enroll(learner, a, sessionA).expectStatus().isCreated();
        }
        tenants.setStatus(inactiveWaiter, UserStatus.INACTIVE);
        for (Person learner : List.of(leavers.get(3), resting, waiting.get(2))) {
            tenants.enroll(learner, b, sessionB).expectStatus().isCreated();
        }
        enrollByAdmin(attended, leavers.get(0), pastSession);
        mark(attended, leavers.get(0), "ATTENDED");
        UUID unfinished = course("Unfinished course", leavers.get(3));
        UUID completed = course("Completed course", leavers.get(3));
        http.put().uri("/api/v1/me/courses/{id}/progress", completed)
                .headers(headers -> headers.setBearerAuth(leavers.get(3).token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("progress", 100))
                .exchange().expectStatus().isOk();
        long outboxBefore = outboxOfThisAccount();
        String enrollmentsBefore = query("SELECT string_agg(user_id || status, ',' ORDER BY id) FROM enrollment"
                + " WHERE account_id = '" + tenant.accountId() + "'");

        JsonNode preview = preview(admin, "EMPLOYMENT_ENDED", leavers).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(sessions(preview)).containsExactly(
                Map.entry(sessionA, List.of(waiting.get(0).id(), waiting.get(1).id())),
                Map.entry(sessionB, List.of(waiting.get(2).id())));
        assertThat(preview.path("sessions").get(0).path("seatsFreed").asInt()).isEqualTo(2);
        Map<UUID, JsonNode> users = new java.util.HashMap<>();
        preview.path("users").forEach(user -> users.put(UUID.fromString(user.path("userId").asString()), user));
        assertThat(users).containsOnlyKeys(leavers.stream().map(Person::id).toList());
        JsonNode first = users.get(leavers.get(0).id()).path("enrollments");
        assertThat(first).as("the attended session stays").hasSize(1);
        assertThat(first.get(0).path("trainingTitle").asString()).isEqualTo("Preview A");
        assertThat(first.get(0).path("status").asString()).isEqualTo("ENROLLED");
        assertThat(List.of(first.get(0).path("seatGoesTo").path("userId").asString(),
                users.get(leavers.get(1).id()).path("enrollments").get(0).path("seatGoesTo").path("userId").asString()))
                .containsExactlyInAnyOrder(waiting.get(0).id().toString(), waiting.get(1).id().toString());
        JsonNode waitingLeaver = users.get(leavers.get(2).id()).path("enrollments").get(0);
        assertThat(waitingLeaver.path("status").asString()).isEqualTo("WAITLISTED");
        assertThat(waitingLeaver.path("seatGoesTo").isNull()).as("a place in line frees no seat").isTrue();
        JsonNode fourth = users.get(leavers.get(3).id());
        assertThat(fourth.path("enrollments").get(0).path("seatGoesTo").path("userId").asString())
                .isEqualTo(waiting.get(2).id().toString());
        assertThat(fourth.path("learning")).hasSize(1);
        assertThat(fourth.path("learning").get(0).path("id").asString()).isEqualTo(unfinished.toString());
        assertThat(preview.path("recordsErased").asLong()).isZero();

        assertThat(outboxOfThisAccount()).as("a preview publishes nothing").isEqualTo(outboxBefore);
        assertThat(query("SELECT string_agg(user_id || status, ',' ORDER BY id) FROM enrollment WHERE account_id = '"
                + tenant.accountId() + "'")).as("and changes no enrollment").isEqualTo(enrollmentsBefore);

        // deleting counts every record erased, attended ones too, and needs USERS_DELETE
        JsonNode deletion = preview(admin, "DELETED", List.of(leavers.get(0))).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(deletion.path("recordsErased").asLong()).isEqualTo(2);
        Person manager = tenants.person(tenant.accountId(), "manager", UserStatus.ACTIVE, Permission.USERS_MANAGE);
        preview(manager, "DELETED", List.of(leavers.get(0))).expectStatus().isForbidden();
        preview(manager, "EMPLOYMENT_ENDED", List.of(leavers.get(0))).expectStatus().isOk();
        preview(waiting.get(0), "EMPLOYMENT_ENDED", List.of(leavers.get(0))).expectStatus().isForbidden();
        // another account's administrator learns nothing of these people
        JsonNode elsewhere = preview(tenants.create().admin(), "EMPLOYMENT_ENDED", leavers).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(elsewhere.path("users")).isEmpty();
        assertThat(elsewhere.path("sessions")).isEmpty();
        http.post().uri(DepartureImpact.PATH).headers(headers -> headers.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("departure", "EMPLOYMENT_ENDED", "userIds", List.of()))
                .exchange().expectStatus().isBadRequest();

        // then the change itself does what the preview said
        List<EventEnvelope<?>> burst = leavers.stream().<EventEnvelope<?>>map(leaver -> EventEnvelope.of(tenant.accountId(),
                leaver.id(), new UserStatusChanged(leaver.id(), UserStatus.ACTIVE, UserStatus.EMPLOYMENT_ENDED, Instant.now(),
                        LocalDate.now(), false, admin.id()))).toList();
        send(burst);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM processed_event WHERE event_id IN ("
                + ids(burst) + ")") == burst.size());
        assertThat(status(a, waiting.get(0))).isEqualTo("ENROLLED");
        assertThat(status(a, waiting.get(1))).isEqualTo("ENROLLED");
        assertThat(status(b, waiting.get(2))).isEqualTo("ENROLLED");
        assertThat(status(a, inactiveWaiter)).isEqualTo("WAITLISTED");
        assertThat(count("SELECT count(*) FROM enrollment WHERE account_id = '" + tenant.accountId()
                + "' AND status = 'DROPPED'")).as("every enrollment the preview listed").isEqualTo(4);
        assertThat(query("SELECT status FROM assignment WHERE user_id = '" + leavers.get(3).id() + "' AND course_id = '"
                + unfinished + "'")).isEqualTo("DROPPED");
        assertThat(query("SELECT status FROM assignment WHERE user_id = '" + leavers.get(3).id() + "' AND course_id = '"
                + completed + "'")).isEqualTo("COMPLETED");
    }

    private WebTestClient.ResponseSpec preview(Person caller, String departure, List<Person> people) {
        return http.post().uri(DepartureImpact.PATH)
                .headers(headers -> headers.setBearerAuth(caller.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("departure", departure, "userIds", people.stream().map(Person::id).toList()))
                .exchange();
    }

    /** Per session of the preview, the learners promoted in order. */
    private static List<Map.Entry<UUID, List<UUID>>> sessions(JsonNode preview) {
        List<Map.Entry<UUID, List<UUID>>> sessions = new ArrayList<>();
        preview.path("sessions").forEach(session -> {
            List<UUID> promoted = new ArrayList<>();
            session.path("promoted").forEach(person -> promoted.add(UUID.fromString(person.path("userId").asString())));
            sessions.add(Map.entry(UUID.fromString(session.path("sessionId").asString()), promoted));
        });
        return sessions;
    }

    /** A new course assigned to {@code learner}. */
    private UUID course(String title, Person learner) {
        UUID course = UUID.fromString(http.post().uri("/api/v1/courses")
                .headers(headers -> headers.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", title))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("id").asString());
        http.post().uri("/api/v1/courses/{id}/assignments", course)
                .headers(headers -> headers.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("userIds", List.of(learner.id())))
                .exchange().expectStatus().isOk();
        return course;
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
    private void send(List<? extends EventEnvelope<?>> events) {
        kafka.sendAll(events.stream()
                .map(event -> new ProducerRecord<>(Topics.USERS, event.subject(), json.write(event)))
                .toList());
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

    /** The outbox rows of this test's account: other tests' work in the shared context changes the rest. */
    private long outboxOfThisAccount() throws Exception {
        return count("SELECT count(*) FROM outbox WHERE payload LIKE '%" + tenant.accountId() + "%'");
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(query(sql));
    }
}
