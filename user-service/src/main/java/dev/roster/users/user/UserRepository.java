package dev.roster.users.user;

import dev.roster.events.user.UserAccessChanged;
import dev.roster.events.user.UserStatus;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and writes users, always within one account. */
@Repository
public class UserRepository {

    static final String COLUMNS = """
            u.id, u.account_id, u.login, u.email, u.first_name, u.last_name, u.status, u.employment_ended_on,
            u.department_id, u.supervisor_id, u.job_title, u.phone, u.locale, u.password_hash, u.tokens_valid_after,
            u.last_sign_in_at, u.failed_sign_ins, u.locked_until, u.scheduled_status, u.scheduled_effective_date,
            u.version,
            ARRAY(SELECT ur.role_id FROM user_role ur WHERE ur.user_id = u.id ORDER BY ur.role_id) AS role_ids
            """;

    private final DatabaseClient database;

    UserRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<User> find(UUID accountId, UUID userId) {
        return database.sql("SELECT " + COLUMNS + " FROM app_user u WHERE u.account_id = :account AND u.id = :id")
                .bind("account", accountId)
                .bind("id", userId)
                .map(UserRepository::map)
                .one();
    }

    /** The user, locked for the rest of the transaction. */
    public Mono<User> findForUpdate(UUID accountId, UUID userId) {
        return database.sql("SELECT " + COLUMNS + " FROM app_user u WHERE u.account_id = :account AND u.id = :id FOR UPDATE OF u")
                .bind("account", accountId)
                .bind("id", userId)
                .map(UserRepository::map)
                .one();
    }

    /** The user with this login (case-insensitive), locked for the rest of the transaction. */
    public Mono<User> findByLoginForUpdate(UUID accountId, String login) {
        return database.sql("SELECT " + COLUMNS + """
                         FROM app_user u WHERE u.account_id = :account AND lower(u.login) = lower(:login)
                        FOR UPDATE OF u
                        """)
                .bind("account", accountId)
                .bind("login", login)
                .map(UserRepository::map)
                .one();
    }

    /** The id of the user with this login (case-insensitive). */
    public Mono<UUID> idByLogin(UUID accountId, String login) {
        return database.sql("SELECT id FROM app_user WHERE account_id = :account AND lower(login) = lower(:login)")
                .bind("account", accountId)
                .bind("login", login)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    /** Whether a user other than {@code exceptUserId} (may be null) has this email (case-insensitive). */
    public Mono<Boolean> emailTaken(UUID accountId, String email, UUID exceptUserId) {
        return database.sql("""
                        SELECT 1 FROM app_user
                        WHERE account_id = :account AND lower(email) = lower(:email) AND id <> :except
                        """)
                .bind("account", accountId)
                .bind("email", email)
                .bind("except", exceptUserId == null ? new UUID(0, 0) : exceptUserId)
                .fetch().first().hasElement();
    }

    /** A user by login or email (case-insensitive), for sign-in. */
    public Mono<User> findByLoginOrEmail(UUID accountId, String loginOrEmail) {
        return database.sql("SELECT " + COLUMNS + """
                         FROM app_user u WHERE u.account_id = :account
                        AND (lower(u.login) = lower(:name) OR lower(u.email) = lower(:name))
                        ORDER BY (lower(u.login) = lower(:name)) DESC LIMIT 1
                        """)
                .bind("account", accountId)
                .bind("name", loginOrEmail)
                .map(UserRepository::map)
                .one();
    }

    public Mono<Boolean> exists(UUID accountId, UUID userId) {
        return database.sql("SELECT 1 FROM app_user WHERE account_id = :account AND id = :id")
                .bind("account", accountId)
                .bind("id", userId)
                .fetch().first().hasElement();
    }

    public Mono<Long> countActive(UUID accountId) {
        return database.sql("SELECT count(*) FROM app_user WHERE account_id = :account AND status = 'ACTIVE'")
                .bind("account", accountId)
                .map(row -> row.get(0, Long.class))
                .one();
    }

    public Mono<Void> insert(User user) {
        return insertAll(List.of(user));
    }

    /**
     * Inserts users in two statements, whatever their number, with their supervisors (who may be among
     * them: the reference is checked at the end of the statement) and roles.
     */
    public Mono<Void> insertAll(List<User> created) {
        if (created.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("""
                        INSERT INTO app_user (id, account_id, login, email, first_name, last_name, status,
                            employment_ended_on, department_id, supervisor_id, job_title, phone, locale, password_hash,
                            tokens_valid_after)
                        SELECT id, account_id, login, email, first_name, last_name, status, employment_ended_on::date,
                            department_id::uuid, supervisor_id::uuid, job_title, phone, locale, password_hash,
                            tokens_valid_after::timestamptz
                        FROM unnest(:ids::uuid[], :accounts::uuid[], :logins::text[], :emails::text[],
                            :firstNames::text[], :lastNames::text[], :statuses::text[], :endedOns::text[],
                            :departments::text[], :supervisors::text[], :jobTitles::text[], :phones::text[],
                            :locales::text[], :passwordHashes::text[], :tokensValidAfter::text[])
                            AS u(id, account_id, login, email, first_name, last_name, status, employment_ended_on,
                                department_id, supervisor_id, job_title, phone, locale, password_hash, tokens_valid_after)
                        """)
                .bind("ids", created.stream().map(User::id).toArray(UUID[]::new))
                .bind("accounts", created.stream().map(User::accountId).toArray(UUID[]::new))
                .bind("logins", texts(created, User::login))
                .bind("emails", texts(created, User::email))
                .bind("firstNames", texts(created, User::firstName))
                .bind("lastNames", texts(created, User::lastName))
                .bind("statuses", texts(created, user -> user.status().name()))
                .bind("endedOns", texts(created, User::employmentEndedOn))
                .bind("departments", texts(created, User::departmentId))
                .bind("supervisors", texts(created, User::supervisorId))
                .bind("jobTitles", texts(created, User::jobTitle))
                .bind("phones", texts(created, User::phone))
                .bind("locales", texts(created, User::locale))
                .bind("passwordHashes", texts(created, User::passwordHash))
                .bind("tokensValidAfter", texts(created, User::tokensValidAfter))
                .then()
                .then(Mono.defer(() -> {
                    List<UUID> userIds = new ArrayList<>();
                    List<UUID> roleIds = new ArrayList<>();
                    created.forEach(user -> user.roleIds().forEach(role -> {
                        userIds.add(user.id());
                        roleIds.add(role);
                    }));
                    return userIds.isEmpty() ? Mono.empty()
                            : database.sql("INSERT INTO user_role (user_id, role_id) SELECT * FROM unnest(:users::uuid[], :roles::uuid[])")
                                    .bind("users", userIds.toArray(UUID[]::new))
                                    .bind("roles", roleIds.toArray(UUID[]::new))
                                    .then();
                }));
    }

    /** Users by id, in no particular order. */
    public Flux<User> findAll(UUID accountId, Collection<UUID> userIds) {
        return database.sql("SELECT " + COLUMNS + " FROM app_user u WHERE u.account_id = :account AND u.id = ANY(:ids)")
                .bind("account", accountId)
                .bind("ids", userIds.toArray(UUID[]::new))
                .map(UserRepository::map)
                .all();
    }

    /** The users with these logins (lower case), locked for the rest of the transaction (in the order of their ids). */
    public Flux<User> findByLoginsForUpdate(UUID accountId, Collection<String> logins) {
        return database.sql("SELECT " + COLUMNS + """
                         FROM app_user u WHERE u.account_id = :account AND lower(u.login) = ANY(:logins)
                        ORDER BY u.id FOR UPDATE OF u
                        """)
                .bind("account", accountId)
                .bind("logins", logins.toArray(String[]::new))
                .map(UserRepository::map)
                .all();
    }

    /** The ids of the users with these logins, by login in lower case. */
    public Mono<Map<String, UUID>> idsByLogin(UUID accountId, Collection<String> logins) {
        return byLowerCase("SELECT lower(login) AS name, id FROM app_user WHERE account_id = :account AND lower(login) = ANY(:names)",
                accountId, logins);
    }

    /** Who has these emails, by email in lower case. */
    public Mono<Map<String, UUID>> idsByEmail(UUID accountId, Collection<String> emails) {
        return byLowerCase("SELECT lower(email) AS name, id FROM app_user WHERE account_id = :account AND lower(email) = ANY(:names)",
                accountId, emails);
    }

    private Mono<Map<String, UUID>> byLowerCase(String sql, UUID accountId, Collection<String> names) {
        if (names.isEmpty()) {
            return Mono.just(Map.of());
        }
        return database.sql(sql)
                .bind("account", accountId)
                .bind("names", names.stream().map(name -> name.toLowerCase(Locale.ROOT)).distinct().toArray(String[]::new))
                .map(row -> Map.entry(row.get("name", String.class), row.get("id", UUID.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * Writes the profile fields of {@code changed} users, each if its version is still the one it carries;
     * emits how many were written (fewer: someone else changed some of them meanwhile).
     */
    public Mono<Long> updateProfiles(UUID accountId, List<User> changed) {
        return database.sql("""
                        UPDATE app_user u SET login = v.login, email = v.email, first_name = v.first_name,
                            last_name = v.last_name, department_id = v.department_id::uuid,
                            supervisor_id = v.supervisor_id::uuid, job_title = v.job_title, phone = v.phone,
                            locale = v.locale, employment_ended_on = v.employment_ended_on::date, updated_at = now(),
                            version = u.version + 1
                        FROM unnest(:ids::uuid[], :logins::text[], :emails::text[], :firstNames::text[],
                            :lastNames::text[], :departments::text[], :supervisors::text[], :jobTitles::text[],
                            :phones::text[], :locales::text[], :endedOns::text[], :versions::bigint[])
                            AS v(id, login, email, first_name, last_name, department_id, supervisor_id, job_title,
                                phone, locale, employment_ended_on, version)
                        WHERE u.id = v.id AND u.account_id = :account AND u.version = v.version
                        """)
                .bind("ids", changed.stream().map(User::id).toArray(UUID[]::new))
                .bind("logins", texts(changed, User::login))
                .bind("emails", texts(changed, User::email))
                .bind("firstNames", texts(changed, User::firstName))
                .bind("lastNames", texts(changed, User::lastName))
                .bind("departments", texts(changed, User::departmentId))
                .bind("supervisors", texts(changed, User::supervisorId))
                .bind("jobTitles", texts(changed, User::jobTitle))
                .bind("phones", texts(changed, User::phone))
                .bind("locales", texts(changed, User::locale))
                .bind("endedOns", texts(changed, User::employmentEndedOn))
                .bind("versions", changed.stream().map(User::version).toArray(Long[]::new))
                .bind("account", accountId)
                .fetch().rowsUpdated();
    }

    /** Schedules {@code target} for these users of {@code accountId}; emits the ids of those found. */
    public Flux<UUID> schedule(UUID accountId, Collection<UUID> ids, UserStatus target, LocalDate date, Instant effectiveAt,
            Instant now) {
        return database.sql("""
                        UPDATE app_user SET scheduled_status = :target, scheduled_effective_date = :date,
                            scheduled_effective_at = :effectiveAt, updated_at = :now, version = version + 1
                        WHERE account_id = :account AND id = ANY(:ids)
                        RETURNING id
                        """)
                .bind("target", target.name())
                .bind("date", date)
                .bind("effectiveAt", effectiveAt)
                .bind("now", now)
                .bind("account", accountId)
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    /** Clears the scheduled change of these users of {@code accountId}; emits the ids of those that had one. */
    public Flux<UUID> clearScheduled(UUID accountId, Collection<UUID> ids, Instant now) {
        return database.sql("""
                        UPDATE app_user SET scheduled_status = NULL, scheduled_effective_date = NULL,
                            scheduled_effective_at = NULL, updated_at = :now, version = version + 1
                        WHERE account_id = :account AND id = ANY(:ids) AND scheduled_status IS NOT NULL
                        RETURNING id
                        """)
                .bind("now", now)
                .bind("account", accountId)
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    public Mono<Void> setRoles(UUID userId, List<UUID> roleIds) {
        return database.sql("DELETE FROM user_role WHERE user_id = :id").bind("id", userId).then()
                .then(roleIds.isEmpty() ? Mono.empty()
                        : database.sql("INSERT INTO user_role (user_id, role_id) SELECT :id, unnest(:roles::uuid[])")
                                .bind("id", userId)
                                .bind("roles", roleIds.toArray(UUID[]::new))
                                .then());
    }

    /**
     * Sets the status of these users of {@code accountId} and clears their scheduled change; a status other than
     * ACTIVE moves their tokens-valid-after to {@code now}. Answers each updated user's tokens-valid-after.
     */
    public Mono<Map<UUID, Instant>> changeStatus(UUID accountId, Collection<UUID> ids, UserStatus target,
            LocalDate endedOn, Instant now) {
        // answered as one row of arrays: tokens valid after in microseconds since the epoch
        return database.sql("""
                        WITH updated AS (
                            UPDATE app_user SET status = :target,
                                employment_ended_on = :endedOn,
                                tokens_valid_after = CASE WHEN :target = 'ACTIVE' THEN tokens_valid_after ELSE :now END,
                                scheduled_status = NULL, scheduled_effective_date = NULL, scheduled_effective_at = NULL,
                                updated_at = :now, version = version + 1
                            WHERE account_id = :account AND id = ANY(:ids)
                            RETURNING id, tokens_valid_after
                        )
                        SELECT array_agg(id) AS ids,
                               array_agg((extract(epoch FROM tokens_valid_after) * 1000000)::bigint) AS valid_after
                        FROM updated
                        """)
                .bind("target", target.name())
                .bind("endedOn", Parameter.fromOrEmpty(endedOn, LocalDate.class))
                .bind("now", now)
                .bind("account", accountId)
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> {
                    Map<UUID, Instant> validAfter = new HashMap<>();
                    UUID[] updated = row.get("ids", UUID[].class);
                    Long[] micros = row.get("valid_after", Long[].class);
                    for (int i = 0; updated != null && i < updated.length; i++) {
                        validAfter.put(updated[i], Instant.EPOCH.plus(micros[i], ChronoUnit.MICROS));
                    }
                    return validAfter;
                })
                .one();
    }

    /** Moves the tokens-valid-after of these users of {@code accountId} to {@code now}; answers their access state. */
    public Flux<UserAccessChanged> invalidateTokens(UUID accountId, Collection<UUID> ids, Instant now) {
        return database.sql("""
                        UPDATE app_user SET tokens_valid_after = :now
                        WHERE account_id = :account AND id = ANY(:ids)
                        RETURNING id, status, tokens_valid_after
                        """)
                .bind("now", now)
                .bind("account", accountId)
                .bind("ids", ids.stream().distinct().toArray(UUID[]::new))
                .map(row -> new UserAccessChanged(row.get("id", UUID.class),
                        UserStatus.valueOf(row.get("status", String.class)),
                        row.get("tokens_valid_after", OffsetDateTime.class).toInstant()))
                .all();
    }

    /** Sets a new password hash: the user's tokens before {@code now} are refused and a lock-out ends. */
    public Mono<Void> setPassword(UUID accountId, UUID userId, String hash, Instant now) {
        return database.sql("""
                        UPDATE app_user SET password_hash = :hash, tokens_valid_after = :now, failed_sign_ins = 0,
                            locked_until = NULL, updated_at = :now, version = version + 1
                        WHERE account_id = :account AND id = :id
                        """)
                .bind("hash", hash).bind("now", now)
                .bind("account", accountId).bind("id", userId)
                .then();
    }

    /** Notes a successful sign-in (not a change of the user: no new version). */
    public Mono<Void> signedIn(UUID userId, Instant now) {
        return database.sql("UPDATE app_user SET last_sign_in_at = :now WHERE id = :id")
                .bind("now", now).bind("id", userId).then();
    }

    /** Deletes these users of {@code accountId}; emits the ids of those that were there. */
    public Flux<UUID> deleteAll(UUID accountId, Collection<UUID> ids) {
        return database.sql("DELETE FROM app_user WHERE account_id = :account AND id = ANY(:ids) RETURNING id")
                .bind("account", accountId)
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    static User map(Readable row) {
        UUID[] roles = row.get("role_ids", UUID[].class);
        String scheduled = row.get("scheduled_status", String.class);
        return new User(
                row.get("id", UUID.class),
                row.get("account_id", UUID.class),
                row.get("login", String.class),
                row.get("email", String.class),
                row.get("first_name", String.class),
                row.get("last_name", String.class),
                UserStatus.valueOf(row.get("status", String.class)),
                row.get("employment_ended_on", LocalDate.class),
                row.get("department_id", UUID.class),
                row.get("supervisor_id", UUID.class),
                row.get("job_title", String.class),
                row.get("phone", String.class),
                row.get("locale", String.class),
                row.get("password_hash", String.class),
                instant(row.get("tokens_valid_after", OffsetDateTime.class)),
                instant(row.get("last_sign_in_at", OffsetDateTime.class)),
                row.get("failed_sign_ins", Integer.class),
                instant(row.get("locked_until", OffsetDateTime.class)),
                scheduled == null ? null : UserStatus.valueOf(scheduled),
                row.get("scheduled_effective_date", LocalDate.class),
                roles == null ? List.of() : Arrays.asList(roles),
                row.get("version", Long.class));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static String[] texts(List<User> users, Function<User, Object> field) {
        return users.stream().map(field).map(value -> value == null ? null : value.toString()).toArray(String[]::new);
    }

    static Parameter text(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }

    static Parameter id(UUID value) {
        return Parameter.fromOrEmpty(value, UUID.class);
    }
}
