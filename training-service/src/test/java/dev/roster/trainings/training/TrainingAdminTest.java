package dev.roster.trainings.training;

import dev.roster.platform.web.Page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.roster.events.user.UserStatus;
import dev.roster.platform.security.Permission;
import dev.roster.testing.MutableClock;
import dev.roster.trainings.support.Tenants;
import dev.roster.trainings.support.Tenants.Person;
import dev.roster.trainings.support.Tenants.Tenant;
import dev.roster.trainings.support.TrainingServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The administrator's side through the API: trainings and their sessions, registration restrictions,
 * participants and waitlists, attendance and the derived status, permissions and account boundaries.
 */
@TrainingServiceTest
class TrainingAdminTest {

    @Autowired Tenants tenants;
    @Autowired MutableClock clock;
    @Autowired WebTestClient http;

    Tenant tenant;
    Person admin;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        tenant = tenants.create();
        admin = tenant.admin();
    }

    // Trainings and sessions

    @Test
    void aNewTrainingLetsLearnersChooseNotifiesSupervisorsAndCountsInUtcByDefault() {
        JsonNode created = call(HttpMethod.POST, admin, "/api/v1/trainings", Map.of("title", "  First aid  "))
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", ".*/api/v1/trainings/[0-9a-f-]{36}")
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(created.get("title").asString()).isEqualTo("First aid");
        assertThat(created.get("sessionSelection").asString()).isEqualTo("LEARNER");
        assertThat(created.get("notifySupervisors").asBoolean()).isTrue();
        assertThat(created.get("timeZone").asString()).isEqualTo("UTC");
        assertThat(created.get("participantListLocked").asBoolean()).isFalse();
        assertThat(created.get("stopRegistrationBefore").isNull()).isTrue();
        assertThat(created.get("stopCancellationBefore").isNull()).isTrue();
        assertThat(created.get("status").asString()).isEqualTo("NOT_STARTED");
        assertThat(created.get("sessions").isEmpty()).isTrue();
        assertThat(tenants.get(admin, "/api/v1/trainings/{id}", created.get("id").asString()).get("title").asString())
                .isEqualTo("First aid");
    }

    @Test
    void patchingATrainingChangesOnlyTheFieldsSent() {
        UUID training = training(Map.of("title", "Excel basics", "description", "Formulas and charts"));

        JsonNode patched = tenants.patch(admin, "/api/v1/trainings/" + training,
                        Map.of("title", "Excel advanced", "timeZone", "Europe/Berlin", "notifySupervisors", false,
                                "sessionSelection", "PRESET"))
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(patched.get("title").asString()).isEqualTo("Excel advanced");
        JsonNode reread = show(training);
        assertThat(reread.get("title").asString()).isEqualTo("Excel advanced");
        assertThat(reread.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(reread.get("notifySupervisors").asBoolean()).isFalse();
        assertThat(reread.get("sessionSelection").asString()).isEqualTo("PRESET");
        assertThat(reread.get("description").asString()).as("not sent, so kept").isEqualTo("Formulas and charts");
    }

    @Test
    void sessionsAreAddedEditedAndDeleted() {
        UUID training = training(Map.of("title", "Fire safety", "timeZone", "Europe/Berlin"));
        Instant startsAt = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(10)).plus(Duration.ofHours(7));

        JsonNode added = call(HttpMethod.POST, admin, "/api/v1/trainings/" + training + "/sessions",
                        Map.of("startsAt", startsAt.toString(), "endsAt", startsAt.plus(Duration.ofHours(3)).toString(),
                                "location", "Hall A", "capacity", 12))
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String session = added.get("id").asString();
        assertThat(Instant.parse(added.get("startsAt").asString())).isEqualTo(startsAt);
        assertThat(LocalDateTime.parse(added.get("localStartsAt").asString()))
                .as("in the training's time zone")
                .isEqualTo(LocalDateTime.ofInstant(startsAt, ZoneId.of("Europe/Berlin")));
        assertThat(added.get("capacity").asInt()).isEqualTo(12);
        assertThat(added.get("seatsLeft").asInt()).isEqualTo(12);

        tenants.patch(admin, "/api/v1/trainings/" + training + "/sessions/" + session,
                        Map.of("location", "Hall B", "capacity", 20))
                .expectStatus().isOk();
        JsonNode edited = sessions(training).get(0);
        assertThat(edited.get("location").asString()).isEqualTo("Hall B");
        assertThat(edited.get("capacity").asInt()).isEqualTo(20);
        assertThat(Instant.parse(edited.get("endsAt").asString())).as("not sent, so kept")
                .isEqualTo(startsAt.plus(Duration.ofHours(3)));

        call(HttpMethod.DELETE, admin, "/api/v1/trainings/" + training + "/sessions/" + session, null)
                .expectStatus().isNoContent();
        assertThat(sessions(training).isEmpty()).isTrue();
    }

    @Test
    void theTrainingListIsPagedNewestFirst() {
        for (String title : List.of("Alpha", "Beta", "Gamma")) {
            training(Map.of("title", title));
            clock.advance(Duration.ofSeconds(1));
        }

        JsonNode first = tenants.get(admin, "/api/v1/trainings?page=0&size=2");
        assertThat(titles(first.get("items"))).containsExactly("Gamma", "Beta");
        assertThat(first.get("page").get("number").asInt()).isEqualTo(0);
        assertThat(first.get("page").get("size").asInt()).isEqualTo(2);
        assertThat(first.get("page").get("totalElements").asLong()).isEqualTo(3);
        assertThat(first.get("page").get("totalPages").asInt()).isEqualTo(2);

        JsonNode second = tenants.get(admin, "/api/v1/trainings?page=1&size=2");
        assertThat(titles(second.get("items"))).containsExactly("Alpha");
        assertThat(second.get("page").get("number").asInt()).isEqualTo(1);
    }

    // Registration restrictions

    @Test
    void someoneHoldingBothEnrollPermissionsSetsRegistrationRestrictionsWithoutManagingTrainings() {
        UUID training = training(Map.of("title", "Negotiation"));
        Person enroller = colleague("enroller", Permission.TRAININGS_VIEW_USERS_AND_ENROLL, Permission.TRAININGS_ENROLL_USERS);

        call(HttpMethod.PUT, enroller, "/api/v1/trainings/" + training + "/registration-restrictions",
                        Map.of("stopRegistrationBefore", Map.of("amount", 2, "unit", "DAYS"),
                                "stopCancellationBefore", Map.of("amount", 36, "unit", "HOURS")))
                .expectStatus().isOk();

        JsonNode reread = show(training);
        assertThat(reread.get("stopRegistrationBefore").get("amount").asInt()).isEqualTo(2);
        assertThat(reread.get("stopRegistrationBefore").get("unit").asString()).isEqualTo("DAYS");
        assertThat(reread.get("stopCancellationBefore").get("amount").asInt()).isEqualTo(36);
        assertThat(reread.get("stopCancellationBefore").get("unit").asString()).isEqualTo("HOURS");
    }

    @Test
    void registrationRestrictionsNeedBothEnrollPermissions() {
        UUID training = training(Map.of("title", "Negotiation"));
        Map<String, ?> restrictions = Map.of("stopRegistrationBefore", Map.of("amount", 1, "unit", "WEEKS"));

        for (Permission only : List.of(Permission.TRAININGS_VIEW_USERS_AND_ENROLL, Permission.TRAININGS_ENROLL_USERS)) {
            Person half = colleague("half", only, Permission.TRAININGS_MANAGE);
            problem(call(HttpMethod.PUT, half, "/api/v1/trainings/" + training + "/registration-restrictions",
                    restrictions), 403, "forbidden");
        }

        assertThat(show(training).get("stopRegistrationBefore").isNull()).as("nothing changed").isTrue();
    }

    @Test
    void aTrainingManagerWithoutEnrollPermissionsCannotCreateATrainingWithRestrictions() {
        Person manager = colleague("manager", Permission.TRAININGS_MANAGE);

        call(HttpMethod.POST, manager, "/api/v1/trainings", Map.of("title", "Plain")).expectStatus().isCreated();
        problem(call(HttpMethod.POST, manager, "/api/v1/trainings", Map.of("title", "Restricted",
                "stopCancellationBefore", Map.of("amount", 1, "unit", "DAYS"))), 403, "forbidden");

        assertThat(titles(tenants.get(admin, "/api/v1/trainings").get("items"))).containsExactly("Plain");
    }

    @Test
    void anAdministratorCreatesATrainingWithRegistrationRestrictions() {
        JsonNode created = tenants.training(admin, Map.of("title", "Restricted",
                "stopRegistrationBefore", Map.of("amount", 3, "unit", "DAYS"),
                "stopCancellationBefore", Map.of("amount", 1, "unit", "MONTHS")));

        JsonNode reread = show(UUID.fromString(created.get("id").asString()));
        assertThat(reread.get("stopRegistrationBefore").get("amount").asInt()).isEqualTo(3);
        assertThat(reread.get("stopRegistrationBefore").get("unit").asString()).isEqualTo("DAYS");
        assertThat(reread.get("stopCancellationBefore").get("unit").asString()).isEqualTo("MONTHS");
    }

    // Bad input

    @Test
    void aSessionEndingBeforeItStartsIsRefused() {
        UUID training = training(Map.of("title", "Welding"));
        Instant startsAt = clock.instant().plus(Duration.ofDays(3));

        problem(call(HttpMethod.POST, admin, "/api/v1/trainings/" + training + "/sessions",
                Map.of("startsAt", startsAt.toString(), "endsAt", startsAt.minus(Duration.ofHours(1)).toString(),
                        "capacity", 5)), 400, "invalid-session");
        assertThat(sessions(training).isEmpty()).as("nothing added").isTrue();

        UUID session = tenants.session(admin, training, startsAt, 5);
        problem(tenants.patch(admin, "/api/v1/trainings/" + training + "/sessions/" + session,
                Map.of("endsAt", startsAt.toString())), 400, "invalid-session");
        assertThat(Instant.parse(sessions(training).get(0).get("endsAt").asString())).as("nothing changed")
                .isEqualTo(startsAt.plus(Duration.ofHours(2)));
    }

    @Test
    void aSessionNeedsAtLeastOneSeat() {
        UUID training = training(Map.of("title", "Welding"));
        Instant startsAt = clock.instant().plus(Duration.ofDays(3));

        for (int capacity : List.of(0, -3)) {
            problem(call(HttpMethod.POST, admin, "/api/v1/trainings/" + training + "/sessions",
                    Map.of("startsAt", startsAt.toString(), "endsAt", startsAt.plus(Duration.ofHours(1)).toString(),
                            "capacity", capacity)), 400, "validation-failed");
        }
        assertThat(sessions(training).isEmpty()).as("nothing added").isTrue();

        UUID session = tenants.session(admin, training, startsAt, 5);
        problem(tenants.patch(admin, "/api/v1/trainings/" + training + "/sessions/" + session,
                Map.of("capacity", 0)), 400, "validation-failed");
        assertThat(sessions(training).get(0).get("capacity").asInt()).as("nothing changed").isEqualTo(5);
    }

    @Test
    void anUnknownOffsetUnitIsAMalformedRequest() {
        UUID training = training(Map.of("title", "Negotiation"));

        problem(call(HttpMethod.PUT, admin, "/api/v1/trainings/" + training + "/registration-restrictions",
                Map.of("stopRegistrationBefore", Map.of("amount", 1, "unit", "YEARS"))), 400, "malformed-request");
        problem(call(HttpMethod.POST, admin, "/api/v1/trainings", Map.of("title", "Yearly",
                "stopRegistrationBefore", Map.of("amount", 1, "unit", "YEARS"))), 400, "malformed-request");

        assertThat(show(training).get("stopRegistrationBefore").isNull()).as("nothing changed").isTrue();
        assertThat(titles(tenants.get(admin, "/api/v1/trainings").get("items"))).as("nothing created")
                .containsExactly("Negotiation");
    }

    @Test
    void aValueOfTheWrongTypeIsAMalformedRequest() {
        UUID training = training(Map.of("title", "Welding"));
        Instant startsAt = clock.instant().plus(Duration.ofDays(3));

        problem(call(HttpMethod.POST, admin, "/api/v1/trainings/" + training + "/sessions",
                Map.of("startsAt", startsAt.toString(), "endsAt", startsAt.plus(Duration.ofHours(1)).toString(),
                        "capacity", "ten")), 400, "malformed-request");

        assertThat(sessions(training).isEmpty()).as("nothing added").isTrue();
    }

    @Test
    void aTrainingNeedsATitleThatIsNotBlank() {
        UUID training = training(Map.of("title", "Keeper"));

        JsonNode missing = problem(call(HttpMethod.POST, admin, "/api/v1/trainings", Map.of("description", "No title")),
                400, "validation-failed");
        assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("title");
        problem(call(HttpMethod.POST, admin, "/api/v1/trainings", Map.of("title", "   ")), 400, "validation-failed");
        problem(tenants.patch(admin, "/api/v1/trainings/" + training, Map.of("title", "   ")), 400, "validation-failed");
        problem(tenants.patch(admin, "/api/v1/trainings/" + training, Map.of("title", "")), 400, "validation-failed");

        assertThat(titles(tenants.get(admin, "/api/v1/trainings").get("items"))).as("nothing created or renamed")
                .containsExactly("Keeper");
    }

    @Test
    void anInvalidTimeZoneIsRefused() {
        UUID training = training(Map.of("title", "Keeper", "timeZone", "Europe/Paris"));

        problem(call(HttpMethod.POST, admin, "/api/v1/trainings",
                Map.of("title", "On Mars", "timeZone", "Mars/Olympus_Mons")), 400, "invalid-time-zone");
        problem(tenants.patch(admin, "/api/v1/trainings/" + training, Map.of("timeZone", "Not/AZone")),
                400, "invalid-time-zone");

        assertThat(show(training).get("timeZone").asString()).as("nothing changed").isEqualTo("Europe/Paris");
        assertThat(titles(tenants.get(admin, "/api/v1/trainings").get("items"))).as("nothing created")
                .containsExactly("Keeper");
    }

    @Test
    void aPageLargerThanTheLimitIsRefused() {
        UUID training = training(Map.of("title", "Keeper"));

        problem(call(HttpMethod.GET, admin, "/api/v1/trainings?size=" + (Page.MAX_SIZE + 1), null),
                400, "invalid-page");
        problem(call(HttpMethod.GET, admin, "/api/v1/trainings/" + training + "/participants?size="
                + (Page.MAX_SIZE + 1), null), 400, "invalid-page");
    }

    // Permissions and accounts

    @Test
    void anotherAccountsTrainingDoesNotExistForItsAdministrator() {
        UUID training = training(Map.of("title", "Ours"));
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(3)), 5);
        Person ours = learner("ours");
        enroll(training, session, ours).expectStatus().isOk();
        Tenant other = tenants.create();
        Person stranger = other.admin();
        Person theirs = tenants.person(other.accountId(), "theirs", UserStatus.ACTIVE);
        String base = "/api/v1/trainings/" + training;

        problem(call(HttpMethod.GET, stranger, base, null), 404, "not-found");
        problem(tenants.patch(stranger, base, Map.of("title", "Theirs now")), 404, "not-found");
        problem(call(HttpMethod.PUT, stranger, base + "/registration-restrictions",
                Map.of("stopRegistrationBefore", Map.of("amount", 1, "unit", "DAYS"))), 404, "not-found");
        problem(call(HttpMethod.GET, stranger, base + "/sessions", null), 404, "not-found");
        problem(call(HttpMethod.POST, stranger, base + "/sessions", Map.of("startsAt", clock.instant().toString(),
                "endsAt", clock.instant().plus(Duration.ofHours(1)).toString(), "capacity", 3)), 404, "not-found");
        problem(tenants.patch(stranger, base + "/sessions/" + session, Map.of("capacity", 50)), 404, "not-found");
        problem(call(HttpMethod.DELETE, stranger, base + "/sessions/" + session, null), 404, "not-found");
        problem(call(HttpMethod.GET, stranger, base + "/participants", null), 404, "not-found");
        problem(enrollAs(stranger, training, session, theirs), 404, "not-found");
        problem(call(HttpMethod.DELETE, stranger, base + "/participants/" + ours.id(), null), 404, "not-found");
        problem(call(HttpMethod.DELETE, stranger, base, null), 404, "not-found");

        JsonNode reread = show(training);
        assertThat(reread.get("title").asString()).as("nothing changed").isEqualTo("Ours");
        assertThat(reread.get("stopRegistrationBefore").isNull()).isTrue();
        assertThat(reread.get("sessions").get(0).get("capacity").asInt()).isEqualTo(5);
        assertThat(participants(training)).extracting(p -> p.get("userId").asString()).containsExactly(ours.id().toString());
    }

    @Test
    void aLearnerWithoutPermissionsIsForbiddenTheAdministration() {
        UUID training = training(Map.of("title", "Admins only"));
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(3)), 5);
        Person learner = learner("plain");
        String base = "/api/v1/trainings/" + training;

        problem(call(HttpMethod.POST, learner, "/api/v1/trainings", Map.of("title", "Mine")), 403, "forbidden");
        problem(call(HttpMethod.GET, learner, "/api/v1/trainings", null), 403, "forbidden");
        problem(call(HttpMethod.GET, learner, base, null), 403, "forbidden");
        problem(tenants.patch(learner, base, Map.of("title", "Renamed")), 403, "forbidden");
        problem(call(HttpMethod.POST, learner, base + "/sessions", Map.of("startsAt", clock.instant().toString(),
                "endsAt", clock.instant().plus(Duration.ofHours(1)).toString(), "capacity", 3)), 403, "forbidden");
        problem(tenants.patch(learner, base + "/sessions/" + session, Map.of("capacity", 1)), 403, "forbidden");
        problem(call(HttpMethod.GET, learner, base + "/participants", null), 403, "forbidden");
        problem(enrollAs(learner, training, session, learner), 403, "forbidden");

        JsonNode reread = show(training);
        assertThat(reread.get("title").asString()).isEqualTo("Admins only");
        assertThat(reread.get("sessions").get(0).get("capacity").asInt()).isEqualTo(5);
        assertThat(participants(training)).isEmpty();
    }

    // Capacity

    @Test
    void capacityCannotBeLoweredBelowTheSeatedParticipants() {
        UUID training = training(Map.of("title", "Forklift"));
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(3)), 3);
        enroll(training, session, learner("a"), learner("b")).expectStatus().isOk();

        JsonNode refused = problem(tenants.patch(admin, "/api/v1/trainings/" + training + "/sessions/" + session,
                Map.of("capacity", 1)), 409, "capacity-below-enrolled");

        assertThat(refused.get("enrolled").asInt()).isEqualTo(2);
        assertThat(sessions(training).get(0).get("capacity").asInt()).as("nothing changed").isEqualTo(3);
        tenants.patch(admin, "/api/v1/trainings/" + training + "/sessions/" + session, Map.of("capacity", 2))
                .expectStatus().isOk();
    }

    @Test
    void raisingCapacitySeatsTheFirstLearnersOnTheWaitlist() {
        UUID training = training(Map.of("title", "Forklift"));
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(3)), 1);
        Person anna = learner("anna");
        Person ben = learner("ben");
        Person cleo = learner("cleo");
        Person dan = learner("dan");
        JsonNode enrolled = enroll(training, session, anna, ben, cleo, dan).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(ids(enrolled.get("waitlisted"))).containsExactly(ben.id().toString(), cleo.id().toString(), dan.id().toString());

        JsonNode raised = tenants.patch(admin, "/api/v1/trainings/" + training + "/sessions/" + session, Map.of("capacity", 3))
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(raised.get("enrolled").asInt()).isEqualTo(3);
        assertThat(raised.get("waitlisted").asInt()).isEqualTo(1);
        assertThat(myTraining(ben, training).get("status").asString()).isEqualTo("ENROLLED");
        assertThat(myTraining(cleo, training).get("status").asString()).isEqualTo("ENROLLED");
        JsonNode dansPlace = myTraining(dan, training);
        assertThat(dansPlace.get("status").asString()).isEqualTo("WAITLISTED");
        assertThat(dansPlace.get("waitlistPosition").asInt()).isEqualTo(1);
    }

    // Participants

    @Test
    void enrollingSkipsUnknownForeignInactiveEndedAndAlreadyEnrolledUsers() {
        UUID training = training(Map.of("title", "Compliance"));
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(3)), 10);
        Person fresh = learner("fresh");
        Person already = learner("already");
        Person inactive = tenants.person(tenant.accountId(), "inactive", UserStatus.INACTIVE);
        Person ended = tenants.person(tenant.accountId(), "ended", UserStatus.EMPLOYMENT_ENDED);
        Person foreign = tenants.person(tenants.create().accountId(), "foreign", UserStatus.ACTIVE);
        UUID unknown = UUID.randomUUID();
        enroll(training, session, already).expectStatus().isOk();

        JsonNode outcome = call(HttpMethod.POST, admin, "/api/v1/trainings/" + training + "/participants",
                        Map.of("userIds", List.of(fresh.id(), unknown, foreign.id(), inactive.id(), ended.id(), already.id()),
                                "sessionId", session))
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(ids(outcome.get("applied"))).containsExactly(fresh.id().toString());
        assertThat(ids(outcome.get("waitlisted"))).isEmpty();
        List<JsonNode> skipped = new ArrayList<>();
        outcome.get("skipped").forEach(skipped::add);
        assertThat(skipped).extracting(s -> s.get("userId").asString(), s -> s.get("reason").asString()).containsExactly(
                tuple(unknown.toString(), "NOT_FOUND"),
                tuple(foreign.id().toString(), "NOT_FOUND"),
                tuple(inactive.id().toString(), "NOT_ACTIVE"),
                tuple(ended.id().toString(), "NOT_ACTIVE"),
                tuple(already.id().toString(), "ALREADY_ENROLLED"));
        assertThat(participants(training)).extracting(p -> p.get("userId").asString())
                .containsExactlyInAnyOrder(fresh.id().toString(), already.id().toString());
    }

    @Test
    void anAdministratorEnrollsParticipantsWithoutASession() {
        UUID training = training(Map.of("title", "Onboarding", "sessionSelection", "PRESET"));
        Person learner = learner("newbie");

        JsonNode outcome = call(HttpMethod.POST, admin, "/api/v1/trainings/" + training + "/participants",
                        Map.of("userIds", List.of(learner.id())))
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(ids(outcome.get("applied"))).containsExactly(learner.id().toString());
        JsonNode participant = participants(training).get(0);
        assertThat(participant.get("userId").asString()).isEqualTo(learner.id().toString());
        assertThat(participant.get("status").asString()).isEqualTo("ENROLLED");
        assertThat(participant.get("sessionId").isNull()).isTrue();
    }

    @Test
    void removingAParticipantSeatsTheFirstInLine() {
        UUID training = training(Map.of("title", "Forklift"));
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(3)), 1);
        Person anna = learner("anna");
        Person ben = learner("ben");
        Person cleo = learner("cleo");
        enroll(training, session, anna, ben, cleo).expectStatus().isOk();

        call(HttpMethod.DELETE, admin, "/api/v1/trainings/" + training + "/participants/" + anna.id(), null)
                .expectStatus().isNoContent();

        assertThat(participants(training))
                .extracting(p -> p.get("userId").asString(), p -> p.get("status").asString(), p -> p.get("waitlistPosition").asInt())
                .containsExactly(
                        tuple(ben.id().toString(), "ENROLLED", 0),
                        tuple(cleo.id().toString(), "WAITLISTED", 1));
        JsonNode removed = tenants.get(admin, "/api/v1/trainings/{id}/participants?status=REMOVED", training);
        assertThat(removed.get("items").get(0).get("userId").asString()).isEqualTo(anna.id().toString());
    }

    @Test
    void aParticipantMovedToAnotherSessionLeavesTheirSeatToTheFirstInLine() {
        UUID training = training(Map.of("title", "Onboarding", "sessionSelection", "PRESET"));
        UUID monday = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(3)), 1);
        UUID friday = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(7)), 5);
        Person anna = learner("anna");
        Person ben = learner("ben");
        enroll(training, monday, anna, ben).expectStatus().isOk();

        JsonNode moved = call(HttpMethod.PUT, admin, "/api/v1/trainings/" + training + "/participants/" + anna.id() + "/session",
                        Map.of("sessionId", friday))
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(moved.get("sessionId").asString()).isEqualTo(friday.toString());
        assertThat(moved.get("status").asString()).isEqualTo("ENROLLED");
        JsonNode bensPlace = participants(training).stream()
                .filter(p -> p.get("userId").asString().equals(ben.id().toString())).findFirst().orElseThrow();
        assertThat(bensPlace.get("sessionId").asString()).isEqualTo(monday.toString());
        assertThat(bensPlace.get("status").asString()).isEqualTo("ENROLLED");
    }

    @Test
    void theParticipantListShowsNamesStatusesAndWaitlistPositions() {
        UUID training = training(Map.of("title", "Forklift"));
        UUID session = tenants.session(admin, training, clock.instant().plus(Duration.ofDays(3)), 1);
        Person anna = learner("anna");
        Person ben = learner("ben");
        Person cleo = learner("cleo");
        enroll(training, session, anna, ben, cleo).expectStatus().isOk();

        JsonNode list = tenants.get(admin, "/api/v1/trainings/{id}/participants", training);

        assertThat(list.get("page").get("totalElements").asLong()).isEqualTo(3);
        List<JsonNode> items = new ArrayList<>();
        list.get("items").forEach(items::add);
        assertThat(items).extracting(p -> p.get("firstName").asString(), p -> p.get("lastName").asString(),
                        p -> p.get("status").asString(), p -> p.get("waitlistPosition").asInt())
                .containsExactly(
                        tuple("anna", "Tester", "ENROLLED", 0),
                        tuple("ben", "Tester", "WAITLISTED", 1),
                        tuple("cleo", "Tester", "WAITLISTED", 2));
    }

    // Attendance and status

    @Test
    void attendanceCannotBeMarkedBeforeTheSessionStarts() {
        UUID training = training(Map.of("title", "First aid"));
        Instant startsAt = clock.instant().plus(Duration.ofDays(1));
        UUID session = tenants.session(admin, training, startsAt, 5);
        Person learner = learner("early");
        enroll(training, session, learner).expectStatus().isOk();

        problem(attendance(training, learner, "ATTENDED"), 409, "session-not-started");
        assertThat(participants(training).get(0).get("attendance").isNull()).as("nothing marked").isTrue();

        clock.set(startsAt);
        attendance(training, learner, "ATTENDED").expectStatus().isOk()
                .expectBody().jsonPath("$.attendance").isEqualTo("ATTENDED");
    }

    @Test
    void aTrainingIsNotStartedThenInProgressThenAwaitingAttendanceUntilEverySeatedParticipantIsMarked() {
        UUID training = training(Map.of("title", "First aid"));
        Instant startsAt = clock.instant().plus(Duration.ofDays(1));
        UUID session = tenants.session(admin, training, startsAt, 2);
        Person anna = learner("anna");
        Person ben = learner("ben");
        Person waiting = learner("waiting");
        enroll(training, session, anna, ben, waiting).expectStatus().isOk();

        assertThat(status(training)).isEqualTo("NOT_STARTED");

        clock.set(startsAt.plus(Duration.ofHours(1)));
        assertThat(status(training)).isEqualTo("IN_PROGRESS");

        clock.set(startsAt.plus(Duration.ofHours(2)));
        assertThat(status(training)).isEqualTo("AWAITING_ATTENDANCE");

        attendance(training, anna, "ATTENDED").expectStatus().isOk();
        assertThat(status(training)).as("ben is not marked yet").isEqualTo("AWAITING_ATTENDANCE");

        attendance(training, ben, "ABSENT").expectStatus().isOk();
        assertThat(status(training)).as("the waitlisted learner needs no mark").isEqualTo("COMPLETED");
    }

    private UUID training(Map<String, ?> body) {
        return UUID.fromString(tenants.training(admin, body).get("id").asString());
    }

    private JsonNode show(UUID training) {
        return tenants.get(admin, "/api/v1/trainings/{id}", training);
    }

    private String status(UUID training) {
        return show(training).get("status").asString();
    }

    private JsonNode sessions(UUID training) {
        return tenants.get(admin, "/api/v1/trainings/{id}/sessions", training);
    }

    private List<JsonNode> participants(UUID training) {
        List<JsonNode> items = new ArrayList<>();
        tenants.get(admin, "/api/v1/trainings/{id}/participants", training).get("items").forEach(items::add);
        return items;
    }

    private Person learner(String name) {
        return tenants.person(tenant.accountId(), name, UserStatus.ACTIVE);
    }

    private Person colleague(String name, Permission... permissions) {
        return tenants.person(tenant.accountId(), name, UserStatus.ACTIVE, permissions);
    }

    private JsonNode myTraining(Person learner, UUID training) {
        return tenants.get(learner, "/api/v1/me/trainings/{id}", training);
    }

    /** The tenant's administrator enrolls {@code learners} into {@code session}, in this order. */
    private WebTestClient.ResponseSpec enroll(UUID training, UUID session, Person... learners) {
        return enrollAs(admin, training, session, learners);
    }

    private WebTestClient.ResponseSpec enrollAs(Person caller, UUID training, UUID session, Person... learners) {
        List<UUID> userIds = Arrays.stream(learners).map(Person::id).toList();
        return call(HttpMethod.POST, caller, "/api/v1/trainings/" + training + "/participants",
                Map.of("userIds", userIds, "sessionId", session));
    }

    private WebTestClient.ResponseSpec attendance(UUID training, Person learner, String attendance) {
        return call(HttpMethod.PUT, admin, "/api/v1/trainings/" + training + "/participants/" + learner.id() + "/attendance",
                Map.of("attendance", attendance));
    }

    private WebTestClient.ResponseSpec call(HttpMethod method, Person caller, String uri, Object body) {
        WebTestClient.RequestBodySpec request = http.method(method).uri(uri)
                .headers(headers -> headers.setBearerAuth(caller.token()));
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Asserts an {@code application/problem+json} answer of {@code status} typed {@code slug}; returns its body. */
    private static JsonNode problem(WebTestClient.ResponseSpec response, int status, String slug) {
        JsonNode problem = response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("type").asString()).isEqualTo("https://roster.dev/problems/" + slug);
        return problem;
    }

    private static List<String> titles(JsonNode items) {
        List<String> titles = new ArrayList<>();
        items.forEach(item -> titles.add(item.get("title").asString()));
        return titles;
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asString()));
        return ids;
    }
}
