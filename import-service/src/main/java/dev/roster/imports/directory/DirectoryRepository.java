package dev.roster.imports.directory;

import dev.roster.events.EventEnvelope;
import dev.roster.events.RosterEvent;
import dev.roster.events.user.AccountChanged;
import dev.roster.events.user.DepartmentChanged;
import dev.roster.events.user.DepartmentDeleted;
import dev.roster.events.user.GroupChanged;
import dev.roster.events.user.GroupDeleted;
import dev.roster.events.user.GroupMembersChanged;
import dev.roster.events.user.UserCreated;
import dev.roster.events.user.UserDeleted;
import dev.roster.events.user.UserProfile;
import dev.roster.events.user.UserStatus;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.events.user.UserUpdated;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * import-service's projection of each account's users and departments, kept from {@code roster.users.v1}:
 * what a file is compared with in the preview, and what an export writes.
 */
@Repository
public class DirectoryRepository {

    private final DatabaseClient database;

    DirectoryRepository(DatabaseClient database) {
        this.database = database;
    }

    /** Applies a user-service event (others change nothing); run in the event's transaction. */
    public Mono<Void> apply(EventEnvelope<RosterEvent> event) {
        return switch (event.data()) {
            case UserCreated created -> upsert(event.accountId(), created.user());
            case UserUpdated updated -> upsert(event.accountId(), updated.user());
            case UserStatusChanged changed -> database.sql("""
                            UPDATE directory_user SET status = :status, employment_ended_on = :endedOn, updated_at = now()
                            WHERE id = :id""")
                    .bind("status", changed.status().name())
                    .bind("endedOn", Parameter.fromOrEmpty(changed.employmentEndedOn(), LocalDate.class))
                    .bind("id", changed.userId())
                    .then();
            case UserDeleted deleted -> database.sql("DELETE FROM directory_user WHERE id = :id")
                    .bind("id", deleted.userId()).then()
                    .then(database.sql("DELETE FROM directory_group_member WHERE user_id = :id")
                            .bind("id", deleted.userId()).then());
            case GroupChanged group -> database.sql("""
                            INSERT INTO directory_group (id, account_id, name, kind) VALUES (:id, :account, :name, :kind)
                            ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind""")
                    .bind("id", group.groupId())
                    .bind("account", event.accountId())
                    .bind("name", group.name())
                    .bind("kind", group.kind())
                    .then();
            case GroupDeleted group -> database.sql("DELETE FROM directory_group_member WHERE group_id = :id")
                    .bind("id", group.groupId()).then()
                    .then(database.sql("DELETE FROM directory_group WHERE id = :id").bind("id", group.groupId()).then());
            case GroupMembersChanged members -> database.sql("""
                            INSERT INTO directory_group_member (group_id, user_id)
                            SELECT :group, unnest(:added::uuid[]) ON CONFLICT DO NOTHING""")
                    .bind("group", members.groupId())
                    .bind("added", members.addedUserIds().toArray(UUID[]::new))
                    .then()
                    .then(database.sql("DELETE FROM directory_group_member WHERE group_id = :group AND user_id = ANY(:removed)")
                            .bind("group", members.groupId())
                            .bind("removed", members.removedUserIds().toArray(UUID[]::new))
                            .then());
            case DepartmentChanged department -> database.sql("""
                            INSERT INTO directory_department (id, account_id, parent_id, name, path)
                            VALUES (:id, :account, :parent, :name, :path)
                            ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name,
                                path = excluded.path""")
                    .bind("id", department.departmentId())
                    .bind("account", event.accountId())
                    .bind("parent", Parameter.fromOrEmpty(department.parentId(), UUID.class))
                    .bind("name", department.name())
                    .bind("path", department.path() == null ? department.name() : department.path())
                    .then();
            case DepartmentDeleted department -> database.sql("DELETE FROM directory_department WHERE id = :id")
                    .bind("id", department.departmentId()).then();
            case AccountChanged account -> database.sql("""
                            INSERT INTO directory_account (id, seat_limit, owner_id) VALUES (:id, :seats, :owner)
                            ON CONFLICT (id) DO UPDATE SET seat_limit = excluded.seat_limit, owner_id = excluded.owner_id""")
                    .bind("id", account.accountId())
                    .bind("seats", account.seatLimit())
                    .bind("owner", Parameter.fromOrEmpty(account.ownerId(), UUID.class))
                    .then();
            default -> Mono.empty();
        };
    }

    /**
     * Applies a poll's events in their order, in the caller's transaction: each run of consecutive user
     * creations and updates as one statement, each run of consecutive status changes as one statement (in both,
     * the last of a user's events in the run wins, as it would one after another), any other event by itself.
     */
    public Mono<Void> applyAll(List<EventEnvelope<RosterEvent>> events) {
        List<Mono<Void>> steps = new ArrayList<>();
        Map<UUID, Map.Entry<UUID, UserProfile>> profiles = new LinkedHashMap<>();
        Map<UUID, UserStatusChanged> statuses = new LinkedHashMap<>();
        for (EventEnvelope<RosterEvent> event : events) {
            switch (event.data()) {
                case UserCreated created -> {
                    flushStatuses(statuses, steps);
                    profiles.remove(created.user().userId());
                    profiles.put(created.user().userId(), Map.entry(event.accountId(), created.user()));
                }
                case UserUpdated updated -> {
                    flushStatuses(statuses, steps);
                    profiles.remove(updated.user().userId());
                    profiles.put(updated.user().userId(), Map.entry(event.accountId(), updated.user()));
                }
                case UserStatusChanged changed -> {
                    flushProfiles(profiles, steps);
                    statuses.remove(changed.userId());
                    statuses.put(changed.userId(), changed);
                }
                default -> {
                    flushProfiles(profiles, steps);
                    flushStatuses(statuses, steps);
                    steps.add(Mono.defer(() -> apply(event)));
                }
            }
        }
        flushProfiles(profiles, steps);
        flushStatuses(statuses, steps);
        return Flux.concat(steps).then();
    }

    private void flushProfiles(Map<UUID, Map.Entry<UUID, UserProfile>> run, List<Mono<Void>> steps) {
        if (!run.isEmpty()) {
            steps.add(upsertAll(List.copyOf(run.values())));
            run.clear();
        }
    }

    private void flushStatuses(Map<UUID, UserStatusChanged> run, List<Mono<Void>> steps) {
        if (!run.isEmpty()) {
            steps.add(changeStatuses(List.copyOf(run.values())));
            run.clear();
        }
    }

    /** Status changes of distinct users in one statement (a user the directory does not know is left out). */
    private Mono<Void> changeStatuses(List<UserStatusChanged> changes) {
        return Mono.defer(() -> database.sql("""
                        UPDATE directory_user u SET status = v.status, employment_ended_on = v.ended_on, updated_at = now()
                        FROM unnest(:ids::uuid[], :statuses::text[], :endedOn::date[]) AS v(id, status, ended_on)
                        WHERE u.id = v.id""")
                .bind("ids", changes.stream().map(UserStatusChanged::userId).toArray(UUID[]::new))
                .bind("statuses", changes.stream().map(change -> change.status().name()).toArray(String[]::new))
                .bind("endedOn", changes.stream().map(UserStatusChanged::employmentEndedOn).toArray(LocalDate[]::new))
                .then());
    }

    /** Upserts users (account id and profile, distinct users) in one statement. */
    private Mono<Void> upsertAll(List<Map.Entry<UUID, UserProfile>> users) {
        if (users.size() == 1) {
            return Mono.defer(() -> upsert(users.getFirst().getKey(), users.getFirst().getValue()));
        }
        int size = users.size();
        UUID[] ids = new UUID[size];
        UUID[] accounts = new UUID[size];
        String[] logins = new String[size];
        String[] emails = new String[size];
        String[] firstNames = new String[size];
        String[] lastNames = new String[size];
        String[] statuses = new String[size];
        LocalDate[] endedOn = new LocalDate[size];
        UUID[] departments = new UUID[size];
        UUID[] supervisors = new UUID[size];
        String[] jobTitles = new String[size];
        String[] phones = new String[size];
        for (int i = 0; i < size; i++) {
            UserProfile user = users.get(i).getValue();
            ids[i] = user.userId();
            accounts[i] = users.get(i).getKey();
            logins[i] = user.login();
            emails[i] = user.email();
            firstNames[i] = user.firstName();
            lastNames[i] = user.lastName();
            statuses[i] = user.status().name();
            endedOn[i] = user.employmentEndedOn();
            departments[i] = user.departmentId();
            supervisors[i] = user.supervisorId();
            jobTitles[i] = user.jobTitle();
            phones[i] = user.phone();
        }
        return database.sql("""
                        INSERT INTO directory_user (id, account_id, login, email, first_name, last_name, status,
                            employment_ended_on, department_id, supervisor_id, job_title, phone, updated_at)
                        SELECT *, now() FROM unnest(:ids::uuid[], :accounts::uuid[], :logins::text[], :emails::text[],
                            :firstNames::text[], :lastNames::text[], :statuses::text[], :endedOn::date[],
                            :departments::uuid[], :supervisors::uuid[], :jobTitles::text[], :phones::text[])
                        ON CONFLICT (id) DO UPDATE SET login = excluded.login, email = excluded.email,
                            first_name = excluded.first_name, last_name = excluded.last_name, status = excluded.status,
                            employment_ended_on = excluded.employment_ended_on, department_id = excluded.department_id,
                            supervisor_id = excluded.supervisor_id, job_title = excluded.job_title, phone = excluded.phone,
                            updated_at = now()""")
                .bind("ids", ids)
                .bind("accounts", accounts)
                .bind("logins", logins)
                .bind("emails", emails)
                .bind("firstNames", firstNames)
                .bind("lastNames", lastNames)
                .bind("statuses", statuses)
                .bind("endedOn", endedOn)
                .bind("departments", departments)
                .bind("supervisors", supervisors)
                .bind("jobTitles", jobTitles)
                .bind("phones", phones)
                .then();
    }

    private Mono<Void> upsert(UUID accountId, UserProfile user) {
        return database.sql("""
                        INSERT INTO directory_user (id, account_id, login, email, first_name, last_name, status,
                            employment_ended_on, department_id, supervisor_id, job_title, phone, updated_at)
                        VALUES (:id, :account, :login, :email, :firstName, :lastName, :status, :endedOn, :department,
                            :supervisor, :jobTitle, :phone, now())
                        ON CONFLICT (id) DO UPDATE SET login = excluded.login, email = excluded.email,
                            first_name = excluded.first_name, last_name = excluded.last_name, status = excluded.status,
                            employment_ended_on = excluded.employment_ended_on, department_id = excluded.department_id,
                            supervisor_id = excluded.supervisor_id, job_title = excluded.job_title, phone = excluded.phone,
                            updated_at = now()""")
                .bind("id", user.userId())
                .bind("account", accountId)
                .bind("login", user.login())
                .bind("email", user.email())
                .bind("firstName", user.firstName())
                .bind("lastName", user.lastName())
                .bind("status", user.status().name())
                .bind("endedOn", Parameter.fromOrEmpty(user.employmentEndedOn(), LocalDate.class))
                .bind("department", Parameter.fromOrEmpty(user.departmentId(), UUID.class))
                .bind("supervisor", Parameter.fromOrEmpty(user.supervisorId(), UUID.class))
                .bind("jobTitle", Parameter.fromOrEmpty(user.jobTitle(), String.class))
                .bind("phone", Parameter.fromOrEmpty(user.phone(), String.class))
                .then();
    }

    /** Every user of the account, streamed in login order. */
    public Flux<DirectoryUser> users(UUID accountId) {
        return database.sql("SELECT * FROM directory_user WHERE account_id = :account ORDER BY lower(login)")
                .bind("account", accountId)
                .map(DirectoryRepository::user)
                .all();
    }

    /**
     * Where {@code permission} of the caller applies: the whole account, unless their token limits it to
     * department subtrees, which are expanded over this copy of the tree (so a department moved or created
     * below a root counts as soon as its event is here).
     */
    public Mono<DepartmentScope> scope(Caller caller, Permission permission) {
        return caller.departmentScope(permission)
                .map(roots -> database.sql("""
                                WITH RECURSIVE below AS (
                                    SELECT id FROM directory_department WHERE account_id = :account AND id = ANY(:roots)
                                    UNION
                                    SELECT d.id FROM directory_department d JOIN below b ON d.parent_id = b.id
                                    WHERE d.account_id = :account)
                                SELECT ARRAY(SELECT id FROM below) AS ids,
                                    (SELECT id FROM directory_department WHERE account_id = :account AND parent_id IS NULL
                                     ORDER BY id LIMIT 1) AS root
                                """)
                        .bind("account", caller.accountId())
                        .bind("roots", roots.toArray(UUID[]::new))
                        .map(row -> new DepartmentScope(false, java.util.Set.of(row.get("ids", UUID[].class)),
                                row.get("root", UUID.class)))
                        .one())
                .orElseGet(() -> Mono.just(DepartmentScope.WHOLE_ACCOUNT));
    }

    /** The account's departments: id to path. */
    public Mono<Map<UUID, String>> departments(UUID accountId) {
        return database.sql("SELECT id, path FROM directory_department WHERE account_id = :account")
                .bind("account", accountId)
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("path", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    /** What a preview compares a file with: the account's users by login (lower case), departments, owner and seats. */
    public Mono<Snapshot> snapshot(UUID accountId) {
        Mono<Seats> seats = database.sql("SELECT seat_limit, owner_id FROM directory_account WHERE id = :id")
                .bind("id", accountId)
                .map(row -> new Seats(row.get("seat_limit", Integer.class), row.get("owner_id", UUID.class)))
                .one()
                .defaultIfEmpty(Seats.UNKNOWN);
        return Mono.zip(users(accountId).collectMap(user -> user.login().toLowerCase(Locale.ROOT), user -> user,
                        HashMap::new), departments(accountId), seats, groups(accountId))
                .map(loaded -> Snapshot.of(loaded.getT1(), loaded.getT2(), loaded.getT3(), loaded.getT4()));
    }

    /** The account's groups, and who is in each static group. */
    public Mono<Groups> groups(UUID accountId) {
        Mono<Map<UUID, Group>> groups = database.sql("SELECT id, name, kind FROM directory_group WHERE account_id = :account")
                .bind("account", accountId)
                .map(row -> new Group(row.get("id", UUID.class), row.get("name", String.class),
                        "STATIC".equals(row.get("kind", String.class))))
                .all()
                .collectMap(Group::id, group -> group, HashMap::new);
        Mono<Map<UUID, java.util.Set<UUID>>> members = database.sql("""
                        SELECT m.user_id, m.group_id FROM directory_group_member m
                        JOIN directory_group g ON g.id = m.group_id WHERE g.account_id = :account""")
                .bind("account", accountId)
                .map(row -> Map.entry(row.get("user_id", UUID.class), row.get("group_id", UUID.class)))
                .all()
                .collect(HashMap::new, (map, entry) -> map.computeIfAbsent(entry.getKey(), key -> new java.util.HashSet<>())
                        .add(entry.getValue()));
        return Mono.zip(groups, members).map(loaded -> new Groups(loaded.getT1(), loaded.getT2()));
    }

    /** A group: its name, and whether it is static (members by hand) rather than smart (by rules). */
    public record Group(UUID id, String name, boolean isStatic) {
    }

    /** An account's groups by id, and each user's static groups. */
    public record Groups(Map<UUID, Group> byId, Map<UUID, java.util.Set<UUID>> staticGroupsOfUser) {

        public static final Groups NONE = new Groups(Map.of(), Map.of());

        /** The group with this name (ignoring case), if any. */
        public Group named(String name) {
            return byId.values().stream().filter(group -> group.name().equalsIgnoreCase(name.strip())).findFirst()
                    .orElse(null);
        }

        /** The names of the static groups {@code userId} is in, sorted. */
        public List<String> namesOf(UUID userId) {
            return staticGroupsOfUser.getOrDefault(userId, java.util.Set.of()).stream()
                    .map(byId::get).filter(java.util.Objects::nonNull).map(Group::name).sorted().toList();
        }

        public boolean isMember(UUID userId, UUID groupId) {
            return staticGroupsOfUser.getOrDefault(userId, java.util.Set.of()).contains(groupId);
        }
    }

    /** An account's seat limit and owner, as far as known ({@link #UNKNOWN} before its first account.changed). */
    public record Seats(Integer seatLimit, UUID ownerId) {

        public static final Seats UNKNOWN = new Seats(null, null);
    }

    static DirectoryUser user(Readable row) {
        return new DirectoryUser(row.get("id", UUID.class), row.get("login", String.class), row.get("email", String.class),
                row.get("first_name", String.class), row.get("last_name", String.class),
                UserStatus.valueOf(row.get("status", String.class)), row.get("employment_ended_on", LocalDate.class),
                row.get("department_id", UUID.class), row.get("supervisor_id", UUID.class),
                row.get("job_title", String.class), row.get("phone", String.class));
    }

    /** An account's users and departments, indexed the ways a preview looks them up. */
    public record Snapshot(Map<String, DirectoryUser> usersByLogin, Map<UUID, String> departmentPaths,
            Map<UUID, String> loginsById, Map<String, UUID> departmentsByPath, Map<String, String> loginsByEmail,
            Seats seats, int activeUsers, Groups groups) {

        public static Snapshot of(Map<String, DirectoryUser> usersByLogin, Map<UUID, String> departmentPaths) {
            return of(usersByLogin, departmentPaths, Seats.UNKNOWN, Groups.NONE);
        }

        public static Snapshot of(Map<String, DirectoryUser> usersByLogin, Map<UUID, String> departmentPaths, Seats seats,
                Groups groups) {
            Map<UUID, String> logins = new HashMap<>();
            Map<String, String> byEmail = new HashMap<>();
            usersByLogin.values().forEach(user -> {
                logins.put(user.id(), user.login());
                byEmail.put(user.email().toLowerCase(Locale.ROOT), user.login().toLowerCase(Locale.ROOT));
            });
            Map<String, UUID> byPath = new HashMap<>();
            departmentPaths.forEach((id, path) -> byPath.put(normalizePath(path), id));
            int active = (int) usersByLogin.values().stream().filter(user -> user.status() == UserStatus.ACTIVE).count();
            return new Snapshot(usersByLogin, departmentPaths, logins, byPath, byEmail, seats, active, groups);
        }

        public DirectoryUser user(String login) {
            return login == null ? null : usersByLogin.get(login.toLowerCase(Locale.ROOT));
        }

        public String departmentPath(UUID departmentId) {
            return departmentId == null ? null : departmentPaths.get(departmentId);
        }

        /** The department with this path (ignoring case and the spacing around "/"), if any. */
        public UUID departmentByPath(String path) {
            return departmentsByPath.get(normalizePath(path));
        }

        /** The lower-case login of the user holding this email, if any. */
        public String loginByEmail(String email) {
            return email == null ? null : loginsByEmail.get(email.toLowerCase(Locale.ROOT));
        }

        public String loginOf(UUID userId) {
            return userId == null ? null : loginsById.get(userId);
        }

        static String normalizePath(String path) {
            return path == null ? "" : path.strip().replaceAll("\\s*/\\s*", " / ").toLowerCase(Locale.ROOT);
        }
    }
}
