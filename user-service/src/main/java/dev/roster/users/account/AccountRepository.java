package dev.roster.users.account;

import io.r2dbc.spi.Readable;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Accounts, their built-in roles and root department. */
@Repository
public class AccountRepository {

    private static final String COLUMNS = "id, slug, name, time_zone, seat_limit, owner_id, version";

    private final DatabaseClient database;

    AccountRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Account> find(UUID id) {
        return database.sql("SELECT " + COLUMNS + " FROM account WHERE id = :id")
                .bind("id", id).map(AccountRepository::map).one();
    }

    /** The account, locked until the transaction ends: seat counting is serialized per account. */
    public Mono<Account> lock(UUID id) {
        return database.sql("SELECT " + COLUMNS + " FROM account WHERE id = :id FOR UPDATE")
                .bind("id", id).map(AccountRepository::map).one();
    }

    public Mono<Account> findBySlug(String slug) {
        return database.sql("SELECT " + COLUMNS + " FROM account WHERE slug = lower(:slug)")
                .bind("slug", slug).map(AccountRepository::map).one();
    }

    public Mono<Void> insert(Account account) {
        return database.sql("""
                        INSERT INTO account (id, slug, name, time_zone, seat_limit)
                        VALUES (:id, :slug, :name, :timeZone, :seatLimit)
                        """)
                .bind("id", account.id())
                .bind("slug", account.slug())
                .bind("name", account.name())
                .bind("timeZone", account.timeZone().getId())
                .bind("seatLimit", account.seatLimit())
                .then();
    }

    public Mono<Void> setOwner(UUID accountId, UUID ownerId) {
        return database.sql("UPDATE account SET owner_id = :owner WHERE id = :id")
                .bind("owner", ownerId).bind("id", accountId).then();
    }

    public Mono<Boolean> update(Account account, long expectedVersion) {
        return database.sql("""
                        UPDATE account SET name = :name, time_zone = :timeZone, seat_limit = :seatLimit,
                            version = version + 1
                        WHERE id = :id AND version = :version
                        """)
                .bind("name", account.name())
                .bind("timeZone", account.timeZone().getId())
                .bind("seatLimit", account.seatLimit())
                .bind("id", account.id())
                .bind("version", expectedVersion)
                .fetch().rowsUpdated().map(updated -> updated == 1);
    }

    /** The id of the account's built-in role of {@code kind}. */
    public Mono<UUID> roleOfKind(UUID accountId, String kind) {
        return database.sql("SELECT id FROM role WHERE account_id = :account AND kind = :kind")
                .bind("account", accountId).bind("kind", kind)
                .map(row -> row.get(0, UUID.class)).one();
    }

    public Mono<UUID> rootDepartment(UUID accountId) {
        return database.sql("SELECT id FROM department WHERE account_id = :account AND parent_id IS NULL ORDER BY created_at LIMIT 1")
                .bind("account", accountId).map(row -> row.get(0, UUID.class)).one();
    }

    private static Account map(Readable row) {
        return new Account(row.get("id", UUID.class), row.get("slug", String.class), row.get("name", String.class),
                ZoneId.of(row.get("time_zone", String.class)), row.get("seat_limit", Integer.class),
                row.get("owner_id", UUID.class), row.get("version", Long.class));
    }
}
