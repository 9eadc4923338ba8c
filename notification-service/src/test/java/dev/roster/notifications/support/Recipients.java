package dev.roster.notifications.support;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.user.DepartmentChanged;
import dev.roster.events.user.UserProfile;
import dev.roster.events.user.UserStatus;
import dev.roster.platform.people.People;
import dev.roster.testing.TestDatabase;
import dev.roster.testing.TestJwtIssuer;
import dev.roster.testing.TestKafka;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.test.context.TestComponent;

/**
 * People for notification tests: they enter the projection through the same code the users listener
 * uses; events reach the service through the real broker; tokens are real RS256 tokens.
 */
@TestComponent
public class Recipients {

    private final People people;
    private final TestJwtIssuer tokens;
    private final TestKafka kafka;
    private final TestDatabase database;
    private final EventJson json;

    Recipients(People people, TestJwtIssuer tokens, TestKafka kafka, TestDatabase database, EventJson json) {
        this.people = people;
        this.tokens = tokens;
        this.kafka = kafka;
        this.database = database;
        this.json = json;
    }

    /** A person of {@code accountId} with a unique email, in {@code departmentId} reporting to {@code supervisorId}. */
    public Person person(UUID accountId, String name, UserStatus status, UUID departmentId, UUID supervisorId) {
        UUID id = UUID.randomUUID();
        String email = name + "-" + id.toString().substring(0, 8) + "@example.com";
        people.upsert(accountId, new UserProfile(id, name + "-" + id, email, name, "Tester", status, null, departmentId,
                supervisorId, null, "en", List.of())).block();
        return new Person(id, accountId, email, name + " Tester", tokens.token(id, accountId));
    }

    public void departmentSupervisors(UUID accountId, UUID departmentId, UUID... supervisors) {
        people.departmentSupervisors(accountId, new DepartmentChanged(departmentId, null, "Department", "Department",
                List.of(supervisors), null)).block();
    }

    /** Publishes {@code event} on {@code topic}, keyed by its subject, and waits for the broker's acknowledgement. */
    public void send(String topic, EventEnvelope<?> event) {
        kafka.send(topic, event.subject(), json.write(event));
    }

    /** Publishes {@code events} on {@code topic} at once (so that they arrive in as few polls as the broker gives). */
    public void send(String topic, List<? extends EventEnvelope<?>> events) {
        kafka.sendAll(events.stream()
                .map(event -> new ProducerRecord<>(topic, event.subject(), json.write(event)))
                .toList());
    }

    /** The first column of the first row of {@code sql}, as text ("none" without a row). */
    public String query(String sql) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : "none";
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Runs a statement on the service's database (to set up what a test needs, such as emails queued for later). */
    public void execute(String sql) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    public long count(String sql) {
        return Long.parseLong(query(sql));
    }

    /** Whether the service has applied the event (its inbox has it). */
    public boolean applied(EventEnvelope<?> event) {
        return count("SELECT count(*) FROM processed_event WHERE event_id = '" + event.eventId() + "'") > 0;
    }

    /** Someone who may receive notices, with their access token. */
    public record Person(UUID id, UUID accountId, String email, String name, String token) {
    }
}
