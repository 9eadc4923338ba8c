package dev.roster.notifications.center;

import dev.roster.events.EventEnvelope;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one writer of {@code notification}, the in-app notices: stores and announces a new notice, marks a recipient's
 * read, erases a deleted user's; and reads a recipient's, always within their account.
 */
@Repository
public class NotificationRepository {

    /** The channel LISTEN/NOTIFY announces new in-app notices on: {@code <recipientId>:<notificationId>}. */
    static final String CHANNEL = "roster_notifications";

    private final DatabaseClient database;

    NotificationRepository(DatabaseClient database) {
        this.database = database;
    }

    /**
     * Stores an in-app notice of {@code event}, unless the event made it already (one per event, recipient and kind),
     * and announces it on {@link #CHANNEL} (PostgreSQL sends it once the transaction commits). Emits whether it was new.
     */
    public Mono<Boolean> insert(EventEnvelope<?> event, UUID recipientId, UUID aboutUserId, String kind, String title,
            String body, Instant now) {
        return database.sql("""
                        WITH created AS (
                            INSERT INTO notification (id, account_id, recipient_id, about_user_id, kind, title, body,
                                event_id, created_at)
                            VALUES (:id, :account, :recipient, :about, :kind, :title, :body, :event, :now)
                            ON CONFLICT (event_id, recipient_id, kind) DO NOTHING
                            RETURNING id, recipient_id)
                        SELECT pg_notify(:channel, recipient_id || ':' || id) FROM created""")
                .bind("id", UUID.randomUUID())
                .bind("account", event.accountId())
                .bind("recipient", recipientId)
                .bind("about", Parameter.fromOrEmpty(aboutUserId, UUID.class))
                .bind("kind", kind)
                .bind("title", title)
                .bind("body", body)
                .bind("event", event.eventId())
                .bind("now", now)
                .bind("channel", CHANNEL)
                .fetch().all().count()
                .map(created -> created > 0);
    }

    /** Deletes the notices to or about {@code userId}. */
    public Mono<Void> erase(UUID userId) {
        return database.sql("DELETE FROM notification WHERE recipient_id = :user OR about_user_id = :user")
                .bind("user", userId).then();
    }

    /** One page of the recipient's notices (only the unread ones if asked), newest first. */
    Flux<NotificationResponse> page(UUID accountId, UUID recipientId, boolean unreadOnly, int limit, long offset) {
        return database.sql("SELECT *" + where(unreadOnly) + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .bind("me", recipientId)
                .bind("account", accountId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(NotificationRepository::notification)
                .all();
    }

    /** How many notices the recipient has (only the unread ones if asked). */
    Mono<Long> count(UUID accountId, UUID recipientId, boolean unreadOnly) {
        return database.sql("SELECT count(*)" + where(unreadOnly))
                .bind("me", recipientId)
                .bind("account", accountId)
                .map(row -> row.get(0, Long.class))
                .one();
    }

    private static String where(boolean unreadOnly) {
        return " FROM notification WHERE recipient_id = :me AND account_id = :account"
                + (unreadOnly ? " AND read_at IS NULL" : "");
    }

    /** One of the recipient's notices; empty when it is not theirs. */
    Mono<NotificationResponse> find(UUID accountId, UUID recipientId, UUID id) {
        return database.sql("SELECT * FROM notification WHERE id = :id AND recipient_id = :me AND account_id = :account")
                .bind("id", id)
                .bind("me", recipientId)
                .bind("account", accountId)
                .map(NotificationRepository::notification)
                .one();
    }

    /** Marks one of the recipient's notices read at {@code now} (if it is not yet); empty when it is not theirs. */
    Mono<NotificationResponse> markRead(UUID accountId, UUID recipientId, UUID id, Instant now) {
        return database.sql("""
                        UPDATE notification SET read_at = coalesce(read_at, :now)
                        WHERE id = :id AND recipient_id = :me AND account_id = :account RETURNING *""")
                .bind("id", id)
                .bind("me", recipientId)
                .bind("account", accountId)
                .bind("now", now)
                .map(NotificationRepository::notification)
                .one();
    }

    /** Marks every unread notice of the recipient read at {@code now}; emits how many. */
    Mono<Long> markAllRead(UUID accountId, UUID recipientId, Instant now) {
        return database.sql("""
                        UPDATE notification SET read_at = :now
                        WHERE recipient_id = :me AND account_id = :account AND read_at IS NULL""")
                .bind("me", recipientId)
                .bind("account", accountId)
                .bind("now", now)
                .fetch().rowsUpdated();
    }

    private static NotificationResponse notification(Readable row) {
        Instant readAt = row.get("read_at", Instant.class);
        return new NotificationResponse(row.get("id", UUID.class), row.get("kind", String.class),
                row.get("title", String.class), row.get("body", String.class), row.get("created_at", Instant.class),
                readAt, readAt != null);
    }
}
