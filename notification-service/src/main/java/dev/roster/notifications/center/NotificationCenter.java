package dev.roster.notifications.center;

import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.web.Page;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The in-app notification center of the caller: only ever their own notices (anyone else's are 404). */
@Service
class NotificationCenter {

    private final DatabaseClient database;
    private final LiveNotifications live;
    private final Clock clock;

    NotificationCenter(DatabaseClient database, LiveNotifications live, Clock clock) {
        this.database = database;
        this.live = live;
        this.clock = clock;
    }

    Mono<Page<NotificationResponse>> list(Caller caller, boolean unreadOnly, int page, int size) {
        Page.check(page, size);
        String where = " FROM notification WHERE recipient_id = :me AND account_id = :account"
                + (unreadOnly ? " AND read_at IS NULL" : "");
        return Mono.zip(
                        database.sql("SELECT *" + where + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                                .bind("me", caller.userId())
                                .bind("account", caller.accountId())
                                .bind("limit", size)
                                .bind("offset", (long) page * size)
                                .map(NotificationCenter::notification)
                                .all()
                                .collectList(),
                        database.sql("SELECT count(*)" + where)
                                .bind("me", caller.userId())
                                .bind("account", caller.accountId())
                                .map(row -> row.get(0, Long.class))
                                .one())
                .map(loaded -> Page.of(loaded.getT1(), page, size, loaded.getT2()));
    }

    Mono<Long> unreadCount(Caller caller) {
        return database.sql("SELECT count(*) FROM notification WHERE recipient_id = :me AND account_id = :account AND read_at IS NULL")
                .bind("me", caller.userId())
                .bind("account", caller.accountId())
                .map(row -> row.get(0, Long.class))
                .one();
    }

    Mono<NotificationResponse> markRead(Caller caller, UUID id) {
        return database.sql("""
                        UPDATE notification SET read_at = coalesce(read_at, :now)
                        WHERE id = :id AND recipient_id = :me AND account_id = :account RETURNING *""")
                .bind("id", id)
                .bind("me", caller.userId())
                .bind("account", caller.accountId())
                .bind("now", clock.instant())
                .map(NotificationCenter::notification)
                .one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Notification " + id)));
    }

    Mono<Long> readAll(Caller caller) {
        return database.sql("""
                        UPDATE notification SET read_at = :now
                        WHERE recipient_id = :me AND account_id = :account AND read_at IS NULL""")
                .bind("me", caller.userId())
                .bind("account", caller.accountId())
                .bind("now", clock.instant())
                .fetch().rowsUpdated();
    }

    /** New notices of the caller as they are committed, on any replica. */
    Flux<NotificationResponse> stream(Caller caller) {
        return live.of(caller.userId()).concatMap(id -> database.sql(
                        "SELECT * FROM notification WHERE id = :id AND recipient_id = :me AND account_id = :account")
                .bind("id", id)
                .bind("me", caller.userId())
                .bind("account", caller.accountId())
                .map(NotificationCenter::notification)
                .one());
    }

    private static NotificationResponse notification(Readable row) {
        Instant readAt = row.get("read_at", Instant.class);
        return new NotificationResponse(row.get("id", UUID.class), row.get("kind", String.class),
                row.get("title", String.class), row.get("body", String.class), row.get("created_at", Instant.class),
                readAt, readAt != null);
    }
}
