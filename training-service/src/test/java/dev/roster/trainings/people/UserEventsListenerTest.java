package dev.roster.trainings.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.Topics;
import dev.roster.events.user.DepartmentChanged;
import dev.roster.events.user.UserCreated;
import dev.roster.events.user.UserDeleted;
import dev.roster.events.user.UserProfile;
import dev.roster.events.user.UserStatus;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.testing.TestDatabase;
import dev.roster.testing.TestKafka;
import dev.roster.trainings.support.TrainingServiceTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The people projection follows user-service's events on the real broker, once per event. */
@TrainingServiceTest
class UserEventsListenerTest {

    static final UUID ACCOUNT = UUID.randomUUID();

    @Autowired TestKafka kafka;
    @Autowired TestDatabase database;
    @Autowired EventJson json;

    @Test
    void createdEndedAndDeletedUsersAreProjectedAndErased() throws Exception {
        UUID user = UUID.randomUUID();
        send(EventEnvelope.of(ACCOUNT, user, new UserCreated(profile(user, UserStatus.ACTIVE), null)));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(user).equals("ACTIVE"));

        send(EventEnvelope.of(ACCOUNT, user, new UserStatusChanged(user, UserStatus.ACTIVE, UserStatus.EMPLOYMENT_ENDED,
                Instant.now(), LocalDate.of(2026, 11, 22), false, null)));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(user).equals("EMPLOYMENT_ENDED"));

        send(EventEnvelope.of(ACCOUNT, user, new UserDeleted(user, null)));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(user).equals("none"));
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() throws Exception {
        UUID user = UUID.randomUUID();
        EventEnvelope<UserCreated> created = EventEnvelope.of(ACCOUNT, user, new UserCreated(profile(user, UserStatus.ACTIVE), null));
        send(created);
        send(EventEnvelope.of(ACCOUNT, user, new UserStatusChanged(user, UserStatus.ACTIVE, UserStatus.INACTIVE,
                Instant.now(), null, false, null)));
        send(created);
        EventEnvelope<UserStatusChanged> marker = EventEnvelope.of(ACCOUNT, user, new UserStatusChanged(user,
                UserStatus.INACTIVE, UserStatus.INACTIVE, Instant.now(), null, false, null));
        send(marker);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("SELECT count(*) FROM processed_event WHERE event_id = '" + marker.eventId() + "'") == 1);
        // the second delivery of "created" did not turn the user active again
        assertThat(status(user)).isEqualTo("INACTIVE");
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = '" + created.eventId() + "'")).isEqualTo(1);
    }

    @Test
    void departmentSupervisorsAreKept() throws Exception {
        UUID department = UUID.randomUUID();
        UUID supervisor = UUID.randomUUID();
        send(EventEnvelope.of(ACCOUNT, department, new DepartmentChanged(department, null, "Sales", "My Company / Sales",
                List.of(supervisor), null)));

        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT count(*) FROM department_supervisors WHERE department_id = '" + department + "' AND '"
                        + supervisor + "' = ANY(supervisor_ids)") == 1);
    }

    private static UserProfile profile(UUID user, UserStatus status) {
        return new UserProfile(user, "login-" + user, user + "@example.com", "First", "Last", status, null, null, null,
                null, "en", List.of());
    }

    private void send(EventEnvelope<?> event) {
        kafka.send(Topics.USERS, event.subject(), json.write(event));
    }

    private String status(UUID user) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT status FROM person WHERE id = '" + user + "'")) {
            return row.next() ? row.getString(1) : "none";
        }
    }

    private long count(String sql) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
