package dev.roster.platform.outbox;

import dev.roster.events.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes what {@link Outbox} recorded. Several relays (one per replica) may run at once: each
 * claims a batch with {@code FOR UPDATE SKIP LOCKED}, publishes it with an idempotent producer
 * ({@code acks=all}), and marks the rows sent. Per key, events go out in the order they were
 * recorded: a relay never claims an event while an earlier one of the same key is still unsent
 * outside its batch. Claims of a relay that died are released after {@code claimTimeout}. A published
 * event that carries a secret ({@link dev.roster.events.CarriesSecret}) is deleted at once rather than
 * kept for {@code retention}: no usable one-time token stays in the table.
 */
public class OutboxRelay implements SmartLifecycle {

    public static final String EVENT_ID_HEADER = "roster-event-id";
    public static final String EVENT_TYPE_HEADER = "roster-event-type";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final String CLAIM = """
            WITH candidates AS (
                SELECT id, message_key FROM outbox
                WHERE sent_at IS NULL AND claimed_at IS NULL
                ORDER BY id
                LIMIT :batchSize
                FOR UPDATE SKIP LOCKED
            ), ahead AS (
                -- unsent rows before the last candidate that this claim does not hold: in flight, or being
                -- claimed by another relay; a candidate behind one of them with its key must wait
                SELECT e.message_key, min(e.id) AS first_id FROM outbox e
                WHERE e.sent_at IS NULL AND e.id < (SELECT max(id) FROM candidates)
                  AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.id = e.id)
                GROUP BY e.message_key
            ), claimable AS (
                SELECT c.id FROM candidates c LEFT JOIN ahead a ON a.message_key = c.message_key
                WHERE a.first_id IS NULL OR a.first_id > c.id
            )
            UPDATE outbox o
            SET claimed_at = now(), claimed_by = :relay, attempts = o.attempts + 1
            FROM claimable
            WHERE o.id = claimable.id
            RETURNING o.id, o.event_id, o.topic, o.message_key, o.event_type, o.payload, o.occurred_at
            """;

    private final DatabaseClient database;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Clock clock;
    private final String relayId;
    private final Set<String> secretTypeSet = EventTypes.carryingSecrets();
    private final String[] secretTypes = secretTypeSet.toArray(String[]::new);

    private final Counter published;
    private final Counter failed;
    private final Timer lag;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestUnpublishedSeconds = new AtomicLong();
    private final AtomicInteger consecutiveFailures = new AtomicInteger();

    private volatile Disposable relaying;
    private volatile Disposable housekeeping;

    public OutboxRelay(DatabaseClient database, KafkaTemplate<String, byte[]> kafka, OutboxProperties properties,
            MeterRegistry meters, Clock clock, String applicationName) {
        this.database = database;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.relayId = applicationName + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.published = Counter.builder("roster.outbox.published")
                .description("Events published from the outbox").register(meters);
        this.failed = Counter.builder("roster.outbox.failed")
                .description("Publication attempts that failed and will be retried").register(meters);
        this.lag = Timer.builder("roster.outbox.lag")
                .description("From an event's occurredAt to its publication").publishPercentileHistogram()
                .register(meters);
        Gauge.builder("roster.outbox.backlog", backlog, AtomicLong::get)
                .description("Events recorded and not yet published").register(meters);
        Gauge.builder("roster.outbox.oldest.unpublished.age", oldestUnpublishedSeconds, AtomicLong::get)
                .description("Age in seconds of the oldest unpublished event").baseUnit("seconds").register(meters);
    }

    /** Claims, publishes and marks one batch; returns how many rows it claimed. */
    public Mono<Integer> relayOnce() {
        return claim()
                .collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(0) : publish(rows).thenReturn(rows.size()));
    }

    /** Releases claims older than the claim timeout (their relay died), purges old sent rows, refreshes gauges. */
    public Mono<Void> housekeep() {
        Mono<Long> releaseStuck = database.sql("""
                        UPDATE outbox SET claimed_at = NULL, claimed_by = NULL
                        WHERE sent_at IS NULL AND claimed_at < now() - make_interval(secs => :seconds)
                        """)
                .bind("seconds", (double) properties.claimTimeout().toSeconds())
                .fetch().rowsUpdated()
                .doOnNext(released -> {
                    if (released > 0) {
                        log.warn("Released {} outbox rows claimed by a relay that did not finish", released);
                    }
                });
        // rows carrying a secret go at once (also those an older version marked sent and kept)
        Mono<Long> purge = database.sql("""
                        DELETE FROM outbox
                        WHERE sent_at < now() - make_interval(secs => :seconds)
                           OR (sent_at IS NOT NULL AND event_type = ANY(:secretTypes))
                        """)
                .bind("seconds", (double) properties.retention().toSeconds())
                .bind("secretTypes", secretTypes)
                .fetch().rowsUpdated();
        Mono<Void> gauges = database.sql("SELECT count(*) AS backlog, min(occurred_at) AS oldest FROM outbox WHERE sent_at IS NULL")
                .map(row -> {
                    backlog.set(row.get("backlog", Long.class));
                    OffsetDateTime oldest = row.get("oldest", OffsetDateTime.class);
                    oldestUnpublishedSeconds.set(oldest == null ? 0
                            : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toSeconds()));
                    return true;
                })
                .one()
                .then();
        return releaseStuck.then(purge).then(gauges);
    }

    private Flux<OutboxRow> claim() {
        return database.sql(CLAIM)
                .bind("batchSize", properties.batchSize())
                .bind("relay", relayId)
                .map(row -> new OutboxRow(
                        row.get("id", Long.class),
                        row.get("event_id", UUID.class),
                        row.get("topic", String.class),
                        row.get("message_key", String.class),
                        row.get("event_type", String.class),
                        row.get("payload", String.class),
                        row.get("occurred_at", OffsetDateTime.class).toInstant()))
                .all()
                // the UPDATE ... RETURNING order is not the id order; sending must be
                .sort((a, b) -> Long.compare(a.id(), b.id()));
    }

    private Mono<Void> publish(List<OutboxRow> rows) {
        // KafkaTemplate.send blocks while it waits for metadata (max.block.ms): keep it off the event loop
        return Mono.fromCallable(() -> rows.stream().map(this::send).toList())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(futures -> Flux.range(0, rows.size())
                        .flatMap(i -> Mono.fromFuture(futures.get(i))
                                .map(result -> new Outcome(rows.get(i), null))
                                .onErrorResume(error -> Mono.just(new Outcome(rows.get(i), error)))))
                .collectList()
                .flatMap(this::record);
    }

    private CompletableFuture<SendResult<String, byte[]>> send(OutboxRow row) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(),
                    row.payload() == null ? null : row.payload().getBytes(StandardCharsets.UTF_8));
            record.headers().add(EVENT_ID_HEADER, row.eventId().toString().getBytes(StandardCharsets.UTF_8));
            if (row.type() != null) {
                record.headers().add(EVENT_TYPE_HEADER, row.type().getBytes(StandardCharsets.UTF_8));
            }
            return kafka.send(record);
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    private Mono<Void> record(List<Outcome> outcomes) {
        List<Long> sent = new ArrayList<>();
        List<Long> sentSecrets = new ArrayList<>();
        List<Long> unsent = new ArrayList<>();
        String lastError = null;
        Instant now = clock.instant();
        for (Outcome outcome : outcomes) {
            if (outcome.error() == null) {
                (carriesSecret(outcome.row()) ? sentSecrets : sent).add(outcome.row().id());
                lag.record(Duration.between(outcome.row().occurredAt(), now));
            }
            else {
                unsent.add(outcome.row().id());
                lastError = String.valueOf(outcome.error().getMessage());
            }
        }
        published.increment(sent.size() + sentSecrets.size());
        if (unsent.isEmpty()) {
            consecutiveFailures.set(0);
        }
        else {
            failed.increment(unsent.size());
            consecutiveFailures.incrementAndGet();
            log.warn("Could not publish {} of {} outbox events, will retry: {}", unsent.size(), outcomes.size(), lastError);
        }
        Mono<Long> markSent = sent.isEmpty() ? Mono.just(0L)
                : database.sql("UPDATE outbox SET sent_at = now(), claimed_at = NULL, last_error = NULL WHERE id = ANY(:ids)")
                        .bind("ids", sent.toArray(Long[]::new))
                        .fetch().rowsUpdated();
        // a published row carrying a secret is deleted rather than marked sent: its token is not kept at rest
        Mono<Long> deleteSecrets = sentSecrets.isEmpty() ? Mono.just(0L)
                : database.sql("DELETE FROM outbox WHERE id = ANY(:ids)")
                        .bind("ids", sentSecrets.toArray(Long[]::new))
                        .fetch().rowsUpdated();
        Mono<Long> release = unsent.isEmpty() ? Mono.just(0L)
                : database.sql("UPDATE outbox SET claimed_at = NULL, claimed_by = NULL, last_error = :error WHERE id = ANY(:ids)")
                        .bind("ids", unsent.toArray(Long[]::new))
                        .bind("error", lastError)
                        .fetch().rowsUpdated();
        return markSent.then(deleteSecrets).then(release).then();
    }

    private boolean carriesSecret(OutboxRow row) {
        return row.type() != null && secretTypeSet.contains(row.type());
    }

    /** How long to wait before the next round: none after a full batch, longer and longer while publishing fails. */
    private Duration nextDelay(int claimed) {
        int failures = consecutiveFailures.get();
        if (failures > 0) {
            long millis = properties.pollInterval().toMillis() * (1L << Math.min(failures, 16));
            return Duration.ofMillis(Math.min(millis, properties.maxBackoff().toMillis()));
        }
        return claimed >= properties.batchSize() ? Duration.ZERO : properties.pollInterval();
    }

    @Override
    public void start() {
        relaying = Mono.defer(this::relayOnce)
                .map(this::nextDelay)
                .onErrorResume(error -> {
                    consecutiveFailures.incrementAndGet();
                    log.warn("Outbox relay round failed, will retry: {}", error.toString());
                    return Mono.just(nextDelay(0));
                })
                .flatMap(delay -> delay.isZero() ? Mono.just(0L) : Mono.delay(delay))
                .repeat()
                .subscribe(ignored -> { }, error -> log.error("Outbox relay stopped unexpectedly", error));
        housekeeping = Flux.interval(Duration.ZERO, properties.housekeepingInterval())
                .concatMap(tick -> housekeep().onErrorResume(error -> {
                    log.warn("Outbox housekeeping failed: {}", error.toString());
                    return Mono.empty();
                }))
                .subscribe(ignored -> { }, error -> log.error("Outbox housekeeping stopped unexpectedly", error));
        log.info("Outbox relay {} started", relayId);
    }

    @Override
    public void stop() {
        dispose(relaying);
        dispose(housekeeping);
        relaying = null;
        housekeeping = null;
        try {
            // hand our unfinished claims to the other relays now rather than after the claim timeout
            database.sql("UPDATE outbox SET claimed_at = NULL, claimed_by = NULL WHERE claimed_by = :relay AND sent_at IS NULL")
                    .bind("relay", relayId)
                    .fetch().rowsUpdated()
                    .block(Duration.ofSeconds(5));
        }
        catch (RuntimeException ex) {
            log.warn("Could not release the claims of relay {}: {}", relayId, ex.toString());
        }
        log.info("Outbox relay {} stopped", relayId);
    }

    @Override
    public boolean isRunning() {
        return relaying != null;
    }

    /** Stop before the connection pool and the producer, start after them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    public String relayId() {
        return relayId;
    }

    private static void dispose(Disposable disposable) {
        if (disposable != null) {
            disposable.dispose();
        }
    }

    record OutboxRow(long id, UUID eventId, String topic, String key, String type, String payload, Instant occurredAt) {
    }

    private record Outcome(OutboxRow row, Throwable error) {
    }
}
