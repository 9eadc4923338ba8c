package dev.roster.trainings.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.events.user.UserStatus;
import dev.roster.testing.MutableClock;
import dev.roster.trainings.support.Tenants;
import dev.roster.trainings.support.Tenants.Person;
import dev.roster.trainings.support.Tenants.Tenant;
import dev.roster.trainings.support.TrainingServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The learner's side through the API: the catalog, enrolling, switching, unenrolling, waitlists. */
@TrainingServiceTest
class LearnerEnrollmentTest {

    @Autowired Tenants tenants;
    @Autowired MutableClock clock;

    Tenant tenant;
    Person admin;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        tenant = tenants.create();
        admin = tenant.admin();
    }

    @Test
    void theCatalogShowsATrainingUntilItsRegistrationDeadline() {
        UUID training = training(Map.of("title", "Negotiation", "stopRegistrationBefore", Map.of("amount", 1, "unit", "DAYS")));
        Instant startsAt = clock.instant().plus(Duration.ofDays(3));
        tenants.session(admin, training, startsAt, 10);
        Person learner = learner("lena");

        assertThat(catalogIds(learner)).containsExactly(training.toString());

        clock.set(startsAt.minus(Duration.ofDays(1)).minusMillis(1));
        assertThat(catalogIds(learner)).as("a moment before the deadline").containsExactly(training.toString());

        clock.set(startsAt.minus(Duration.ofDays(1)));
        assertThat(catalogIds(learner)).as("at the deadline").isEmpty();
        tenants.enroll(learner, training, sessionOf(training, 0)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/registration-closed");
    }

    @Test
    void aLearnerEnrollsSwitchesSessionAndUnenrolls() {
        UUID training = training(Map.of("title", "First aid"));
        UUID first = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(7)), 5);
        UUID second = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(14)), 5);
        Person learner = learner("sam");

        JsonNode enrolled = tenants.enroll(learner, training, first).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(enrolled.get("status").asString()).isEqualTo("ENROLLED");
        assertThat(enrolled.get("sessionId").asString()).isEqualTo(first.toString());
        assertThat(texts(enrolled.get("allowedActions"))).containsExactlyInAnyOrder("SWITCH_SESSION", "UNENROLL");
        assertThat(texts(enrolled.get("warnings"))).isEmpty();
        assertThat(catalogIds(learner)).as("enrolled trainings leave the catalog").isEmpty();
        // the training's rules that explain the actions, and the zone its dates are in
        assertThat(enrolled.get("sessionSelection").asString()).isEqualTo("LEARNER");
        assertThat(enrolled.get("participantListLocked").asBoolean()).isFalse();
        assertThat(enrolled.has("notifySupervisors")).isTrue();
        assertThat(enrolled.get("timeZone").asString()).isNotBlank();

        JsonNode switched = tenants.switchSession(learner, training, second).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(switched.get("sessionId").asString()).isEqualTo(second.toString());

        tenants.unenroll(learner, training, false).expectStatus().isNoContent();
        JsonNode mine = tenants.get(learner, "/api/v1/me/trainings");
        assertThat(mine.get("items").get(0).get("status").asString()).isEqualTo("UNENROLLED");
        assertThat(mine.get("items").get(0).get("endReason").isNull()).as("the status says why: no reason of the system's").isTrue();
        assertThat(texts(mine.get("items").get(0).get("allowedActions"))).isEmpty();
        assertThat(catalogIds(learner)).as("back in the catalog").containsExactly(training.toString());
    }

    @Test
    void aFullSessionPutsLearnersOnItsWaitlistAndAFreedSeatGoesToTheFirstInLine() {
        UUID training = training(Map.of("title", "Forklift licence"));
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(5)), 1);
        Person anna = learner("anna");
        Person ben = learner("ben");
        Person cleo = learner("cleo");

        tenants.enroll(anna, training, session).expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("ENROLLED");
        tenants.enroll(ben, training, session).expectStatus().isCreated().expectBody()
                .jsonPath("$.status").isEqualTo("WAITLISTED").jsonPath("$.waitlistPosition").isEqualTo(1)
                .jsonPath("$.warnings[0]").isEqualTo("WAITLISTED");
        tenants.enroll(cleo, training, session).expectStatus().isCreated().expectBody()
                .jsonPath("$.waitlistPosition").isEqualTo(2);

        tenants.unenroll(anna, training, false).expectStatus().isNoContent();

        assertThat(myTraining(ben, training).get("status").asString()).isEqualTo("ENROLLED");
        JsonNode cleosPlace = myTraining(cleo, training);
        assertThat(cleosPlace.get("status").asString()).isEqualTo("WAITLISTED");
        assertThat(cleosPlace.get("waitlistPosition").asInt()).isEqualTo(1);
    }

    @Test
    void learnersRacingForTheLastSeatAreServedOneAfterTheOther() throws Exception {
        UUID training = training(Map.of("title", "Masterclass"));
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(5)), 1);
        List<Person> learners = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            learners.add(learner("racer" + i));
        }

        List<Callable<String>> attempts = learners.stream().<Callable<String>>map(learner -> () ->
                tenants.enroll(learner, training, session).expectStatus().isCreated()
                        .expectBody(JsonNode.class).returnResult().getResponseBody().get("status").asString()).toList();
        List<String> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(learners.size())) {
            for (Future<String> result : pool.invokeAll(attempts)) {
                statuses.add(result.get());
            }
        }

        assertThat(statuses).filteredOn("ENROLLED"::equals).hasSize(1);
        assertThat(statuses).filteredOn("WAITLISTED"::equals).hasSize(learners.size() - 1);
        JsonNode sessions = tenants.get(admin, "/api/v1/trainings/{id}/sessions", training);
        assertThat(sessions.get(0).get("enrolled").asInt()).isEqualTo(1);
        assertThat(sessions.get(0).get("waitlisted").asInt()).isEqualTo(learners.size() - 1);
    }

    @Test
    void unenrollingAfterRegistrationClosedIsConfirmedFirst() {
        UUID training = training(Map.of("title", "Compliance", "stopRegistrationBefore", Map.of("amount", 2, "unit", "DAYS")));
        Instant startsAt = clock.instant().plus(Duration.ofDays(4));
        UUID session = tenants.session(admin, training, startsAt, 5);
        Person learner = learner("rita");
        tenants.enroll(learner, training, session).expectStatus().isCreated();

        clock.set(startsAt.minus(Duration.ofDays(1)));
        JsonNode before = myTraining(learner, training);
        assertThat(texts(before.get("warnings"))).containsExactly("RE_ENROLLMENT_IMPOSSIBLE");
        assertThat(texts(before.get("allowedActions"))).containsExactly("UNENROLL");

        tenants.unenroll(learner, training, false).expectStatus().isEqualTo(409)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/re-enrollment-impossible");
        assertThat(myTraining(learner, training).get("status").asString()).as("nothing changed").isEqualTo("ENROLLED");

        tenants.unenroll(learner, training, true).expectStatus().isNoContent();
        tenants.enroll(learner, training, session).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/registration-closed");
    }

    @Test
    void afterTheCancellationDeadlineTheLearnerCanNeitherUnenrollNorSwitch() {
        UUID training = training(Map.of("title", "Safety", "stopCancellationBefore", Map.of("amount", 48, "unit", "HOURS")));
        Instant startsAt = clock.instant().plus(Duration.ofDays(5));
        UUID first = tenants.session(admin, training, startsAt, 5);
        UUID second = tenants.session(admin, training, startsAt.plus(Duration.ofDays(7)), 5);
        Person learner = learner("ola");
        tenants.enroll(learner, training, first).expectStatus().isCreated();

        clock.set(startsAt.minus(Duration.ofHours(48)));

        assertThat(texts(myTraining(learner, training).get("allowedActions"))).isEmpty();
        tenants.unenroll(learner, training, true).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/cancellation-deadline-passed");
        tenants.switchSession(learner, training, second).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/cancellation-deadline-passed");
    }

    @Test
    void aLockedParticipantListRefusesChangesAndLeavesTheCatalog() {
        UUID training = training(Map.of("title", "Leadership"));
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(5)), 5);
        Person learner = learner("lock");
        tenants.enroll(learner, training, session).expectStatus().isCreated();
        Person other = learner("other");

        tenants.patch(admin, "/api/v1/trainings/" + training, Map.of("participantListLocked", true)).expectStatus().isOk();

        tenants.unenroll(learner, training, true).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/participant-list-locked");
        assertThat(catalogIds(other)).isEmpty();
    }

    @Test
    void aPresetTrainingIsNotInTheCatalogAndLearnersCannotPickSessions() {
        UUID training = training(Map.of("title", "Onboarding", "sessionSelection", "PRESET"));
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(5)), 5);
        Person learner = learner("pia");

        assertThat(catalogIds(learner)).isEmpty();
        tenants.enroll(learner, training, session).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/session-selection-preset");
    }

    @Test
    void anInactiveLearnerKeepsTheEnrollmentButCannotActOnIt() {
        UUID training = training(Map.of("title", "Excel"));
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(5)), 5);
        Person learner = learner("ivan");
        tenants.enroll(learner, training, session).expectStatus().isCreated();

        tenants.setStatus(learner, UserStatus.INACTIVE);

        tenants.unenroll(learner, training, true).expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/not-active");
        JsonNode kept = myTraining(learner, training);
        assertThat(kept.get("status").asString()).isEqualTo("ENROLLED");
        assertThat(texts(kept.get("allowedActions"))).isEmpty();
        assertThat(catalogIds(learner)).isEmpty();
    }

    @Test
    void anotherAccountsTrainingDoesNotExistForTheLearner() {
        UUID training = training(Map.of("title", "Secret"));
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(5)), 5);
        Person stranger = tenants.create().admin();

        tenants.enroll(stranger, training, session).expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");
        assertThat(catalogIds(stranger)).isEmpty();
    }

    private UUID training(Map<String, ?> body) {
        return UUID.fromString(tenants.training(admin, body).get("id").asString());
    }

    private UUID sessionOf(UUID training, int index) {
        return UUID.fromString(tenants.get(admin, "/api/v1/trainings/{id}/sessions", training).get(index).get("id").asString());
    }

    private Person learner(String name) {
        return tenants.person(tenant.accountId(), name, UserStatus.ACTIVE);
    }

    private JsonNode myTraining(Person learner, UUID training) {
        return tenants.get(learner, "/api/v1/me/trainings/{id}", training);
    }

    private List<String> catalogIds(Person learner) {
        List<String> ids = new ArrayList<>();
        tenants.get(learner, "/api/v1/catalog").get("items").forEach(item -> ids.add(item.get("trainingId").asString()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
