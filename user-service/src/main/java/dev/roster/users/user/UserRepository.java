package dev.roster.users.user;

import dev.roster.events.user.UserStatus;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
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
        return database.sql("""
                        INSERT INTO app_user (id, account_id, login, email, first_name, last_name, status,
                            employment_ended_on, department_id, supervisor_id, job_title, phone, locale, password_hash,
                            tokens_valid_after)
                        VALUES (:id, :account, :login, :email, :firstName, :lastName, :status, :endedOn, :department,
                            :supervisor, :jobTitle, :phone, :locale, :passwordHash, :tokensValidAfter)
                        """)
                .bind("id", user.id())
                .bind("account", user.accountId())
                .bind("login", user.login())
                .bind("email", user.email())
                .bind("firstName", user.firstName())
                .bind("lastName", user.lastName())
                .bind("status", user.status().name())
                .bindNull("endedOn", LocalDate.class)
                .bind("department", id(user.departmentId()))
                .bindNull("supervisor", UUID.class)
                .bind("jobTitle", text(user.jobTitle()))
                .bind("phone", text(user.phone()))
                .bind("locale", user.locale())
                .bind("passwordHash", text(user.passwordHash()))
                .bind("tokensValidAfter", user.tokensValidAfter())
                .then()
                .then(setSupervisor(user))
                .then(setRoles(user.id(), user.roleIds()));
    }

    private Mono<Void> setSupervisor(User user) {
        if (user.supervisorId() == null) {
            return Mono.empty();
        }
        return database.sql("UPDATE app_user SET supervisor_id = :supervisor WHERE id = :id")
                .bind("supervisor", user.supervisorId())
                .bind("id", user.id())
                .then();
    }

    /**
     * Writes the profile fields of {@code user} if its version is still {@code expectedVersion};
     * emits whether it did (false: someone else changed the user meanwhile).
     */
    public Mono<Boolean> updateProfile(User user, long expectedVersion) {
        return database.sql("""
                        UPDATE app_user SET login = :login, email = :email, first_name = :firstName,
                            last_name = :lastName, department_id = :department, supervisor_id = :supervisor,
                            job_title = :jobTitle, phone = :phone, locale = :locale,
                            employment_ended_on = :endedOn, updated_at = now(), version = version + 1
                        WHERE id = :id AND account_id = :account AND version = :version
                        """)
                .bind("login", user.login())
                .bind("email", user.email())
                .bind("firstName", user.firstName())
                .bind("lastName", user.lastName())
                .bind("department", id(user.departmentId()))
                .bind("supervisor", id(user.supervisorId()))
                .bind("jobTitle", text(user.jobTitle()))
                .bind("phone", text(user.phone()))
                .bind("locale", user.locale())
                .bind("endedOn", Parameter.fromOrEmpty(user.employmentEndedOn(), LocalDate.class))
                .bind("id", user.id())
                .bind("account", user.accountId())
                .bind("version", expectedVersion)
                .fetch().rowsUpdated()
                .map(updated -> updated == 1);
    }

    public Mono<Void> setRoles(UUID userId, List<UUID> roleIds) {
        return database.sql("DELETE FROM user_role WHERE user_id = :id").bind("id", userId).then()
                .then(roleIds.isEmpty() ? Mono.empty()
                        : database.sql("INSERT INTO user_role (user_id, role_id) SELECT :id, unnest(:roles::uuid[])")
                                .bind("id", userId)
                                .bind("roles", roleIds.toArray(UUID[]::new))
                                .then());
    }

    public Mono<Void> delete(UUID accountId, UUID userId) {
        return database.sql("DELETE FROM app_user WHERE account_id = :account AND id = :id")
                .bind("account", accountId)
                .bind("id", userId)
                .then();
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

    static Parameter text(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }

    static Parameter id(UUID value) {
        return Parameter.fromOrEmpty(value, UUID.class);
    }
}
