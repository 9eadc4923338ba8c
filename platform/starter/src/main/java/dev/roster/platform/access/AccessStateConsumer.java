package dev.roster.platform.access;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.RosterEvent;
import dev.roster.events.Topics;
import dev.roster.events.user.SessionRevoked;
import dev.roster.events.user.UserAccessChanged;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the whole compacted access topic into {@link AccessStates}, from the beginning at every
 * start, and then follows it. Every replica of every service reads every partition (no consumer
 * group), on a thread of its own where the consumer may block. Until it has read up to where the
 * topic ended at start, the service reports not ready, so it never admits a revoked token because it
 * has not caught up. {@link #caughtUpToNow()} waits, when a decision must not miss a change already published
 * (an email about to go out), until every access event on the topic now has been applied.
 */
public class AccessStateConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessStateConsumer.class);
    /**
     * How long one poll may wait when nothing arrives. A change still arrives at once: the broker answers a
     * waiting fetch as soon as a record is appended (fetch.min.bytes 1), so a longer wait costs no latency,
     * only fewer idle round trips.
     */
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration SWEEP = Duration.ofSeconds(10);

    private final Map<String, Object> kafkaConfig;
    private final AccessStates states;
    private final EventJson json;
    private final Clock clock;
    private final Timer lag;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    /** True while the consumer follows the topic, where a wake-up only ends the current poll. */
    private volatile boolean following;
    /** Asked for by {@link #caughtUpToNow()}, not yet given a target (the topic's end when the consumer thread saw them). */
    private final Queue<CompletableFuture<Void>> barriersAsked = new ConcurrentLinkedQueue<>();
    /** Each waits until the consumer's position reaches its target on every partition; consumer thread only. */
    private final List<Barrier> barriers = new ArrayList<>();

    public AccessStateConsumer(Map<String, Object> kafkaConfig, AccessStates states, EventJson json, Clock clock,
            MeterRegistry meters) {
        this.kafkaConfig = kafkaConfig;
        this.states = states;
        this.json = json;
        this.clock = clock;
        this.lag = Timer.builder("roster.access.revocation.lag")
                .description("From an access change's occurredAt to this replica applying it")
                .publishPercentileHistogram()
                .register(meters);
        Gauge.builder("roster.access.users", states, AccessStates::size)
                .description("Users whose access state this replica holds").register(meters);
        Gauge.builder("roster.access.sessions", states, AccessStates::revokedSessions)
                .description("Revoked sessions this replica remembers until their tokens expire").register(meters);
    }

    /** Whether the state has been read up to where the topic ended at start. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /**
     * Completes once every access event on the topic when it was asked (published by then) has been applied here: a
     * status change committed and published before this moment is known to {@link AccessStates} afterwards. Waits at
     * most one round trip to the broker and one fetch of what is new; fails when the broker cannot be reached.
     */
    public CompletableFuture<Void> caughtUpToNow() {
        CompletableFuture<Void> barrier = new CompletableFuture<>();
        barriersAsked.add(barrier);
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null && following) {
            // out of a poll that may wait seconds for the next record
            current.wakeup();
        }
        return barrier;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("access-state").daemon().start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread current2 = thread;
        if (current2 != null) {
            try {
                current2.join(Duration.ofSeconds(5));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(config(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = kafka;
                follow(kafka);
            }
            catch (WakeupException stopping) {
                failBarriers(new IllegalStateException("The access state consumer stopped"));
                return;
            }
            catch (RuntimeException ex) {
                log.warn("Reading the access topic failed, starting over: {}", ex.toString());
                failBarriers(ex);
                caughtUp = false;
                pause(Duration.ofSeconds(1));
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> kafka) {
        List<TopicPartition> partitions = partitions(kafka);
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> targets = kafka.endOffsets(partitions);
        log.info("Rebuilding access state from {} partitions of {}", partitions.size(), Topics.USER_ACCESS);
        long nextSweep = System.nanoTime() + SWEEP.toNanos();
        following = true;
        try {
            while (running) {
                try {
                    serveBarriers(kafka, partitions);
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                        apply(record);
                    }
                    serveBarriers(kafka, partitions);
                    if (System.nanoTime() > nextSweep) {
                        states.forgetExpiredSessions();
                        nextSweep = System.nanoTime() + SWEEP.toNanos();
                    }
                    if (!caughtUp && targets.entrySet().stream()
                            .allMatch(target -> kafka.position(target.getKey()) >= target.getValue())) {
                        caughtUp = true;
                        log.info("Access state rebuilt: {} users", states.size());
                    }
                }
                catch (WakeupException wakeup) {
                    if (!running) {
                        throw wakeup;
                    }
                    // woken for a barrier, which the next round serves first
                }
            }
        }
        finally {
            following = false;
        }
    }

    /** Gives the barriers asked for a target (the end of every partition now) and completes those reached. */
    private void serveBarriers(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions) {
        if (!barriersAsked.isEmpty()) {
            // the end is looked up after each barrier was asked for, never before
            List<CompletableFuture<Void>> asked = new ArrayList<>();
            for (CompletableFuture<Void> next; (next = barriersAsked.poll()) != null; ) {
                asked.add(next);
            }
            Map<TopicPartition, Long> ends;
            try {
                ends = kafka.endOffsets(partitions, Duration.ofSeconds(5));
            }
            catch (WakeupException ex) {
                barriersAsked.addAll(asked);
                throw ex;
            }
            catch (RuntimeException ex) {
                // the broker cannot say where the topic ends: these barriers fail, the state stays as it is
                asked.forEach(future -> future.completeExceptionally(ex));
                return;
            }
            asked.forEach(future -> barriers.add(new Barrier(ends, future)));
        }
        barriers.removeIf(barrier -> {
            if (barrier.target().entrySet().stream().allMatch(end -> kafka.position(end.getKey()) >= end.getValue())) {
                barrier.future().complete(null);
                return true;
            }
            return false;
        });
    }

    /** Consumer thread only. */
    private void failBarriers(RuntimeException cause) {
        barriers.forEach(barrier -> barrier.future().completeExceptionally(cause));
        barriers.clear();
        for (CompletableFuture<Void> next; (next = barriersAsked.poll()) != null; ) {
            next.completeExceptionally(cause);
        }
    }

    private record Barrier(Map<TopicPartition, Long> target, CompletableFuture<Void> future) {
    }

    /** The topic's partitions; until user-service has created the topic there is nothing to catch up on. */
    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka) {
        while (running) {
            List<TopicPartition> partitions = kafka.partitionsFor(Topics.USER_ACCESS, Duration.ofSeconds(5)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            caughtUp = true;
            // no topic: no access event was ever published, nothing to wait for
            for (CompletableFuture<Void> next; (next = barriersAsked.poll()) != null; ) {
                next.complete(null);
            }
            pause(Duration.ofSeconds(1));
        }
        throw new WakeupException();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            boolean session = record.key() != null && record.key().startsWith(SessionRevoked.KEY_PREFIX);
            if (record.value() == null) {
                if (session) {
                    states.forgetSession(UUID.fromString(record.key().substring(SessionRevoked.KEY_PREFIX.length())));
                }
                else {
                    states.delete(UUID.fromString(record.key()));
                }
                return;
            }
            EventEnvelope<RosterEvent> event = json.read(record.value());
            UserAccessChanged change = event.dataAs(UserAccessChanged.class);
            SessionRevoked revoked = event.dataAs(SessionRevoked.class);
            if (change != null) {
                states.apply(change);
            }
            else if (revoked != null) {
                states.revoke(revoked);
            }
            else {
                return;
            }
            if (caughtUp) {
                lag.record(Duration.between(event.occurredAt(), clock.instant()));
            }
        }
        catch (RuntimeException ex) {
            log.error("Skipping an unreadable access record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), ex.toString());
        }
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) POLL.toMillis());
        return config;
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
