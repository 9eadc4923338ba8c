package dev.roster.notifications.notice;

import dev.roster.events.EventEnvelope;
import dev.roster.notifications.notice.Templates.Rendered;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one writer of {@code delivery}, a row per notice, recipient and channel: records notices (queued emails,
 * delivered in-app notices, suppressed ones), cancels queued emails, erases a deleted user's, and the email worker's
 * claim, outcome, retry and release. Claims use {@code FOR UPDATE SKIP LOCKED}, so replicas never claim one twice; an
 * outcome is recorded only while the claim it was made under still holds.
 */
@Repository
public class DeliveryRepository {

    private final DatabaseClient database;

    DeliveryRepository(DatabaseClient database) {
        this.database = database;
    }

    /** Records a delivery of {@code notice}, unless its event made it already (one per event, recipient, kind, channel). */
    Mono<Void> insert(EventEnvelope<?> event, Notice notice, String channel, String status, String email,
            Rendered rendered, String sealedSecret, String reason, Instant now, Instant due) {
        return database.sql("""
                        INSERT INTO delivery (id, account_id, recipient_id, about_user_id, event_id, kind, channel, status,
                            email, subject, text_body, html_body, sealed_secret, next_attempt_at, suppressed_reason, occurred_at,
                            created_at, sent_at)
                        VALUES (:id, :account, :recipient, :about, :event, :kind, :channel, :status, :email, :subject,
                            :text, :html, :sealedSecret, :due, :reason,
                            :occurredAt, :now, CASE WHEN :status = 'DELIVERED' THEN CAST(:now AS timestamptz) END)
                        ON CONFLICT (event_id, recipient_id, kind, channel) DO NOTHING""")
                .bind("id", UUID.randomUUID())
                .bind("account", event.accountId())
                .bind("recipient", notice.recipientId())
                .bind("about", Parameter.fromOrEmpty(notice.aboutUserId(), UUID.class))
                .bind("event", event.eventId())
                .bind("kind", notice.kind().template())
                .bind("channel", channel)
                .bind("status", status)
                .bind("email", Parameter.fromOrEmpty(email, String.class))
                .bind("subject", Parameter.fromOrEmpty(rendered == null ? null : rendered.subject(), String.class))
                .bind("text", Parameter.fromOrEmpty(rendered == null ? null : rendered.text(), String.class))
                .bind("html", Parameter.fromOrEmpty(rendered == null ? null : rendered.html(), String.class))
                .bind("sealedSecret", Parameter.fromOrEmpty(sealedSecret, String.class))
                .bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .bind("occurredAt", event.occurredAt())
                .bind("due", Parameter.fromOrEmpty(due, Instant.class))
                .bind("now", now)
                .then();
    }

    /**
     * Marks the queued emails of each recipient suppressed with their reason, in one statement; a secret they carried
     * is wiped. Emits how many per reason.
     */
    Mono<Map<String, Long>> cancelQueued(Map<UUID, String> reasons) {
        List<Map.Entry<UUID, String>> entries = List.copyOf(reasons.entrySet());
        return database.sql("""
                        UPDATE delivery d SET status = 'SUPPRESSED', suppressed_reason = r.reason, next_attempt_at = NULL,
                            sealed_secret = NULL
                        FROM unnest(:recipients::uuid[], :reasons::text[]) AS r(recipient_id, reason)
                        WHERE d.recipient_id = r.recipient_id AND d.status = 'QUEUED'
                        RETURNING r.reason""")
                .bind("recipients", entries.stream().map(Map.Entry::getKey).toArray(UUID[]::new))
                .bind("reasons", entries.stream().map(Map.Entry::getValue).toArray(String[]::new))
                .map(row -> row.get("reason", String.class))
                .all()
                .collect(Collectors.groupingBy(reason -> reason, Collectors.counting()));
    }

    /** Deletes the deliveries to or about {@code userId}. */
    Mono<Void> erase(UUID userId) {
        return database.sql("DELETE FROM delivery WHERE recipient_id = :user OR about_user_id = :user")
                .bind("user", userId).then();
    }

    /**
     * Claims up to {@code batch} queued emails due at {@code now}, oldest due first, skipping those another worker has
     * locked: each is {@code SENDING}, claimed at {@code now}, its attempt counted.
     */
    public Flux<ClaimedEmail> claimDue(Instant now, int batch) {
        return database.sql("""
                        UPDATE delivery d SET status = 'SENDING', claimed_at = :now, attempts = d.attempts + 1
                        FROM (SELECT id FROM delivery WHERE status = 'QUEUED' AND channel = 'EMAIL' AND next_attempt_at <= :now
                              ORDER BY next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED) due
                        WHERE d.id = due.id
                        RETURNING d.id, d.recipient_id, d.email, d.subject, d.text_body, d.html_body, d.sealed_secret,
                            d.attempts, d.occurred_at, d.claimed_at""")
                .bind("now", now)
                .bind("batch", batch)
                .map(DeliveryRepository::claimed)
                .all();
    }

    /** The status of the delivery's recipient in the recipients' projection; empty when they are not known. */
    public Mono<String> recipientStatus(UUID deliveryId) {
        return database.sql("SELECT p.status FROM delivery d JOIN person p ON p.id = d.recipient_id WHERE d.id = :id")
                .bind("id", deliveryId)
                .map(row -> row.get("status", String.class))
                .one();
    }

    /**
     * Records a final outcome ({@code SENT}, {@code FAILED}, {@code SUPPRESSED}) at {@code now}, unless the claim was
     * released meanwhile (then another worker owns the email); a secret the email carried is wiped.
     */
    public Mono<Void> finish(ClaimedEmail email, String status, String error, String reason, Instant now) {
        return database.sql("""
                        UPDATE delivery SET status = :status, last_error = :error, suppressed_reason = :reason,
                            next_attempt_at = NULL, claimed_at = NULL, sealed_secret = NULL,
                            sent_at = CASE WHEN :status = 'SENT' THEN CAST(:now AS timestamptz) END
                        WHERE id = :id AND status = 'SENDING' AND claimed_at = :claimedAt""")
                .bind("id", email.id())
                .bind("claimedAt", email.claimedAt())
                .bind("status", status)
                .bind("error", Parameter.fromOrEmpty(error, String.class))
                .bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .bind("now", now)
                .then();
    }

    /** Queues a claimed email again, due at {@code next}, after an attempt that failed with {@code error}. */
    public Mono<Void> retryAt(ClaimedEmail email, String error, Instant next) {
        return database.sql("""
                        UPDATE delivery SET status = 'QUEUED', last_error = :error, claimed_at = NULL, next_attempt_at = :next
                        WHERE id = :id AND status = 'SENDING' AND claimed_at = :claimedAt""")
                .bind("id", email.id())
                .bind("claimedAt", email.claimedAt())
                .bind("error", error)
                .bind("next", next)
                .then();
    }

    /** Queues again, due at {@code now}, the emails claimed before {@code stale} (their worker died). */
    public Mono<Void> releaseStale(Instant now, Instant stale) {
        return database.sql("""
                        UPDATE delivery SET status = 'QUEUED', claimed_at = NULL, next_attempt_at = :now
                        WHERE status = 'SENDING' AND claimed_at < :stale""")
                .bind("now", now)
                .bind("stale", stale)
                .then();
    }

    /** Queues claimed emails again, due at {@code due}, their attempt not counted (not tried); emits how many. */
    public Mono<Long> requeue(List<ClaimedEmail> emails, Instant due) {
        return database.sql("""
                        UPDATE delivery d SET status = 'QUEUED', claimed_at = NULL, next_attempt_at = :now,
                            attempts = greatest(d.attempts - 1, 0)
                        FROM unnest(:ids::uuid[], :claimedAts::timestamptz[]) AS mine(id, claimed_at)
                        WHERE d.id = mine.id AND d.status = 'SENDING' AND d.claimed_at = mine.claimed_at""")
                .bind("now", due)
                .bind("ids", emails.stream().map(ClaimedEmail::id).toArray(UUID[]::new))
                .bind("claimedAts", emails.stream().map(email -> email.claimedAt().atOffset(ZoneOffset.UTC))
                        .toArray(OffsetDateTime[]::new))
                .fetch().rowsUpdated();
    }

    private static ClaimedEmail claimed(Readable row) {
        return new ClaimedEmail(row.get("id", UUID.class), row.get("recipient_id", UUID.class),
                row.get("email", String.class), row.get("subject", String.class), row.get("text_body", String.class),
                row.get("html_body", String.class), row.get("sealed_secret", String.class),
                row.get("attempts", Integer.class), row.get("occurred_at", Instant.class),
                row.get("claimed_at", Instant.class));
    }

    /** An email a worker claimed: to whom, what it says, which attempt this is, and when it was claimed. */
    public record ClaimedEmail(UUID id, UUID recipientId, String address, String subject, String text, String html,
            String sealedSecret, int attempts, Instant occurredAt, Instant claimedAt) {
    }
}
