package dev.roster.trainings.course;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Courses and programs through the API: creating, assigning to active learners, progress and completion. */
@TrainingServiceTest
class CourseTest {

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

    @Test
    void anAdministratorCreatesACourse() {
        JsonNode created = call(HttpMethod.POST, admin, "/api/v1/courses",
                        Map.of("title", "  Data protection  ", "description", "GDPR in practice"))
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", ".*/api/v1/courses/[0-9a-f-]{36}")
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        JsonNode course = tenants.get(admin, "/api/v1/courses/{id}", created.get("id").asString());
        assertThat(course.get("title").asString()).isEqualTo("Data protection");
        assertThat(course.get("description").asString()).isEqualTo("GDPR in practice");
        assertThat(tenants.get(admin, "/api/v1/courses").get("page").get("totalElements").asLong()).isEqualTo(1);
    }

    @Test
    void aProgramKeepsItsCoursesInTheOrderGiven() {
        UUID basics = course("Basics");
        UUID advanced = course("Advanced");
        UUID expert = course("Expert");

        UUID program = program("Career path", expert, basics, advanced);

        assertThat(ids(tenants.get(admin, "/api/v1/programs/{id}", program).get("courseIds")))
                .containsExactly(expert.toString(), basics.toString(), advanced.toString());
    }

    @Test
    void aProgramWithAnUnknownOrForeignCourseIsRefused() {
        UUID basics = course("Basics");
        Person otherAdmin = tenants.create().admin();
        UUID foreign = UUID.fromString(call(HttpMethod.POST, otherAdmin, "/api/v1/courses", Map.of("title", "Theirs"))
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString());

        expectProblem(call(HttpMethod.POST, admin, "/api/v1/programs",
                Map.of("title", "Broken", "courseIds", List.of(basics, UUID.randomUUID()))), 400, "unknown-course");
        expectProblem(call(HttpMethod.POST, admin, "/api/v1/programs",
                Map.of("title", "Borrowed", "courseIds", List.of(basics, foreign))), 400, "unknown-course");

        assertThat(tenants.get(admin, "/api/v1/programs").get("page").get("totalElements").asLong())
                .as("nothing created").isZero();
    }

    @Test
    void assigningAProgramAssignsItsCoursesToo() {
        UUID basics = course("Basics");
        UUID advanced = course("Advanced");
        UUID program = program("Career path", basics, advanced);
        Person learner = learner("lea");

        JsonNode outcome = assign("programs", program, admin, learner.id()).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(ids(outcome.get("applied"))).containsExactly(learner.id().toString());
        JsonNode programs = tenants.get(learner, "/api/v1/me/programs");
        assertThat(programs.size()).isEqualTo(1);
        assertThat(programs.get(0).get("programId").asString()).isEqualTo(program.toString());
        assertThat(programs.get(0).get("status").asString()).isEqualTo("ASSIGNED");
        assertThat(mine(learner, "courses"))
                .extracting(a -> a.get("courseId").asString(), a -> a.get("status").asString(), a -> a.get("progress").asInt())
                .containsExactlyInAnyOrder(
                        tuple(basics.toString(), "ASSIGNED", 0),
                        tuple(advanced.toString(), "ASSIGNED", 0));
    }

    @Test
    void onlyActiveUsersOfTheAccountAreAssignedAndEachOnlyOnce() {
        UUID course = course("Safety");
        Person active = learner("active");
        Person inactive = tenants.person(tenant.accountId(), "inactive", UserStatus.INACTIVE);
        Person ended = tenants.person(tenant.accountId(), "ended", UserStatus.EMPLOYMENT_ENDED);
        Person foreign = tenants.person(tenants.create().accountId(), "foreign", UserStatus.ACTIVE);
        UUID unknown = UUID.randomUUID();

        JsonNode outcome = assign("courses", course, admin, active.id(), inactive.id(), ended.id(), unknown, foreign.id())
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(ids(outcome.get("applied"))).containsExactly(active.id().toString());
        assertThat(skipped(outcome)).containsExactly(
                tuple(inactive.id().toString(), "NOT_ACTIVE"),
                tuple(ended.id().toString(), "NOT_ACTIVE"),
                tuple(unknown.toString(), "NOT_FOUND"),
                tuple(foreign.id().toString(), "NOT_FOUND"));
        assertThat(mine(inactive, "courses")).isEmpty();
        assertThat(mine(ended, "courses")).isEmpty();

        JsonNode twice = assign("courses", course, admin, active.id()).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(ids(twice.get("applied"))).isEmpty();
        assertThat(skipped(twice)).containsExactly(tuple(active.id().toString(), "ALREADY_ASSIGNED"));
        assertThat(mine(active, "courses")).hasSize(1);
    }

    @Test
    void courseProgressMovesForwardOnlyAndCompletesAtOneHundred() {
        UUID course = course("Safety");
        Person learner = learner("lea");
        assign("courses", course, admin, learner.id()).expectStatus().isOk();

        JsonNode started = progress(learner, course, 40).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(started.get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(started.get("progress").asInt()).isEqualTo(40);

        JsonNode backwards = progress(learner, course, 20).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(backwards.get("progress").asInt()).as("never backwards").isEqualTo(40);

        JsonNode completed = progress(learner, course, 100).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(completed.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(completed.get("completedAt").isNull()).isFalse();

        progress(learner, course, 10).expectStatus().isOk();
        JsonNode after = mine(learner, "courses").get(0);
        assertThat(after.get("status").asString()).as("a completed course stays completed").isEqualTo("COMPLETED");
        assertThat(after.get("progress").asInt()).isEqualTo(100);
    }

    @Test
    void aProgramsProgressIsTheMeanOfItsCoursesAndItCompletesWithTheLastOne() {
        UUID basics = course("Basics");
        UUID advanced = course("Advanced");
        UUID program = program("Career path", basics, advanced);
        Person learner = learner("lea");
        assign("programs", program, admin, learner.id()).expectStatus().isOk();

        progress(learner, basics, 100).expectStatus().isOk();
        assertThat(myProgram(learner).get("progress").asInt()).isEqualTo(50);
        assertThat(myProgram(learner).get("status").asString()).isEqualTo("IN_PROGRESS");

        progress(learner, advanced, 50).expectStatus().isOk();
        assertThat(myProgram(learner).get("progress").asInt()).isEqualTo(75);

        progress(learner, advanced, 100).expectStatus().isOk();
        assertThat(myProgram(learner).get("progress").asInt()).isEqualTo(100);
        assertThat(myProgram(learner).get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void coursesAndProgramsRecordWhenTheyStartedAndWhenTheyCompleted() {
        UUID basics = course("Basics");
        UUID advanced = course("Advanced");
        UUID program = program("Career path", basics, advanced);
        Person learner = learner("lea");
        assign("programs", program, admin, learner.id()).expectStatus().isOk();
        Instant started = clock.instant();

        JsonNode basicsStarted = progress(learner, basics, 60).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(instant(basicsStarted, "startedAt")).isEqualTo(started);
        assertThat(basicsStarted.get("completedAt").isNull()).isTrue();
        assertThat(instant(myProgram(learner), "startedAt")).isEqualTo(started);
        assertThat(myProgram(learner).get("completedAt").isNull()).isTrue();

        clock.advance(Duration.ofHours(1));
        progress(learner, basics, 100).expectStatus().isOk();
        clock.advance(Duration.ofHours(1));
        Instant completed = clock.instant();
        progress(learner, advanced, 100).expectStatus().isOk();

        JsonNode done = myProgram(learner);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(instant(done, "startedAt")).as("kept from its first course's start").isEqualTo(started);
        assertThat(instant(done, "completedAt")).as("when its last course completed").isEqualTo(completed);
        assertThat(mine(learner, "courses"))
                .extracting(a -> a.get("courseId").asString(), a -> instant(a, "startedAt"), a -> instant(a, "completedAt"))
                .containsExactlyInAnyOrder(
                        tuple(basics.toString(), started, started.plus(Duration.ofHours(1))),
                        tuple(advanced.toString(), completed, completed));
    }

    @Test
    void progressOnACourseNotAssignedIsNotFound() {
        UUID assigned = course("Assigned");
        UUID other = course("Not assigned");
        Person learner = learner("lea");
        assign("courses", assigned, admin, learner.id()).expectStatus().isOk();

        expectProblem(progress(learner, other, 50), 404, "not-found");

        assertThat(mine(learner, "courses")).extracting(a -> a.get("courseId").asString())
                .as("nothing assigned by it").containsExactly(assigned.toString());
    }

    @Test
    void progressOutsideZeroToOneHundredIsRefused() {
        UUID course = course("Safety");
        Person learner = learner("lea");
        assign("courses", course, admin, learner.id()).expectStatus().isOk();

        expectProblem(progress(learner, course, 101), 400, "validation-failed");
        expectProblem(progress(learner, course, -1), 400, "validation-failed");

        JsonNode unchanged = mine(learner, "courses").get(0);
        assertThat(unchanged.get("progress").asInt()).isZero();
        assertThat(unchanged.get("status").asString()).isEqualTo("ASSIGNED");
    }

    @Test
    void creatingCoursesAndProgramsNeedsTheManagePermission() {
        Person enroller = colleague("enroller", Permission.TRAININGS_ENROLL_USERS, Permission.TRAININGS_VIEW_USERS_AND_ENROLL);

        expectProblem(call(HttpMethod.POST, enroller, "/api/v1/courses", Map.of("title", "Mine")), 403, "forbidden");
        expectProblem(call(HttpMethod.POST, enroller, "/api/v1/programs", Map.of("title", "Mine")), 403, "forbidden");

        assertThat(tenants.get(admin, "/api/v1/courses").get("page").get("totalElements").asLong()).isZero();
        assertThat(tenants.get(admin, "/api/v1/programs").get("page").get("totalElements").asLong()).isZero();
    }

    @Test
    void assigningNeedsAnEnrollPermission() {
        UUID course = course("Safety");
        Person learner = learner("lea");
        Person manager = colleague("manager", Permission.TRAININGS_MANAGE);
        Person enroller = colleague("enroller", Permission.TRAININGS_ENROLL_USERS);

        expectProblem(assign("courses", course, manager, learner.id()), 403, "forbidden");
        assertThat(mine(learner, "courses")).as("nothing assigned").isEmpty();

        assign("courses", course, enroller, learner.id()).expectStatus().isOk();
        assertThat(mine(learner, "courses")).hasSize(1);
    }

    @Test
    void anotherAccountsCourseDoesNotExist() {
        UUID course = course("Ours");
        UUID program = program("Our path", course);
        Tenant other = tenants.create();
        Person stranger = other.admin();
        Person theirs = tenants.person(other.accountId(), "theirs", UserStatus.ACTIVE);

        expectProblem(call(HttpMethod.GET, stranger, "/api/v1/courses/" + course, null), 404, "not-found");
        expectProblem(call(HttpMethod.GET, stranger, "/api/v1/programs/" + program, null), 404, "not-found");
        expectProblem(assign("courses", course, stranger, theirs.id()), 404, "not-found");
        expectProblem(assign("programs", program, stranger, theirs.id()), 404, "not-found");
        expectProblem(call(HttpMethod.GET, stranger, "/api/v1/courses/" + course + "/assignments", null), 404, "not-found");
        expectProblem(progress(theirs, course, 50), 404, "not-found");

        assertThat(mine(theirs, "courses")).isEmpty();
        assertThat(tenants.get(stranger, "/api/v1/courses").get("items").isEmpty()).isTrue();
    }

    private UUID course(String title) {
        return created("/api/v1/courses", Map.of("title", title));
    }

    private UUID program(String title, UUID... courseIds) {
        return created("/api/v1/programs", Map.of("title", title, "courseIds", List.of(courseIds)));
    }

    private UUID created(String uri, Map<String, ?> body) {
        return UUID.fromString(call(HttpMethod.POST, admin, uri, body).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString());
    }

    private Person learner(String name) {
        return tenants.person(tenant.accountId(), name, UserStatus.ACTIVE);
    }

    private Person colleague(String name, Permission... permissions) {
        return tenants.person(tenant.accountId(), name, UserStatus.ACTIVE, permissions);
    }

    private WebTestClient.ResponseSpec assign(String kind, UUID id, Person caller, UUID... userIds) {
        return call(HttpMethod.POST, caller, "/api/v1/" + kind + "/" + id + "/assignments", Map.of("userIds", List.of(userIds)));
    }

    private WebTestClient.ResponseSpec progress(Person learner, UUID course, int progress) {
        return call(HttpMethod.PUT, learner, "/api/v1/me/courses/" + course + "/progress", Map.of("progress", progress));
    }

    private List<JsonNode> mine(Person learner, String kind) {
        List<JsonNode> items = new ArrayList<>();
        tenants.get(learner, "/api/v1/me/" + kind).forEach(items::add);
        return items;
    }

    private JsonNode myProgram(Person learner) {
        return mine(learner, "programs").get(0);
    }

    private WebTestClient.ResponseSpec call(HttpMethod method, Person caller, String uri, Object body) {
        WebTestClient.RequestBodySpec request = http.method(method).uri(uri)
                .headers(headers -> headers.setBearerAuth(caller.token()));
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static void expectProblem(WebTestClient.ResponseSpec response, int status, String slug) {
        JsonNode problem = response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("type").asString()).isEqualTo("https://roster.dev/problems/" + slug);
    }

    private static List<Tuple> skipped(JsonNode outcome) {
        List<Tuple> skipped = new ArrayList<>();
        outcome.get("skipped").forEach(s -> skipped.add(tuple(s.get("userId").asString(), s.get("reason").asString())));
        return skipped;
    }

    private static Instant instant(JsonNode assignment, String field) {
        return Instant.parse(assignment.get(field).asString());
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asString()));
        return ids;
    }
}
