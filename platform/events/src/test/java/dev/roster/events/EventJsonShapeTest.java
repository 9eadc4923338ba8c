package dev.roster.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.events.enrollment.Enrolled;
import dev.roster.events.enrollment.EnrollmentDropped;
import dev.roster.events.enrollment.SessionSnapshot;
import dev.roster.events.enrollment.SessionSwitched;
import dev.roster.events.enrollment.Unenrolled;
import dev.roster.events.enrollment.WaitlistPromoted;
import dev.roster.events.enrollment.Waitlisted;
import dev.roster.events.imports.ImportRowApplied;
import dev.roster.events.imports.ImportRowsApplied;
import dev.roster.events.imports.ImportRowSubmitted;
import dev.roster.events.imports.ImportRowsSubmitted;
import dev.roster.events.user.AccountChanged;
import dev.roster.events.user.DepartmentChanged;
import dev.roster.events.user.DepartmentDeleted;
import dev.roster.events.user.GroupChanged;
import dev.roster.events.user.GroupDeleted;
import dev.roster.events.user.GroupMembersChanged;
import dev.roster.events.user.PasswordChanged;
import dev.roster.events.user.SessionRevoked;
import dev.roster.events.user.UserAccessChanged;
import dev.roster.events.user.UserCreated;
import dev.roster.events.user.UserDeleted;
import dev.roster.events.user.UserInvited;
import dev.roster.events.user.UserProfile;
import dev.roster.events.user.UserStatus;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.events.user.UserUpdated;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pins the wire shape of every event: consumers in other services (and other languages) rely on
 * these names and formats. A failing test here means a breaking change, which needs a new type.
 */
class EventJsonShapeTest {

    static final UUID EVENT = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    static final UUID ACCOUNT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final UUID USER = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    static final UUID ADMIN = UUID.fromString("00000000-0000-0000-0000-0000000000b2");
    static final UUID DEPARTMENT = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    static final UUID ROLE = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    static final Instant AT = Instant.parse("2026-11-22T23:59:00Z");

    final EventJson json = new EventJson();

    static final UserProfile PROFILE = new UserProfile(USER, "agata.brown", "agata.brown@example.com", "Agata",
            "Brown", UserStatus.ACTIVE, null, DEPARTMENT, ADMIN, "Sales Manager", "en", List.of(ROLE));

    static final String PROFILE_JSON = """
            {"userId":"00000000-0000-0000-0000-0000000000b1","login":"agata.brown",
             "email":"agata.brown@example.com","firstName":"Agata","lastName":"Brown","status":"ACTIVE",
             "employmentEndedOn":null,"departmentId":"00000000-0000-0000-0000-0000000000d1",
             "supervisorId":"00000000-0000-0000-0000-0000000000b2","jobTitle":"Sales Manager","locale":"en",
             "roleIds":["00000000-0000-0000-0000-0000000000c1"],"phone":null}""";

    @Test
    void userCreatedShape() {
        assertShape(new UserCreated(PROFILE, ADMIN), "user.created", """
                {"user":%s,"actorId":"00000000-0000-0000-0000-0000000000b2"}""".formatted(PROFILE_JSON));
    }

    @Test
    void userUpdatedShape() {
        assertShape(new UserUpdated(PROFILE, List.of("jobTitle"), ADMIN), "user.updated", """
                {"user":%s,"changedFields":["jobTitle"],"actorId":"00000000-0000-0000-0000-0000000000b2"}"""
                .formatted(PROFILE_JSON));
    }

    @Test
    void userStatusChangedShape() {
        assertShape(new UserStatusChanged(USER, UserStatus.ACTIVE, UserStatus.EMPLOYMENT_ENDED, AT,
                LocalDate.of(2026, 11, 22), true, ADMIN), "user.status-changed", """
                {"userId":"00000000-0000-0000-0000-0000000000b1","previousStatus":"ACTIVE",
                 "status":"EMPLOYMENT_ENDED","effectiveAt":"2026-11-22T23:59:00Z",
                 "employmentEndedOn":"2026-11-22","scheduled":true,
                 "actorId":"00000000-0000-0000-0000-0000000000b2"}""");
    }

    @Test
    void userDeletedShape() {
        assertShape(new UserDeleted(USER, ADMIN), "user.deleted", """
                {"userId":"00000000-0000-0000-0000-0000000000b1","actorId":"00000000-0000-0000-0000-0000000000b2"}""");
    }

    @Test
    void userAccessChangedShape() {
        assertShape(new UserAccessChanged(USER, UserStatus.INACTIVE, AT), "user.access-changed", """
                {"userId":"00000000-0000-0000-0000-0000000000b1","status":"INACTIVE",
                 "tokensValidAfter":"2026-11-22T23:59:00Z"}""");
    }

    @Test
    void sessionRevokedShape() {
        assertShape(new SessionRevoked(USER, ADMIN, AT), "user.session-revoked", """
                {"userId":"00000000-0000-0000-0000-0000000000b1","sessionId":"00000000-0000-0000-0000-0000000000b2",
                 "expiresAt":"2026-11-22T23:59:00Z"}""");
    }

    @Test
    void departmentChangedShape() {
        assertShape(new DepartmentChanged(DEPARTMENT, null, "Sales", "My Company / Sales", List.of(ADMIN), ADMIN),
                "department.changed", """
                {"departmentId":"00000000-0000-0000-0000-0000000000d1","parentId":null,"name":"Sales",
                 "path":"My Company / Sales","supervisorIds":["00000000-0000-0000-0000-0000000000b2"],
                 "actorId":"00000000-0000-0000-0000-0000000000b2"}""");
    }

    @Test
    void departmentDeletedShape() {
        assertShape(new DepartmentDeleted(DEPARTMENT, ADMIN), "department.deleted", """
                {"departmentId":"00000000-0000-0000-0000-0000000000d1","actorId":"00000000-0000-0000-0000-0000000000b2"}""");
    }

    @Test
    void passwordChangedShape() {
        assertShape(new PasswordChanged(USER, ADMIN), "user.password-changed", """
                {"userId":"00000000-0000-0000-0000-0000000000b1","actorId":"00000000-0000-0000-0000-0000000000b2"}""");
    }

    @Test
    void userInvitedShape() {
        assertShape(new UserInvited(USER, "secret-token", AT, ADMIN), "user.invited", """
                {"userId":"00000000-0000-0000-0000-0000000000b1","invitationToken":"secret-token",
                 "expiresAt":"2026-11-22T23:59:00Z","actorId":"00000000-0000-0000-0000-0000000000b2"}""");
    }

    @Test
    void groupMembersChangedShape() {
        assertShape(new GroupMembersChanged(DEPARTMENT, List.of(USER), List.of(), ADMIN), "group.members-changed", """
                {"groupId":"00000000-0000-0000-0000-0000000000d1","addedUserIds":["00000000-0000-0000-0000-0000000000b1"],
                 "removedUserIds":[],"actorId":"00000000-0000-0000-0000-0000000000b2"}""");
    }

    static final UUID ENROLLMENT = UUID.fromString("00000000-0000-0000-0000-0000000000f1");
    static final UUID TRAINING = UUID.fromString("00000000-0000-0000-0000-0000000000f2");
    static final SessionSnapshot SESSION = new SessionSnapshot(UUID.fromString("00000000-0000-0000-0000-0000000000f3"),
            Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T17:00:00Z"), "Room 1", "Europe/Berlin");
    static final String SESSION_JSON = """
            {"sessionId":"00000000-0000-0000-0000-0000000000f3","startsAt":"2026-12-01T09:00:00Z",
             "endsAt":"2026-12-01T17:00:00Z","location":"Room 1","timeZone":"Europe/Berlin"}""";
    static final String ENROLLMENT_JSON = "\"enrollmentId\":\"00000000-0000-0000-0000-0000000000f1\","
            + "\"trainingId\":\"00000000-0000-0000-0000-0000000000f2\",\"trainingTitle\":\"Negotiation\","
            + "\"learnerId\":\"00000000-0000-0000-0000-0000000000b1\"";

    @Test
    void enrolledShape() {
        assertShape(new Enrolled(ENROLLMENT, TRAINING, "Negotiation", USER, SESSION, true, true, USER),
                "enrollment.enrolled", """
                {%s,"session":%s,"byLearner":true,"notifySupervisors":true,
                 "actorId":"00000000-0000-0000-0000-0000000000b1"}""".formatted(ENROLLMENT_JSON, SESSION_JSON));
    }

    @Test
    void waitlistedShape() {
        assertShape(new Waitlisted(ENROLLMENT, TRAINING, "Negotiation", USER, SESSION, 2, false, true, ADMIN),
                "enrollment.waitlisted", """
                {%s,"session":%s,"position":2,"byLearner":false,"notifySupervisors":true,
                 "actorId":"00000000-0000-0000-0000-0000000000b2"}""".formatted(ENROLLMENT_JSON, SESSION_JSON));
    }

    @Test
    void sessionSwitchedShape() {
        assertShape(new SessionSwitched(ENROLLMENT, TRAINING, "Negotiation", USER, SESSION, null, false, true, true, USER),
                "enrollment.session-switched", """
                {%s,"from":%s,"to":null,"waitlisted":false,"byLearner":true,"notifySupervisors":true,
                 "actorId":"00000000-0000-0000-0000-0000000000b1"}""".formatted(ENROLLMENT_JSON, SESSION_JSON));
    }

    @Test
    void unenrolledShape() {
        assertShape(new Unenrolled(ENROLLMENT, TRAINING, "Negotiation", USER, SESSION, false, true, false, USER),
                "enrollment.unenrolled", """
                {%s,"session":%s,"wasWaitlisted":false,"byLearner":true,"notifySupervisors":false,
                 "actorId":"00000000-0000-0000-0000-0000000000b1"}""".formatted(ENROLLMENT_JSON, SESSION_JSON));
    }

    @Test
    void enrollmentDroppedShape() {
        assertShape(new EnrollmentDropped(ENROLLMENT, TRAINING, "Negotiation", USER, SESSION,
                EnrollmentDropped.EMPLOYMENT_ENDED, true, null), "enrollment.dropped", """
                {%s,"session":%s,"reason":"EMPLOYMENT_ENDED","notifySupervisors":true,"actorId":null}"""
                .formatted(ENROLLMENT_JSON, SESSION_JSON));
    }

    @Test
    void waitlistPromotedShape() {
        assertShape(new WaitlistPromoted(ENROLLMENT, TRAINING, "Negotiation", USER, SESSION, true, null),
                "enrollment.waitlist-promoted", """
                {%s,"session":%s,"notifySupervisors":true,"actorId":null}""".formatted(ENROLLMENT_JSON, SESSION_JSON));
    }

    @Test
    void importRowSubmittedShape() {
        assertShape(new ImportRowSubmitted(EVENT, 7, ADMIN, "agata.brown", "agata.brown@example.com", "Agata", "Brown",
                "{bcrypt}$2a$10$hash", "My Company / Sales", "Sales Manager", "+49 30 1234", "supervisor",
                List.of("Sales team"), UserStatus.EMPLOYMENT_ENDED, LocalDate.of(2026, 11, 30)), "user-import.row-submitted", """
                {"importId":"00000000-0000-0000-0000-0000000000e1","rowNumber":7,
                 "actorId":"00000000-0000-0000-0000-0000000000b2","login":"agata.brown",
                 "email":"agata.brown@example.com","firstName":"Agata","lastName":"Brown",
                 "passwordHash":"{bcrypt}$2a$10$hash","departmentPath":"My Company / Sales","jobTitle":"Sales Manager",
                 "phone":"+49 30 1234","supervisorLogin":"supervisor","groups":["Sales team"],
                 "status":"EMPLOYMENT_ENDED","employmentEndedOn":"2026-11-30"}""");
    }

    @Test
    void importRowsSubmittedShape() {
        assertShape(new ImportRowsSubmitted(EVENT, List.of(new ImportRowSubmitted(EVENT, 7, ADMIN, "agata.brown", null, null,
                        null, null, null, null, null, null, null, null, null))), "user-import.rows-submitted", """
                {"importId":"00000000-0000-0000-0000-0000000000e1","rows":[{"importId":"00000000-0000-0000-0000-0000000000e1",
                 "rowNumber":7,"actorId":"00000000-0000-0000-0000-0000000000b2","login":"agata.brown","email":null,
                 "firstName":null,"lastName":null,"passwordHash":null,"departmentPath":null,"jobTitle":null,"phone":null,
                 "supervisorLogin":null,"groups":[],"status":null,"employmentEndedOn":null}]}""");
    }

    @Test
    void aCommandHoldsOneToAHundredRowsOfItsImport() {
        ImportRowSubmitted row = new ImportRowSubmitted(EVENT, 7, ADMIN, "agata.brown", null, null, null, null, null, null,
                null, null, null, null, null);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ImportRowsSubmitted(EVENT, List.of()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ImportRowsSubmitted(EVENT, java.util.Collections.nCopies(ImportRowsSubmitted.MOST_ROWS + 1, row)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ImportRowsSubmitted(USER, List.of(row)));
    }

    @Test
    void importRowAppliedShape() {
        assertShape(new ImportRowApplied(EVENT, 7, "agata.brown", USER, ImportRowApplied.REFUSED, "ACCOUNT_OWNER"),
                "user-import.row-applied", """
                {"importId":"00000000-0000-0000-0000-0000000000e1","rowNumber":7,"login":"agata.brown",
                 "userId":"00000000-0000-0000-0000-0000000000b1","outcome":"REFUSED","reason":"ACCOUNT_OWNER"}""");
    }

    @Test
    void importRowsAppliedShape() {
        assertShape(new ImportRowsApplied(EVENT, List.of(
                        new ImportRowApplied(EVENT, 7, "agata.brown", USER, ImportRowApplied.CREATED, null))),
                "user-import.rows-applied", """
                {"importId":"00000000-0000-0000-0000-0000000000e1","rows":[{"importId":"00000000-0000-0000-0000-0000000000e1",
                 "rowNumber":7,"login":"agata.brown","userId":"00000000-0000-0000-0000-0000000000b1","outcome":"CREATED",
                 "reason":null}]}""");
    }

    @Test
    void groupChangedAndDeletedShapes() {
        assertShape(new GroupChanged(DEPARTMENT, "Sales team", "STATIC", ADMIN), "group.changed", """
                {"groupId":"00000000-0000-0000-0000-0000000000d1","name":"Sales team","kind":"STATIC",
                 "actorId":"00000000-0000-0000-0000-0000000000b2"}""");
        assertShape(new GroupDeleted(DEPARTMENT, ADMIN), "group.deleted", """
                {"groupId":"00000000-0000-0000-0000-0000000000d1","actorId":"00000000-0000-0000-0000-0000000000b2"}""");
    }

    @Test
    void accountChangedShape() {
        assertShape(new AccountChanged(ACCOUNT, "acme", "Acme", "Europe/Berlin", 50, USER), "account.changed", """
                {"accountId":"00000000-0000-0000-0000-0000000000a1","slug":"acme","name":"Acme",
                 "timeZone":"Europe/Berlin","seatLimit":50,"ownerId":"00000000-0000-0000-0000-0000000000b1"}""");
    }

    @Test
    void everyRegisteredEventHasAShapeTestAndAUniqueType() {
        Map<String, Long> typeCounts = EventTypes.ALL.stream()
                .collect(Collectors.groupingBy(type -> EventTypes.describe(type).value(), Collectors.counting()));
        assertThat(typeCounts).allSatisfy((type, count) -> assertThat(count).as(type).isEqualTo(1));
        assertThat(typeCounts.keySet()).containsExactlyInAnyOrder(
                "user.created", "user.updated", "user.status-changed", "user.deleted", "user.access-changed", "user.session-revoked",
                "department.changed", "department.deleted", "user.password-changed", "user.invited",
                "group.members-changed", "enrollment.enrolled", "enrollment.waitlisted",
                "enrollment.session-switched", "enrollment.unenrolled", "enrollment.dropped",
                "enrollment.waitlist-promoted", "user-import.row-submitted", "user-import.rows-submitted", "user-import.row-applied", "user-import.rows-applied",
                "account.changed", "group.changed", "group.deleted");
    }

    @Test
    void anEventOfAnUnknownTypeIsReadAsUnknownSoThatOlderConsumersSkipIt() {
        String future = """
                {"eventId":"00000000-0000-0000-0000-0000000000e1","type":"user.teleported","version":1,
                 "occurredAt":"2026-11-22T23:59:00Z","accountId":"00000000-0000-0000-0000-0000000000a1",
                 "subject":"x","data":{"where":"moon"}}""";

        EventEnvelope<RosterEvent> read = json.read(future.getBytes(StandardCharsets.UTF_8));

        assertThat(read.data()).isInstanceOf(UnknownEvent.class);
        assertThat(((UnknownEvent) read.data()).raw().get("where").asString()).isEqualTo("moon");
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        String newer = """
                {"eventId":"00000000-0000-0000-0000-0000000000e1","type":"user.deleted","version":1,
                 "occurredAt":"2026-11-22T23:59:00Z","accountId":"00000000-0000-0000-0000-0000000000a1",
                 "subject":"00000000-0000-0000-0000-0000000000b1","traceparent":"x",
                 "data":{"userId":"00000000-0000-0000-0000-0000000000b1","actorId":null,"reason":"gdpr"}}""";

        EventEnvelope<RosterEvent> read = json.read(newer.getBytes(StandardCharsets.UTF_8));

        assertThat(read.data()).isEqualTo(new UserDeleted(USER, null));
    }

    @Test
    void garbageIsRejectedAsMalformedNotAsAnUncheckedParserError() {
        assertThatThrownBy(() -> json.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> json.read("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> json.read("""
                {"eventId":"nope","type":"user.deleted","occurredAt":"2026-11-22T23:59:00Z","subject":"s","data":{}}"""
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void anEnvelopeIsCreatedWithAFreshIdAndTheDeclaredType() {
        EventEnvelope<UserDeleted> envelope = EventEnvelope.of(ACCOUNT, USER, new UserDeleted(USER, ADMIN));

        assertThat(envelope.type()).isEqualTo("user.deleted");
        assertThat(envelope.version()).isEqualTo(1);
        assertThat(envelope.subject()).isEqualTo(USER.toString());
        assertThat(envelope.eventId()).isNotEqualTo(EventEnvelope.of(ACCOUNT, USER, envelope.data()).eventId());
    }

    @Test
    void theInvitationWithItsOneTimeTokenIsTheEventThatCarriesASecret() {
        assertThat(EventTypes.carryingSecrets()).containsExactly("user.invited");
    }

    private void assertShape(RosterEvent data, String type, String dataJson) {
        EventEnvelope<RosterEvent> envelope = new EventEnvelope<>(EVENT, type, 1, AT, ACCOUNT, USER.toString(), data);
        String expected = """
                {"eventId":"00000000-0000-0000-0000-0000000000e1","type":"%s","version":1,
                 "occurredAt":"2026-11-22T23:59:00Z","accountId":"00000000-0000-0000-0000-0000000000a1",
                 "subject":"00000000-0000-0000-0000-0000000000b1","data":%s}""".formatted(type, dataJson);

        JsonNode written = json.mapper().readTree(json.write(envelope));
        assertThat(written).isEqualTo(json.mapper().readTree(expected));
        assertThat(EventTypes.describe(data.getClass()).value()).isEqualTo(type);
        assertThat(json.read(json.write(envelope))).isEqualTo(envelope);
    }
}
