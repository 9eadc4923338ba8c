package dev.roster.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A real Kafka broker in KRaft mode, in this JVM, for one test context. */
public final class TestKafka {

    private final KraftBroker broker;

    private TestKafka(KraftBroker broker) {
        this.broker = broker;
    }

    /** Starts a broker on a free port. */
    public static TestKafka start(int partitions) {
        return start(partitions, 0);
    }

    /** Starts a broker on {@code port} (0: any free port), e.g. to bring one back where clients expect it. */
    public static TestKafka start(int partitions, int port) {
        return new TestKafka(KraftBroker.start(port, partitions, null));
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public int port() {
        return broker.port();
    }

    public void stop() {
        broker.close();
    }

    /** A consumer reading {@code topics} from the beginning, in a group of its own; close it after use. */
    public KafkaConsumer<String, byte[]> consumer(String... topics) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics));
        return consumer;
    }

    /** Polls {@code consumer} until it has {@code count} records or {@code timeout} passes; returns what it got. */
    public static List<ConsumerRecord<String, byte[]>> poll(KafkaConsumer<String, byte[]> consumer, int count,
            Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    /**
     * Records up to and including the first that {@code last} accepts (all read within {@code timeout} when none
     * does): for a key's records, which keep their order, waiting for its final one proves none is missing before it.
     */
    public static List<ConsumerRecord<String, byte[]>> pollUntil(KafkaConsumer<String, byte[]> consumer,
            java.util.function.Predicate<ConsumerRecord<String, byte[]>> last, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                records.add(record);
                if (last.test(record)) {
                    return records;
                }
            }
        }
        return records;
    }
}
