package dev.roster.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), run in this JVM
 * from the Kafka server jars, listening on a port of the caller's choice. Tests use it through
 * {@link TestKafka}; the local stack runs one on 9092.
 */
public final class KraftBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final Path dataDirectory;
    private final boolean deleteOnClose;
    private final int port;

    private KraftBroker(KafkaRaftServer server, Path dataDirectory, boolean deleteOnClose, int port) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
    }

    /**
     * Starts a broker on {@code port} (0: a free one) keeping its data in {@code dataDirectory}
     * (null: a temporary directory deleted on close).
     */
    public static KraftBroker start(int port, int partitions, Path dataDirectory) {
        return start(port, 0, partitions, dataDirectory);
    }

    /**
     * As {@link #start(int, int, Path)}, with the controller on {@code controllerPort} (0: a free one).
     * A broker whose data directory is already formatted starts on the data it has.
     */
    public static KraftBroker start(int port, int controllerPort, int partitions, Path dataDirectory) {
        return start(port, controllerPort, partitions, dataDirectory, true);
    }

    /**
     * As above; without {@code autoCreateTopics}, topics exist only when a service creates them, with
     * their settings (a consumer that subscribes first cannot create a compacted topic uncompacted).
     */
    public static KraftBroker start(int port, int controllerPort, int partitions, Path dataDirectory,
            boolean autoCreateTopics) {
        try {
            boolean temporary = dataDirectory == null;
            Path directory = temporary ? Files.createTempDirectory("roster-kafka-") : dataDirectory;
            Files.createDirectories(directory);
            int brokerPort = port > 0 ? port : freePort();
            int quorumPort = controllerPort > 0 ? controllerPort : freePort();

            Properties config = new Properties();
            config.put("process.roles", "broker,controller");
            config.put("node.id", "1");
            config.put("controller.quorum.voters", "1@localhost:" + quorumPort);
            config.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + quorumPort);
            config.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
            config.put("controller.listener.names", "CONTROLLER");
            config.put("inter.broker.listener.name", "PLAINTEXT");
            config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            config.put("log.dirs", directory.toString());
            config.put("num.partitions", String.valueOf(partitions));
            config.put("auto.create.topics.enable", String.valueOf(autoCreateTopics));
            config.put("offsets.topic.replication.factor", "1");
            config.put("offsets.topic.num.partitions", "5");
            config.put("transaction.state.log.replication.factor", "1");
            config.put("transaction.state.log.min.isr", "1");
            config.put("share.coordinator.state.topic.replication.factor", "1");
            config.put("share.coordinator.state.topic.min.isr", "1");
            config.put("group.initial.rebalance.delay.ms", "0");
            config.put("log.cleaner.backoff.ms", "1000");
            config.put("log.cleaner.dedupe.buffer.size", "2097152");
            config.put("delete.topic.enable", "true");
            KafkaConfig kafkaConfig = new KafkaConfig(config);

            if (!Files.exists(directory.resolve("meta.properties"))) {
                new Formatter()
                        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                        .setNodeId(1)
                        .setClusterId(Uuid.randomUuid().toString())
                        .setDirectories(List.of(directory.toString()))
                        .setMetadataLogDirectory(directory.toString())
                        .setControllerListenerName("CONTROLLER")
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .run();
            }

            KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
            server.startup();
            return new KraftBroker(server, directory, temporary, brokerPort);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not start the Kafka broker", ex);
        }
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(dataDirectory);
        }
    }

    /** A TCP port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
