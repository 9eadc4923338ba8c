package dev.roster.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * What a fault must not change, counted exactly once the system has settled: each effect of an END_EMPLOYMENT of a
 * population, in every service's own database and in the mails the SMTP server received; every outbox drained;
 * nothing in a dead-letter topic. A count above what is expected is a doubled effect, below a lost one.
 */
final class Ledger {

    /** One thing counted: what it is, what it must be (or at most be), what it is. */
    record Count(String what, long expected, long counted, boolean atMost) {

        Count(String what, long expected, long counted) {
            this(what, expected, counted, false);
        }

        static Count atMost(String what, long most, long counted) {
            return new Count(what, most, counted, true);
        }

        boolean holds() {
            return atMost ? counted <= expected : expected == counted;
        }

        @Override
        public String toString() {
            return what + ": " + counted + (atMost ? " (at most " + expected + ")" : holds() ? "" : " (expected " + expected + ")");
        }
    }

    private final Bench bench;

    Ledger(Bench bench) {
        this.bench = bench;
    }

    /** The effects of ending the employment of {@code population}'s burst (its seated, its waiters promoted). */
    List<Count> endedEmployment(Population population) throws SQLException {
        Sizes sizes = bench.sizes;
        String account = "'" + population.accountId() + "'";
        String trainings = uuidArray(population.trainings());
        int ended = population.burst().size();
        List<Count> counts = new ArrayList<>();
        try (Connection users = bench.database("user-service");
                Connection training = bench.database("training-service");
                Connection notification = bench.database("notification-service");
                Connection imports = bench.database("import-service")) {
            counts.add(new Count("user-service: users whose employment ended", ended, count(users,
                    "SELECT count(*) FROM app_user WHERE account_id = " + account + " AND status = 'EMPLOYMENT_ENDED'")));
            counts.add(new Count("training-service: people known as ended", ended, count(training,
                    "SELECT count(*) FROM person WHERE account_id = " + account + " AND status = 'EMPLOYMENT_ENDED'")));
            counts.add(new Count("notification-service: people known as ended", ended, count(notification,
                    "SELECT count(*) FROM person WHERE account_id = " + account + " AND status = 'EMPLOYMENT_ENDED'")));
            counts.add(new Count("import-service: directory users ended", ended, count(imports,
                    "SELECT count(*) FROM directory_user WHERE account_id = " + account + " AND status = 'EMPLOYMENT_ENDED'")));
            counts.add(new Count("training-service: enrollments dropped", sizes.enrolledInBurst(), count(training,
                    "SELECT count(*) FROM enrollment WHERE training_id = ANY(" + trainings + ") AND status = 'DROPPED'")));
            counts.add(new Count("training-service: waiters promoted to a seat", sizes.waiters(), count(training,
                    "SELECT count(*) FROM enrollment WHERE training_id = ANY(" + trainings + ") AND status = 'ENROLLED'")));
            counts.add(new Count("notification-service: drop notices, one per channel", 2L * sizes.enrolledInBurst(),
                    count(notification, "SELECT count(*) FROM delivery WHERE account_id = " + account
                            + " AND kind = 'learner-dropped'")));
            counts.add(new Count("notification-service: drop emails sent to the ended", 0, count(notification,
                    "SELECT count(*) FROM delivery WHERE account_id = " + account
                            + " AND kind = 'learner-dropped' AND channel = 'EMAIL' AND status = 'SENT'")));
            counts.add(new Count("notification-service: promotion emails sent", sizes.waiters(), count(notification,
                    "SELECT count(*) FROM delivery WHERE account_id = " + account
                            + " AND kind = 'learner-promoted' AND channel = 'EMAIL' AND status = 'SENT'")));
        }
        Map<String, Long> promotionMails = bench.stack.mails().stream()
                .filter(mail -> mail.getKey().endsWith("@" + population.account() + ".roster.dev")
                        && mail.getValue().startsWith("A seat in"))
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.counting()));
        counts.add(new Count("SMTP: waiters who received their promotion mail", sizes.waiters(), promotionMails.size()));
        counts.add(new Count("SMTP: promotion mails received more than once", 0,
                promotionMails.values().stream().filter(times -> times > 1).count()));
        return counts;
    }

    /**
     * The invitation emails of {@code invited} people, of whom {@code deactivated} were deactivated before theirs could
     * go out: one mail to each of the others, none to them; at most {@code mayDouble} received twice (an SMTP server
     * that accepted a mail just before its sender was killed gets it again: at-least-once).
     */
    List<Count> invitations(Population population, List<String> invited, List<String> deactivated, int mayDouble)
            throws SQLException {
        String ours = "SELECT count(*) FROM delivery WHERE recipient_id = ANY("
                + uuidArray(invited.stream().map(population.ids()::get).toList()) + ") AND kind = 'user-invited'";
        List<Count> counts = new ArrayList<>();
        try (Connection notification = bench.database("notification-service")) {
            counts.add(new Count("notification-service: invitation emails sent", invited.size() - deactivated.size(),
                    count(notification, ours + " AND status = 'SENT'")));
            counts.add(new Count("notification-service: invitation emails suppressed (recipient deactivated)",
                    deactivated.size(), count(notification, ours + " AND status = 'SUPPRESSED'")));
            counts.add(new Count("notification-service: invitation emails given up", 0,
                    count(notification, ours + " AND status = 'FAILED'")));
        }
        Map<String, Long> received = bench.stack.mails().stream()
                .filter(mail -> mail.getValue().startsWith("Set your password"))
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.counting()));
        Set<String> gone = deactivated.stream().map(population::email).collect(Collectors.toSet());
        List<String> expected = invited.stream().map(population::email).filter(email -> !gone.contains(email)).toList();
        counts.add(new Count("SMTP: invitees who received their invitation", expected.size(),
                expected.stream().filter(received::containsKey).count()));
        counts.add(new Count("SMTP: invitations to the deactivated", 0, gone.stream().filter(received::containsKey).count()));
        counts.add(Count.atMost("SMTP: invitations received twice", mayDouble,
                expected.stream().filter(email -> received.getOrDefault(email, 0L) > 1).count()));
        return counts;
    }

    /** Every service's outbox drained and every dead-letter topic empty (or holding exactly {@code deadLetters}). */
    List<Count> delivery(Map<String, Long> deadLetters) throws Exception {
        List<Count> counts = new ArrayList<>();
        for (String service : List.of("user-service", "training-service", "notification-service", "import-service")) {
            try (Connection database = bench.database(service)) {
                counts.add(new Count(service + ": outbox rows not yet published", 0,
                        count(database, "SELECT count(*) FROM outbox WHERE sent_at IS NULL")));
            }
        }
        Map<String, Long> records = deadLetterRecords();
        Set<String> topics = new java.util.TreeSet<>(records.keySet());
        topics.addAll(deadLetters.keySet());
        long unexpected = 0;
        for (String topic : topics) {
            long expected = deadLetters.getOrDefault(topic, 0L);
            long counted = records.getOrDefault(topic, 0L);
            if (expected > 0) {
                counts.add(new Count(topic + ": records", expected, counted));
            }
            else {
                unexpected += counted;
            }
        }
        counts.add(new Count("records in any other dead-letter topic", 0, unexpected));
        return counts;
    }

    /** How many records of every {@code *.DLT} topic say why they are there (Spring Kafka's exception headers). */
    long deadLettersWithReason() throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", bench.stack.kafkaBootstrapServers());
        long withReason = 0;
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(config,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : deadLetterRecords().keySet()) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))
                    && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    var reason = record.headers().lastHeader("kafka_dlt-exception-message");
                    if (reason != null && reason.value() != null && reason.value().length > 0) {
                        withReason++;
                    }
                }
            }
        }
        return withReason;
    }

    /** How many records {@code topic} holds. */
    long records(String topic) throws Exception {
        return records(Set.of(topic)).getOrDefault(topic, 0L);
    }

    /** How many records each {@code *.DLT} topic holds. */
    Map<String, Long> deadLetterRecords() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bench.stack.kafkaBootstrapServers());
        try (Admin admin = Admin.create(config)) {
            return records(admin.listTopics().names().get().stream().filter(name -> name.endsWith(".DLT"))
                    .collect(Collectors.toSet()));
        }
    }

    /** How many records each of {@code topics} holds. */
    private Map<String, Long> records(Set<String> topics) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bench.stack.kafkaBootstrapServers());
        try (Admin admin = Admin.create(config)) {
            Map<String, Long> records = new LinkedHashMap<>();
            if (topics.isEmpty()) {
                return records;
            }
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                topic.partitions().forEach(partition -> {
                    TopicPartition which = new TopicPartition(topic.name(), partition.partition());
                    earliest.put(which, OffsetSpec.earliest());
                    latest.put(which, OffsetSpec.latest());
                });
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            ends.forEach((partition, end) -> records.merge(partition.topic(),
                    end.offset() - starts.get(partition).offset(), Long::sum));
            return records;
        }
    }

    /** Waits until every count holds, or the timeout passes; answers the last counts. */
    static List<Count> settle(Counter counter, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Count> counts = counter.count();
        while (counts.stream().anyMatch(count -> !count.holds()) && System.nanoTime() < deadline) {
            Bench.sleep(Duration.ofMillis(250));
            counts = counter.count();
        }
        return counts;
    }

    @FunctionalInterface
    interface Counter {
        List<Count> count() throws Exception;
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    static String uuidArray(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "'{", "}'::uuid[]"));
    }
}
