package dev.roster.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A real Kafka broker in KRaft mode, in this JVM, for one test context. */
public final class TestKafka {

    private final KraftBroker broker;
    private KafkaProducer<String, byte[]> producer;

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
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ZERO);
                producer = null;
            }
        }
        broker.close();
    }

    /**
     * Sends a record as another service would (a string key, the value as bytes: JSON, garbage or a null tombstone)
     * and waits for the broker's acknowledgement.
     */
    public void send(String topic, String key, byte[] value) {
        sendAll(List.of(new ProducerRecord<>(topic, key, value)));
    }

    /**
     * Sends these records at once, so that they arrive in as few polls as the broker gives, each partition's in
     * this order, and waits until the broker has acknowledged every one.
     */
    public void sendAll(List<ProducerRecord<String, byte[]>> records) {
        KafkaProducer<String, byte[]> sender = producer();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : records) {
            sent.add(sender.send(record));
        }
        try {
            for (Future<RecordMetadata> one : sent) {
                one.get(30, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("The broker did not take a record", ex);
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            // one record after the other per partition, as a service's idempotent producer sends them
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            // records sent together travel in few batches, so that a consumer gets them in few polls
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
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
