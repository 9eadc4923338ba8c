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
     * Applies a poll's events in order, as {@link #apply} one by one would, but in runs: each run of consecutive
     * departures (status changes away from ACTIVE) in two statements, then {@code afterDepartures} with the run;
     * each run of consecutive creations and profile updates in one statement, then {@code afterEach} for each of
     * them; any other event through {@link #apply}, then {@code afterEach}. A user appears at most once in a run.
     * Within a run the projection changes before the reactions: the same as applying its events in some order
     * that keeps each user's own order (only one user's events are ordered).
     */
    public Mono<Void> applyAll(List<EventEnvelope<RosterEvent>> events,
            Function<List<UserStatusChanged>, Mono<Void>> afterDepartures,
            Function<EventEnvelope<RosterEvent>, Mono<Void>> afterEach) {
        return Flux.fromIterable(runs(events)).concatMap(run -> switch (kind(run.get(0))) {
            case DEPARTURE -> {
                List<UserStatusChanged> departures = run.stream().map(event -> (UserStatusChanged) event.data()).toList();
                yield changeStatuses(departures).then(Mono.defer(() -> afterDepartures.apply(departures)));
            }
            case PROFILE -> upsertAll(run).thenMany(Flux.fromIterable(run).concatMap(afterEach)).then();
            case OTHER -> apply(run.get(0)).then(Mono.defer(() -> afterEach.apply(run.get(0))));
        }).then();
    }

    /** Consecutive departures, or consecutive creations and profile updates, of distinct users together; every other event alone. */
    static List<List<EventEnvelope<RosterEvent>>> runs(List<EventEnvelope<RosterEvent>> events) {
        List<List<EventEnvelope<RosterEvent>>> runs = new ArrayList<>();
        List<EventEnvelope<RosterEvent>> run = new ArrayList<>();
        Set<UUID> users = new HashSet<>();
        for (EventEnvelope<RosterEvent> event : events) {
            Kind kind = kind(event);
            boolean joins = kind != Kind.OTHER && !run.isEmpty() && kind(run.get(0)) == kind
                    && !users.contains(userOf(event));
            if (!joins && !run.isEmpty()) {
                runs.add(run);
                run = new ArrayList<>();
                users.clear();
            }
            if (kind == Kind.OTHER) {
                runs.add(List.of(event));
                continue;
            }
            users.add(userOf(event));
            run.add(event);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    /** What an event does to the projection, as far as applying it in runs goes. */
    private enum Kind { DEPARTURE, PROFILE, OTHER }

    private static Kind kind(EventEnvelope<RosterEvent> event) {
        return switch (event.data()) {
            case UserStatusChanged changed when !changed.status().isActive() -> Kind.DEPARTURE;
            case UserCreated created -> Kind.PROFILE;
            case UserUpdated updated -> Kind.PROFILE;
            default -> Kind.OTHER;
        };
    }

    private static UUID userOf(EventEnvelope<RosterEvent> event) {
        return switch (event.data()) {
            case UserStatusChanged changed -> changed.userId();
            case UserCreated created -> created.user().userId();
            case UserUpdated updated -> updated.user().userId();
            default -> throw new IllegalArgumentException("Not applied in runs: " + event.type());
        };
    }

    private static UserProfile profileOf(EventEnvelope<RosterEvent> event) {
        return event.data() instanceof UserCreated created ? created.user() : ((UserUpdated) event.data()).user();
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
        return upsertAll(List.of(accountId), List.of(user));
    }

    /** Creations and profile updates of distinct users, in one statement. */
    private Mono<Void> upsertAll(List<EventEnvelope<RosterEvent>> run) {
        return upsertAll(run.stream().map(EventEnvelope::accountId).toList(), run.stream().map(People::profileOf).toList());
    }

    private Mono<Void> upsertAll(List<UUID> accountIds, List<UserProfile> users) {
        return database.sql("""
                        INSERT INTO person (id, account_id, first_name, last_name, email, locale, status,
                            employment_ended_on, department_id, supervisor_id, updated_at)
                        SELECT v.id, v.account_id, v.first_name, v.last_name, v.email, v.locale, v.status,
                            v.ended_on::date, v.department_id::uuid, v.supervisor_id::uuid, now()
                        FROM unnest(:ids::uuid[], :accounts::uuid[], :firstNames::text[], :lastNames::text[],
                            :emails::text[], :locales::text[], :statuses::text[], :endedOns::text[], :departments::text[],
                            :supervisors::text[])
                            AS v(id, account_id, first_name, last_name, email, locale, status, ended_on, department_id,
                                 supervisor_id)
                        ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
                            email = excluded.email, locale = excluded.locale, status = excluded.status,
                            employment_ended_on = excluded.employment_ended_on, department_id = excluded.department_id,
                            supervisor_id = excluded.supervisor_id, updated_at = now()
                        """)
                .bind("ids", users.stream().map(UserProfile::userId).toArray(UUID[]::new))
                .bind("accounts", accountIds.toArray(UUID[]::new))
                .bind("firstNames", users.stream().map(UserProfile::firstName).toArray(String[]::new))
                .bind("lastNames", users.stream().map(UserProfile::lastName).toArray(String[]::new))
                .bind("emails", users.stream().map(UserProfile::email).toArray(String[]::new))
                .bind("locales", users.stream().map(user -> user.locale() == null ? "en" : user.locale()).toArray(String[]::new))
                .bind("statuses", users.stream().map(user -> user.status().name()).toArray(String[]::new))
                .bind("endedOns", users.stream().map(user -> text(user.employmentEndedOn())).toArray(String[]::new))
                .bind("departments", users.stream().map(user -> text(user.departmentId())).toArray(String[]::new))
                .bind("supervisors", users.stream().map(user -> text(user.supervisorId())).toArray(String[]::new))
                .then();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
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
