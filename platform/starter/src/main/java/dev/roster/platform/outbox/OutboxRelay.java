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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
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
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes what {@link Outbox} recorded. Several relays (one per replica) may run at once: each
 * claims a batch with {@code FOR UPDATE SKIP LOCKED}, publishes it with an idempotent producer
 * ({@code acks=all}), and deletes the rows the broker acknowledged (or marks them sent, when a {@code retention}
 * is configured to keep them for inspection). Per topic and key, events go out in the order they were
 * recorded: a relay never claims an event while an earlier one of the same topic and key is still unsent
 * outside its batch. Claims of a relay that died are released after {@code claimTimeout}. A published
 * event that carries a secret ({@link dev.roster.events.CarriesSecret}) is deleted at once even when others
 * are kept: no usable one-time token stays in the table.
 *
 * <p>A relay works when it is told to: at each commit that recorded rows ({@link OutboxNotifications}), and
 * every {@code pollInterval} as a safety net. Wake-ups that come while it works make it look again once
 * it is done, not once each. The priority topics have a lane of their own, so that an access event never
 * waits behind a burst of others, and the other lane yields to it between batches; in each lane the next
 * batch is claimed while the previous one is being published ({@code pipelineDepth}).
 */
public class OutboxRelay implements SmartLifecycle {

    public static final String EVENT_ID_HEADER = "roster-event-id";
    public static final String EVENT_TYPE_HEADER = "roster-event-type";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final JsonMapper HEADERS = JsonMapper.shared();

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration YIELD_CHECK = Duration.ofMillis(5);
    private static final Duration MOST_YIELDED = Duration.ofSeconds(1);
    private static final Duration BEHIND_ANOTHER_RELAY = Duration.ofMillis(100);
    private static final Duration MOST_FINISHING = Duration.ofSeconds(10);
    private static final Batch NOTHING = new Batch(List.of(), 0);

    /**
     * Claims the oldest claimable rows of a lane ({@code %1$s} and {@code %2$s} filter the topics). The rows are
     * locked one statement long; {@code candidates} tells how many were looked at, so a short batch that left
     * some out (behind an earlier unsent event of their topic and key) is told from the end of the backlog, also
     * when it took none (then the one row it answers has no event: a backlog of one key behind its batch in flight).
     * Linear whatever the planner estimates (a burst on a topic the statistics have not seen yet is estimated
     * at one row): membership in {@code candidates} is a hashed subplan, and "behind" a window over the lane's
     * unsent rows in order, not a join that could become a nested loop over thousands of rows.
     */
    private static final String CLAIM = """
            WITH candidates AS MATERIALIZED (
                SELECT id FROM outbox
                WHERE sent_at IS NULL AND claimed_at IS NULL%1$s
                ORDER BY id
                LIMIT :batchSize
                FOR UPDATE SKIP LOCKED
            ), lined_up AS (
                -- the lane's unsent rows up to the last candidate, per topic and key in order; a candidate behind
                -- one that this claim does not hold (in flight, or being claimed by another relay) must wait
                SELECT e.id, e.id IN (SELECT id FROM candidates) AS candidate,
                       bool_or(e.id NOT IN (SELECT id FROM candidates)) OVER (PARTITION BY e.topic, e.message_key
                               ORDER BY e.id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS behind
                FROM outbox e
                WHERE e.sent_at IS NULL AND e.id <= (SELECT max(id) FROM candidates)%2$s
            ), claimed AS (
                UPDATE outbox o
                SET claimed_at = now(), claimed_by = :relay, attempts = o.attempts + 1
                WHERE o.id = ANY(ARRAY(SELECT id FROM lined_up WHERE candidate AND NOT behind))
                RETURNING o.id, o.event_id, o.topic, o.message_key, o.event_type, o.payload, o.occurred_at, o.headers
            )
            -- one row even when nothing was claimed: how many were looked at tells a wait from the end
            SELECT c.id, c.event_id, c.topic, c.message_key, c.event_type, c.payload, c.occurred_at,
                   c.headers::text AS headers, n.candidates
            FROM (SELECT count(*) AS candidates FROM candidates) n
            LEFT JOIN claimed c ON true
            """;

    private final DatabaseClient database;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final OutboxNotifications notifications;
    private final Clock clock;
    private final String relayId;
    private final List<Lane> lanes;
    private final Set<String> secretTypeSet = EventTypes.carryingSecrets();
    private final String[] secretTypes = secretTypeSet.toArray(String[]::new);

    private final Counter published;
    private final Counter failed;
    private final Timer lag;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestUnpublishedSeconds = new AtomicLong();
    private final AtomicBoolean secretsPurged = new AtomicBoolean();

    private volatile Disposable running;
    private volatile boolean stopping;

    /** A relay that only polls (no notifications): for tests and databases without them. */
    public OutboxRelay(DatabaseClient database, KafkaTemplate<String, byte[]> kafka, OutboxProperties properties,
            MeterRegistry meters, Clock clock, String applicationName) {
        this(database, kafka, properties, null, meters, clock, applicationName);
    }

    public OutboxRelay(DatabaseClient database, KafkaTemplate<String, byte[]> kafka, OutboxProperties properties,
            OutboxNotifications notifications, MeterRegistry meters, Clock clock, String applicationName) {
        this.database = database;
        this.kafka = kafka;
        this.properties = properties;
        this.notifications = notifications;
        this.clock = clock;
        this.relayId = applicationName + "-" + UUID.randomUUID().toString().substring(0, 8);
        String[] priority = properties.priorityTopics().toArray(String[]::new);
        this.lanes = priority.length == 0 ? List.of(new Lane("all", false, "", null))
                : List.of(new Lane("priority", true, "topic = ANY(:topics)", priority),
                        new Lane("other", false, "topic <> ALL(:topics)", priority));
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
        Gauge.builder("roster.outbox.listening", this, relay -> relay.listening() ? 1 : 0)
                .description("1 while the relay listens for notifications of new rows, 0 while it only polls")
                .register(meters);
    }

    /** Claims, publishes and marks one batch of each lane; returns how many rows it claimed. */
    public Mono<Integer> relayOnce() {
        return Flux.fromIterable(lanes)
                .concatMap(lane -> claim(lane).flatMap(batch -> batch.rows().isEmpty() ? Mono.just(0)
                        : publish(lane, batch.rows()).thenReturn(batch.rows().size())))
                .reduce(0, Integer::sum);
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
        Mono<Long> purge = database.sql("DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => :seconds)")
                .bind("seconds", (double) properties.retention().toSeconds())
                .fetch().rowsUpdated();
        // rows carrying a secret that an older version marked sent and kept: this relay deletes them as it
        // publishes them, so once after each start is enough (the condition reads every sent row)
        Mono<Long> purgeSecrets = Mono.defer(() -> secretsPurged.get() ? Mono.just(0L)
                : database.sql("DELETE FROM outbox WHERE sent_at IS NOT NULL AND event_type = ANY(:secretTypes)")
                        .bind("secretTypes", secretTypes)
                        .fetch().rowsUpdated()
                        .doOnNext(deleted -> secretsPurged.set(true)));
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
        return releaseStuck.then(purge).then(purgeSecrets).then(vacuumWhenBloated()).then(gauges);
    }

    /**
     * Every published row leaves dead versions behind (the claim, and the delete or the mark and the purge).
     * PostgreSQL's autovacuum reclaims them; where it is off or falls behind a burst, claims slow from milliseconds to
     * seconds as they wade through hundreds of thousands of dead rows. So the relay vacuums its table itself once it holds more dead rows
     * than {@code roster.outbox.vacuum-dead-rows} (a table owner may; VACUUM runs outside any transaction).
     */
    private Mono<Void> vacuumWhenBloated() {
        if (properties.vacuumDeadRows() <= 0) {
            return Mono.empty();
        }
        return database.sql("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'outbox' AND schemaname = current_schema()")
                .map(row -> row.get("n_dead_tup", Long.class))
                .one()
                .filter(dead -> dead != null && dead > properties.vacuumDeadRows())
                .flatMap(dead -> {
                    long start = System.nanoTime();
                    return database.sql("VACUUM (ANALYZE) outbox").then()
                            .doOnSuccess(ignored -> log.info("Vacuumed the outbox ({} dead rows) in {} ms", dead,
                                    Duration.ofNanos(System.nanoTime() - start).toMillis()));
                });
    }

    /** Whether the relay is told of new rows now (else it finds them at its next poll). */
    public boolean listening() {
        return notifications != null && notifications.listening();
    }

    /**
     * Relays until a pass finds nothing more to do: each pass claims batch after batch, with up to
     * {@code pipelineDepth} being published at once, until a claim comes back short. Another pass follows
     * when a batch left rows out (behind an event in flight, maybe one of ours that is published by now) or
     * while publishing fails (after a back-off).
     */
    private Mono<Void> drain(Lane lane) {
        return Mono.defer(() -> pass(lane)).repeat().takeUntil(again -> !again || stopping)
                .doOnNext(again -> log.debug("Lane {} pass done, again: {}", lane.name, again)).then()
                .doOnSubscribe(subscription -> lane.draining.incrementAndGet())
                .doFinally(signal -> lane.draining.decrementAndGet());
    }

    /**
     * Before each claim, the other lanes wait while the priority lane works (up to {@link #MOST_YIELDED} at a
     * time, so that a priority lane that keeps failing does not stop the others): in a burst, the access
     * events get the database and the producer to themselves and leave first.
     */
    private Mono<Void> yieldToPriority(Lane lane) {
        Lane priority = lanes.getFirst();
        if (lane == priority || !priority.priority || priority.draining.get() == 0) {
            return Mono.empty();
        }
        return Flux.interval(YIELD_CHECK)
                .takeUntil(tick -> priority.draining.get() == 0)
                .take(MOST_YIELDED)
                .then();
    }

    private Mono<Boolean> pass(Lane lane) {
        AtomicInteger claimed = new AtomicInteger();
        AtomicBoolean leftSome = new AtomicBoolean();
        // a stopping relay claims nothing more: the batch in flight is the last
        return Mono.defer(() -> stopping ? Mono.just(NOTHING) : yieldToPriority(lane).then(claim(lane)))
                .repeat()
                .doOnNext(batch -> log.debug("Lane {} claimed {} of {} candidates", lane.name, batch.rows().size(), batch.candidates()))
                .takeUntil(batch -> batch.rows().size() < properties.batchSize() || lane.failures.get() > 0)
                // a claim that left rows out (behind an event of their key in flight: the batch before, for a backlog
                // of one key) means another pass, even when it claimed nothing; nothing else would wake the relay
                .doOnNext(batch -> {
                    if (batch.candidates() > batch.rows().size()) {
                        leftSome.set(true);
                    }
                })
                .filter(batch -> !batch.rows().isEmpty())
                .flatMap(batch -> {
                    claimed.addAndGet(batch.rows().size());
                    return publish(lane, batch.rows())
                            .doOnSuccess(done -> log.debug("Lane {} published {}", lane.name, batch.rows().size()));
                }, properties.pipelineDepth())
                .then(Mono.defer(() -> {
                    if (claimed.get() == 0) {
                        // nothing left to claim (what failed, another relay took): done, and not failing; or all of it
                        // behind another relay's events in flight: look again shortly, once those are out
                        lane.failures.set(0);
                        return leftSome.get() ? Mono.delay(BEHIND_ANOTHER_RELAY).thenReturn(true) : Mono.just(false);
                    }
                    if (lane.failures.get() > 0) {
                        return Mono.delay(backoff(lane)).thenReturn(true);
                    }
                    return Mono.just(leftSome.get());
                }))
                .onErrorResume(error -> {
                    lane.failures.incrementAndGet();
                    log.warn("Outbox relay round failed, will retry: {}", error.toString());
                    return Mono.delay(backoff(lane)).thenReturn(true);
                });
    }

    private Mono<Batch> claim(Lane lane) {
        DatabaseClient.GenericExecuteSpec claim = database.sql(lane.claimSql)
                .bind("batchSize", properties.batchSize())
                .bind("relay", relayId);
        if (lane.topics != null) {
            claim = claim.bind("topics", lane.topics);
        }
        return claim
                .map(row -> new ClaimedRow(row.get("id", Long.class) == null ? null : new OutboxRow(
                        row.get("id", Long.class),
                        row.get("event_id", UUID.class),
                        row.get("topic", String.class),
                        row.get("message_key", String.class),
                        row.get("event_type", String.class),
                        row.get("payload", String.class),
                        row.get("occurred_at", OffsetDateTime.class).toInstant(),
                        row.get("headers", String.class)),
                        row.get("candidates", Long.class)))
                .all()
                .collectList()
                .map(claimed -> new Batch(claimed.stream().map(ClaimedRow::row).filter(Objects::nonNull)
                        // the UPDATE ... RETURNING order is not the id order; sending must be
                        .sorted((a, b) -> Long.compare(a.id(), b.id()))
                        .toList(),
                        claimed.isEmpty() ? 0 : claimed.getFirst().candidates()));
    }

    private Mono<Void> publish(Lane lane, List<OutboxRow> rows) {
        // KafkaTemplate.send blocks while it waits for metadata (max.block.ms): keep it off the event loop
        return Mono.fromCallable(() -> send(rows))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(futures -> Flux.range(0, rows.size())
                        .flatMap(i -> Mono.fromFuture(futures.get(i))
                                .map(result -> new Outcome(rows.get(i), null))
                                .onErrorResume(error -> Mono.just(new Outcome(rows.get(i), error)))))
                .collectList()
                .flatMap(outcomes -> record(lane, outcomes));
    }

    /** Hands the rows to the producer in order; once a send fails at once (no metadata: the broker is down), the rest are not tried. */
    private List<CompletableFuture<SendResult<String, byte[]>>> send(List<OutboxRow> rows) {
        List<CompletableFuture<SendResult<String, byte[]>>> futures = new ArrayList<>(rows.size());
        CompletableFuture<SendResult<String, byte[]>> failedAtOnce = null;
        for (OutboxRow row : rows) {
            if (failedAtOnce != null) {
                futures.add(failedAtOnce);
                continue;
            }
            CompletableFuture<SendResult<String, byte[]>> future = send(row);
            if (future.isCompletedExceptionally()) {
                failedAtOnce = future;
            }
            futures.add(future);
        }
        return futures;
    }

    private CompletableFuture<SendResult<String, byte[]>> send(OutboxRow row) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(),
                    row.payload() == null ? null : row.payload().getBytes(StandardCharsets.UTF_8));
            record.headers().add(EVENT_ID_HEADER, row.eventId().toString().getBytes(StandardCharsets.UTF_8));
            if (row.type() != null) {
                record.headers().add(EVENT_TYPE_HEADER, row.type().getBytes(StandardCharsets.UTF_8));
            }
            // the trace of the work that recorded the event (traceparent, baggage), for its consumers to continue
            headers(row).forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            return kafka.send(record);
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /** The row's headers: a JSON object of strings (anything else in it is left out, not a reason to hold the event back). */
    private static Map<String, String> headers(OutboxRow row) {
        if (row.headers() == null || row.headers().equals("{}")) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            HEADERS.readTree(row.headers()).properties().forEach(header -> {
                if (header.getValue().isString()) {
                    headers.put(header.getKey(), header.getValue().stringValue());
                }
            });
        }
        catch (JacksonException ex) {
            log.warn("Outbox row {} has headers that are not JSON; publishing it without them: {}", row.id(), ex.toString());
        }
        return headers;
    }

    private Mono<Void> record(Lane lane, List<Outcome> outcomes) {
        List<Long> sent = new ArrayList<>();
        List<Long> deleted = new ArrayList<>();
        List<Long> unsent = new ArrayList<>();
        String lastError = null;
        Instant now = clock.instant();
        // kept rows cost a second version, their index entries and a purge each; deleted ones cost only the delete
        boolean keep = !properties.retention().isZero();
        for (Outcome outcome : outcomes) {
            if (outcome.error() == null) {
                (keep && !carriesSecret(outcome.row()) ? sent : deleted).add(outcome.row().id());
                lag.record(Duration.between(outcome.row().occurredAt(), now));
            }
            else {
                unsent.add(outcome.row().id());
                lastError = String.valueOf(outcome.error().getMessage());
            }
        }
        published.increment(sent.size() + deleted.size());
        if (unsent.isEmpty()) {
            lane.failures.set(0);
        }
        else {
            failed.increment(unsent.size());
            lane.failures.incrementAndGet();
            log.warn("Could not publish {} of {} outbox events, will retry: {}", unsent.size(), outcomes.size(), lastError);
        }
        Mono<Long> markSent = sent.isEmpty() ? Mono.just(0L)
                : database.sql("UPDATE outbox SET sent_at = now(), claimed_at = NULL, last_error = NULL WHERE id = ANY(:ids)")
                        .bind("ids", sent.toArray(Long[]::new))
                        .fetch().rowsUpdated();
        Mono<Long> delete = deleted.isEmpty() ? Mono.just(0L)
                : database.sql("DELETE FROM outbox WHERE id = ANY(:ids)")
                        .bind("ids", deleted.toArray(Long[]::new))
                        .fetch().rowsUpdated();
        Mono<Long> release = unsent.isEmpty() ? Mono.just(0L)
                : database.sql("UPDATE outbox SET claimed_at = NULL, claimed_by = NULL, last_error = :error WHERE id = ANY(:ids)")
                        .bind("ids", unsent.toArray(Long[]::new))
                        .bind("error", lastError)
                        .fetch().rowsUpdated();
        return markSent.then(delete).then(release).then();
    }

    private boolean carriesSecret(OutboxRow row) {
        return row.type() != null && secretTypeSet.contains(row.type());
    }

    /** Longer and longer while publishing fails, up to {@code maxBackoff}. */
    private Duration backoff(Lane lane) {
        long millis = FIRST_BACKOFF.toMillis() * (1L << Math.min(lane.failures.get(), 16));
        return Duration.ofMillis(Math.min(millis, properties.maxBackoff().toMillis()));
    }

    @Override
    public void start() {
        // one wake-up source for all lanes: notifications (when listening) and the slow poll
        Flux<Boolean> wakeups = Flux.merge(
                        notifications == null || !properties.listen() ? Flux.<Boolean>never() : notifications.wakeups(),
                        Flux.interval(properties.pollInterval(), properties.pollInterval()).map(tick -> Boolean.TRUE))
                .share();
        secretsPurged.set(false);
        stopping = false;
        Disposable.Composite all = Disposables.composite();
        for (Lane lane : lanes) {
            lane.failures.set(0);
            all.add(wakeups.startWith(Boolean.TRUE)
                    // a wake-up while the lane works is kept (only the latest) and served once the lane is done
                    .onBackpressureLatest()
                    .concatMap(wakeup -> drain(lane), 0)
                    .subscribe(ignored -> { }, error -> log.error("Outbox relay lane {} stopped unexpectedly", lane.name, error)));
        }
        all.add(Flux.interval(Duration.ZERO, properties.housekeepingInterval())
                .onBackpressureDrop()
                .concatMap(tick -> housekeep().onErrorResume(error -> {
                    log.warn("Outbox housekeeping failed: {}", error.toString());
                    return Mono.empty();
                }), 0)
                .subscribe(ignored -> { }, error -> log.error("Outbox housekeeping stopped unexpectedly", error)));
        running = all;
        log.info("Outbox relay {} started (lanes {}, {})", relayId, lanes.stream().map(lane -> lane.name).toList(),
                notifications != null && properties.listen() ? "notified, polling every " + properties.pollInterval()
                        : "polling every " + properties.pollInterval());
    }

    /**
     * Claims nothing more and lets the batches in flight be published and recorded (up to {@link #MOST_FINISHING}),
     * then releases whatever this relay still holds. Cancelling a claim in flight would not stop it in the database: it
     * would commit after the release, and its rows would wait for the claim timeout.
     */
    @Override
    public void stop() {
        Disposable relaying = running;
        if (relaying == null) {
            return;
        }
        stopping = true;
        long deadline = System.nanoTime() + MOST_FINISHING.toNanos();
        while (lanes.stream().anyMatch(lane -> lane.draining.get() > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(YIELD_CHECK);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = null;
        relaying.dispose();
        try {
            // hand what is left (a batch the broker did not take in time) to the other relays now, not after the claim timeout
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
        return running != null;
    }

    /** Stop before the connection pool and the producer, start after them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    public String relayId() {
        return relayId;
    }

    /** Topics claimed and published apart from the others, each with its own loop. */
    private static final class Lane {

        final String name;
        final boolean priority;
        final String claimSql;
        final String[] topics;
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger draining = new AtomicInteger();

        Lane(String name, boolean priority, String filter, String[] topics) {
            this.name = name;
            this.priority = priority;
            this.claimSql = filter.isEmpty() ? CLAIM.formatted("", "") : CLAIM.formatted(" AND " + filter, " AND e." + filter);
            this.topics = topics;
        }
    }

    record OutboxRow(long id, UUID eventId, String topic, String key, String type, String payload, Instant occurredAt,
            String headers) {
    }

    /** A claimed row ({@code row} null when the claim took none) and how many rows the claim looked at. */
    private record ClaimedRow(OutboxRow row, long candidates) {
    }

    private record Batch(List<OutboxRow> rows, long candidates) {
    }

    private record Outcome(OutboxRow row, Throwable error) {
    }
}
