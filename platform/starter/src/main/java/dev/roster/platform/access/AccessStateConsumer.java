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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * has not caught up.
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
                return;
            }
            catch (RuntimeException ex) {
                log.warn("Reading the access topic failed, starting over: {}", ex.toString());
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
        while (running) {
            for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                apply(record);
            }
            if (System.nanoTime() > nextSweep) {
                states.forgetExpiredSessions();
                nextSweep = System.nanoTime() + SWEEP.toNanos();
            }
            if (!caughtUp && targets.entrySet().stream().allMatch(target -> kafka.position(target.getKey()) >= target.getValue())) {
                caughtUp = true;
                log.info("Access state rebuilt: {} users", states.size());
            }
        }
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
