package dev.roster.platform.people;

import dev.roster.events.EventEnvelope;
import dev.roster.events.RosterEvent;
import dev.roster.events.user.DepartmentChanged;
import dev.roster.events.user.DepartmentDeleted;
import dev.roster.events.user.UserCreated;
import dev.roster.events.user.UserDeleted;
import dev.roster.events.user.UserProfile;
import dev.roster.events.user.UserStatus;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.events.user.UserUpdated;
import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A service's projection of the people it needs, kept from {@code roster.users.v1} instead of asking
 * user-service: status, names, email, locale and reporting line ({@code person}), and each department's
 * supervisors ({@code department_supervisors}). Each service migrates the two tables itself (see
 * platform/starter's README) and updates them only through {@link #apply}, from its users listener.
 * A learner's supervisors are their direct supervisor plus the supervisors of their department.
 */
public class People {

    private final DatabaseClient database;

    public People(DatabaseClient database) {
        this.database = database;
    }

    /** Applies a user-service event to the projection (others change nothing); run it in the event's transaction. */
    public Mono<Void> apply(EventEnvelope<RosterEvent> event) {
        return switch (event.data()) {
            case UserCreated created -> upsert(event.accountId(), created.user());
            case UserUpdated updated -> upsert(event.accountId(), updated.user());
            case UserStatusChanged changed -> changeStatus(changed.userId(), changed.status(), changed.employmentEndedOn());
            case UserDeleted deleted -> erase(deleted.userId());
            case DepartmentChanged department -> departmentSupervisors(event.accountId(), department);
            case DepartmentDeleted department -> forgetDepartment(department.departmentId());
            default -> Mono.empty();
        };
    }

    /**
     * Applies a poll's events in order, as {@link #apply} one by one would, but each run of consecutive
     * departures (status changes away from ACTIVE, each user at most once in the run) in two statements,
     * then {@code afterDepartures} with the run; any other event through {@link #apply}, then
     * {@code afterEach}. Within a run the projection changes before the reactions: the same as applying its
     * events in some order that keeps each user's own order (only one user's events are ordered).
     */
    public Mono<Void> applyAll(List<EventEnvelope<RosterEvent>> events,
            Function<List<UserStatusChanged>, Mono<Void>> afterDepartures,
            Function<EventEnvelope<RosterEvent>, Mono<Void>> afterEach) {
        return Flux.fromIterable(runs(events)).concatMap(run -> {
            if (run.size() == 1 && !isDeparture(run.get(0))) {
                return apply(run.get(0)).then(Mono.defer(() -> afterEach.apply(run.get(0))));
            }
            List<UserStatusChanged> departures = run.stream().map(event -> (UserStatusChanged) event.data()).toList();
            return changeStatuses(departures).then(Mono.defer(() -> afterDepartures.apply(departures)));
        }).then();
    }

    /** Consecutive departures of distinct users together, every other event alone. */
    static List<List<EventEnvelope<RosterEvent>>> runs(List<EventEnvelope<RosterEvent>> events) {
        List<List<EventEnvelope<RosterEvent>>> runs = new ArrayList<>();
        List<EventEnvelope<RosterEvent>> run = new ArrayList<>();
        Set<UUID> users = new HashSet<>();
        for (EventEnvelope<RosterEvent> event : events) {
            if (isDeparture(event) && users.add(((UserStatusChanged) event.data()).userId())) {
                run.add(event);
                continue;
            }
            if (!run.isEmpty()) {
                runs.add(run);
                run = new ArrayList<>();
                users.clear();
            }
            if (isDeparture(event)) {
                users.add(((UserStatusChanged) event.data()).userId());
                run.add(event);
            }
            else {
                runs.add(List.of(event));
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static boolean isDeparture(EventEnvelope<RosterEvent> event) {
        return event.data() instanceof UserStatusChanged changed && !changed.status().isActive();
    }

    /**
     * Status changes of many users at once, each user at most once: their rows locked in the order of their
     * ids (as {@link #lockActive} does, so the two never deadlock), then written in one statement.
     */
    public Mono<Void> changeStatuses(List<UserStatusChanged> changes) {
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        UUID[] ids = changes.stream().map(UserStatusChanged::userId).toArray(UUID[]::new);
        return database.sql("SELECT id FROM person WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
                .bind("ids", ids)
                .fetch().all().then()
                .then(database.sql("""
                                UPDATE person p SET status = v.status, employment_ended_on = v.ended_on::date,
                                    updated_at = now()
                                FROM unnest(:ids::uuid[], :statuses::text[], :endedOns::text[]) AS v(id, status, ended_on)
                                WHERE p.id = v.id
                                """)
                        .bind("ids", ids)
                        .bind("statuses", changes.stream().map(change -> change.status().name()).toArray(String[]::new))
                        .bind("endedOns", changes.stream().map(change -> change.employmentEndedOn() == null ? null
                                : change.employmentEndedOn().toString()).toArray(String[]::new))
                        .then());
    }

    public Mono<Void> upsert(UUID accountId, UserProfile user) {
        return database.sql("""
                        INSERT INTO person (id, account_id, first_name, last_name, email, locale, status,
                            employment_ended_on, department_id, supervisor_id, updated_at)
                        VALUES (:id, :account, :firstName, :lastName, :email, :locale, :status, :endedOn, :department,
                            :supervisor, now())
                        ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
                            email = excluded.email, locale = excluded.locale, status = excluded.status,
                            employment_ended_on = excluded.employment_ended_on, department_id = excluded.department_id,
                            supervisor_id = excluded.supervisor_id, updated_at = now()
                        """)
                .bind("id", user.userId())
                .bind("account", accountId)
                .bind("firstName", user.firstName())
                .bind("lastName", user.lastName())
                .bind("email", user.email())
                .bind("locale", user.locale() == null ? "en" : user.locale())
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

    /** Whether the person is known in the account and active. */
    public Mono<Boolean> isActive(UUID accountId, UUID userId) {
        return database.sql("SELECT status = 'ACTIVE' FROM person WHERE id = :id AND account_id = :account")
                .bind("id", userId).bind("account", accountId)
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one()
                .defaultIfEmpty(false);
    }

    /**
     * Of {@code userIds}, those in the account who are active now, with their rows share-locked until the
     * transaction ends: a status change applied meanwhile waits, then sees what this transaction did.
     */
    public Flux<UUID> lockActive(UUID accountId, Collection<UUID> userIds) {
        return database.sql("""
                        SELECT id FROM person WHERE account_id = :account AND id = ANY(:ids) AND status = 'ACTIVE'
                        ORDER BY id FOR SHARE""")
                .bind("account", accountId)
                .bind("ids", userIds.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    /** Of {@code userIds}, those known in the account. */
    public Flux<UUID> known(UUID accountId, Collection<UUID> userIds) {
        return database.sql("SELECT id FROM person WHERE account_id = :account AND id = ANY(:ids)")
                .bind("account", accountId)
                .bind("ids", userIds.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    /** The people of the account among {@code userIds}, by id. */
    public Mono<Map<UUID, Person>> find(UUID accountId, Collection<UUID> userIds) {
        return database.sql("""
                        SELECT id, first_name, last_name, email, locale, status, department_id, supervisor_id
                        FROM person WHERE account_id = :account AND id = ANY(:ids)""")
                .bind("account", accountId)
                .bind("ids", userIds.toArray(UUID[]::new))
                .map(People::person)
                .all()
                .collectMap(Person::id);
    }

    /** A learner's supervisors: their direct supervisor plus their department's, without the learner. */
    public Flux<UUID> supervisorsOf(UUID accountId, UUID userId) {
        return database.sql("""
                        SELECT DISTINCT supervisor FROM (
                            SELECT p.supervisor_id AS supervisor FROM person p WHERE p.id = :user AND p.account_id = :account
                            UNION
                            SELECT unnest(d.supervisor_ids) FROM person p
                                JOIN department_supervisors d ON d.department_id = p.department_id
                            WHERE p.id = :user AND p.account_id = :account) s
                        WHERE supervisor IS NOT NULL AND supervisor <> :user""")
                .bind("user", userId)
                .bind("account", accountId)
                .map(row -> row.get("supervisor", UUID.class))
                .all();
    }

    private static Person person(Readable row) {
        return new Person(row.get("id", UUID.class), row.get("first_name", String.class), row.get("last_name", String.class),
                row.get("email", String.class), row.get("locale", String.class),
                UserStatus.valueOf(row.get("status", String.class)), row.get("department_id", UUID.class),
                row.get("supervisor_id", UUID.class));
    }

    /** A person as the projection knows them. */
    public record Person(UUID id, String firstName, String lastName, String email, String locale, UserStatus status,
            UUID departmentId, UUID supervisorId) {

        public String fullName() {
            return firstName + " " + lastName;
        }
    }
}
