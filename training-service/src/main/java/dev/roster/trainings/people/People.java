package dev.roster.trainings.people;

import dev.roster.events.user.DepartmentChanged;
import dev.roster.events.user.UserProfile;
import dev.roster.events.user.UserStatus;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The projection of users and department supervisors, written only by {@link UserEventsListener}. */
@Repository
public class People {

    private final DatabaseClient database;

    People(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Void> upsert(UUID accountId, UserProfile user) {
        return database.sql("""
                        INSERT INTO person (id, account_id, first_name, last_name, email, status, employment_ended_on,
                            department_id, supervisor_id, updated_at)
                        VALUES (:id, :account, :firstName, :lastName, :email, :status, :endedOn, :department, :supervisor, now())
                        ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
                            email = excluded.email, status = excluded.status,
                            employment_ended_on = excluded.employment_ended_on, department_id = excluded.department_id,
                            supervisor_id = excluded.supervisor_id, updated_at = now()
                        """)
                .bind("id", user.userId())
                .bind("account", accountId)
                .bind("firstName", user.firstName())
                .bind("lastName", user.lastName())
                .bind("email", user.email())
                .bind("status", user.status().name())
                .bind("endedOn", Parameter.fromOrEmpty(user.employmentEndedOn(), LocalDate.class))
                .bind("department", Parameter.fromOrEmpty(user.departmentId(), UUID.class))
                .bind("supervisor", Parameter.fromOrEmpty(user.supervisorId(), UUID.class))
                .then();
    }

    public Mono<Void> changeStatus(UUID userId, UserStatus status, LocalDate employmentEndedOn) {
        return database.sql("""
                        UPDATE person SET status = :status, employment_ended_on = :endedOn, updated_at = now()
                        WHERE id = :id
                        """)
                .bind("status", status.name())
                .bind("endedOn", Parameter.fromOrEmpty(employmentEndedOn, LocalDate.class))
                .bind("id", userId)
                .then();
    }

    /** Erases a deleted user's personal data. */
    public Mono<Void> erase(UUID userId) {
        return database.sql("DELETE FROM person WHERE id = :id").bind("id", userId).then();
    }

    public Mono<Void> departmentSupervisors(UUID accountId, DepartmentChanged department) {
        return database.sql("""
                        INSERT INTO department_supervisors (department_id, account_id, supervisor_ids)
                        VALUES (:department, :account, :supervisors)
                        ON CONFLICT (department_id) DO UPDATE SET supervisor_ids = excluded.supervisor_ids
                        """)
                .bind("department", department.departmentId())
                .bind("account", accountId)
                .bind("supervisors", department.supervisorIds().toArray(UUID[]::new))
                .then();
    }

    public Mono<Void> forgetDepartment(UUID departmentId) {
        return database.sql("DELETE FROM department_supervisors WHERE department_id = :id").bind("id", departmentId).then();
    }

    /**
     * Of {@code userIds}, those in the account who are active now, with their rows share-locked until the
     * transaction ends: an end of employment applied meanwhile waits, then sees the new enrollments.
     */
    public Flux<UUID> lockActive(UUID accountId, java.util.Collection<UUID> userIds) {
        return database.sql("""
                        SELECT id FROM person WHERE account_id = :account AND id = ANY(:ids) AND status = 'ACTIVE'
                        ORDER BY id FOR SHARE""")
                .bind("account", accountId)
                .bind("ids", userIds.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    /** Of {@code userIds}, those known in the account. */
    public Flux<UUID> known(UUID accountId, java.util.Collection<UUID> userIds) {
        return database.sql("SELECT id FROM person WHERE account_id = :account AND id = ANY(:ids)")
                .bind("account", accountId)
                .bind("ids", userIds.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    /** Names of people, for lists that show them. */
    public Mono<java.util.Map<UUID, Name>> names(UUID accountId, java.util.Collection<UUID> userIds) {
        return database.sql("SELECT id, first_name, last_name, email, status FROM person WHERE account_id = :account AND id = ANY(:ids)")
                .bind("account", accountId)
                .bind("ids", userIds.toArray(UUID[]::new))
                .map(row -> new Name(row.get("id", UUID.class), row.get("first_name", String.class),
                        row.get("last_name", String.class), row.get("email", String.class),
                        UserStatus.valueOf(row.get("status", String.class))))
                .all()
                .collectMap(Name::id);
    }

    /** How a person is shown in lists. */
    public record Name(UUID id, String firstName, String lastName, String email, UserStatus status) {
    }

    /** Whether the person may be enrolled now (known and active). */
    public Mono<Boolean> isActive(UUID accountId, UUID userId) {
        return database.sql("SELECT status = 'ACTIVE' FROM person WHERE id = :id AND account_id = :account")
                .bind("id", userId).bind("account", accountId)
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one()
                .defaultIfEmpty(false);
    }
}
