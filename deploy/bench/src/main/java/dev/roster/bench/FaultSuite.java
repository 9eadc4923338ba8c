package dev.roster.bench;

import dev.roster.local.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The fault suite (issue 14): the real system (five service processes, a broker, PostgreSQL, SMTP) offboards a
 * population while one of its parts fails in the middle of the work, then every effect is counted exactly, in every
 * service's database and in the mails received: none missing, none doubled, every outbox drained, nothing in a
 * dead-letter topic. {@code deploy/bench/run.sh --faults} writes the table to {@code docs/reliability.md}; CI runs
 * the same suite ({@code FaultSuiteTest}).
 */
final class FaultSuite {

    static final String PORT_OFFSET = "600";
    static final Duration SETTLE = Duration.ofMinutes(3);
    /**
     * Production settings, but a relay's or an email worker's claims are released 10 s after it died (60 s and
     * 5 min in production), so that a killed service's unfinished work is picked up within the run.
     */
    static final String JAVA_OPTIONS = Benchmark.PRODUCTION_JAVA_OPTIONS
            + " -Droster.outbox.claim-timeout=10s -Droster.outbox.housekeeping-interval=5s"
            + " -Droster.notifications.claim-timeout=10s";

    /** Clients reading through the gateway while services are stopped gracefully: load, not a benchmark. */
    private static final int CLIENTS = 4;

    /** One fault: what was done, and what was counted afterwards. */
    record Outcome(String fault, String injected, List<Ledger.Count> counts) {

        boolean held() {
            return counts.stream().allMatch(Ledger.Count::holds);
        }
    }

    private final Bench bench;
    private final Bench small;
    private final Ledger ledger;
    private final Ledger smallLedger;

    private FaultSuite(LocalStack stack, Report report, Path charts) {
        this.bench = new Bench(stack, Sizes.FAULTS, report, charts);
        this.small = new Bench(stack, Sizes.FAULTS_SMALL, report, charts);
        this.ledger = new Ledger(bench);
        this.smallLedger = new Ledger(small);
    }

    /** Runs every fault against a fresh stack; writes {@code reliability.md} into {@code output}; returns the outcomes. */
    static List<Outcome> run(Map<String, String> environment, Path output) throws Exception {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("ROSTER_PORT_OFFSET", PORT_OFFSET);
        env.putIfAbsent("ROSTER_JAVA_OPTS", JAVA_OPTIONS);
        if (env.get("ROSTER_HOME") == null) {
            env.put("ROSTER_HOME", Path.of("").toAbsolutePath().toString());
        }
        Files.createDirectories(output);
        LocalStack stack = LocalStack.fromEnvironment(env);
        Thread stopper = new Thread(stack::stop, "faults-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        List<Outcome> outcomes = new ArrayList<>();
        Instant started = Instant.now();
        try {
            stack.discardData();
            stack.start();
            FaultSuite suite = new FaultSuite(stack, new Report(), output);
            outcomes.add(suite.brokerRestart());
            Population killed = Population.create(suite.small, "faults-kill");
            outcomes.add(suite.consumerKilled(killed));
            outcomes.add(suite.redelivered(killed));
            Population mail = Population.create(suite.small, "faults-mail");
            outcomes.add(suite.smtpDown(mail));
            outcomes.add(suite.senderKilled(mail));
            outcomes.add(suite.databaseRestart(env));
            outcomes.add(suite.gracefulShutdowns(Population.create(suite.small, "faults-term")));
            outcomes.add(suite.poisonRecords(mail));
        }
        finally {
            stack.stop();
            Runtime.getRuntime().removeShutdownHook(stopper);
            write(output.resolve("reliability.md"), outcomes, started);
        }
        return outcomes;
    }

    /** The broker stops while 10,000 people's END_EMPLOYMENT is being published and consumed, and starts again on its data. */
    private Outcome brokerRestart() throws Exception {
        Population population = Population.create(bench, "faults-broker");
        offboard(bench, population);
        Bench.sleep(Duration.ofMillis(300));
        bench.stack.stopBroker();
        Bench.sleep(Duration.ofSeconds(5));
        bench.stack.startBroker();
        return new Outcome("broker restart", "The broker stopped 0.3 s after END_EMPLOYMENT of %,d people was answered "
                .formatted(population.burst().size()) + "(while its 20,000 events were published and consumed), started "
                + "again 5 s later on the same data", settle(ledger, population));
    }

    /** training-service is killed (kill -9) while it applies a burst of status changes and drops enrollments, then restarted. */
    private Outcome consumerKilled(Population population) throws Exception {
        offboard(small, population);
        long appliedBefore = applyingStatusChanges(population);
        small.stack.end("training-service", true);
        small.stack.restart("training-service");
        return new Outcome("consumer killed", "training-service killed with kill -9 once it had applied %,d of %,d status changes "
                .formatted(appliedBefore, population.burst().size()) + "(dropping enrollments, promoting waiters), then "
                + "restarted", settle(smallLedger, population));
    }

    /**
     * training-service stops gracefully (SIGTERM), its consumer group of the users topic is set back to the topic's
     * beginning, and it starts again: every user event so far arrives a second time. Nothing changes.
     */
    private Outcome redelivered(Population population) throws Exception {
        String group = "training-service.people";
        String topic = dev.roster.events.Topics.USERS;
        List<Ledger.Count> before = unchanged();
        small.stack.end("training-service", false);
        long records;
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers",
                small.stack.kafkaBootstrapServers()))) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            var starts = admin.listOffsets(partitions.stream().collect(Collectors.toMap(partition -> partition,
                    partition -> org.apache.kafka.clients.admin.OffsetSpec.earliest()))).all().get();
            var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(partition -> partition,
                    partition -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
            records = partitions.stream().mapToLong(partition -> ends.get(partition).offset() - starts.get(partition).offset()).sum();
            admin.alterConsumerGroupOffsets(group, partitions.stream().collect(Collectors.toMap(partition -> partition,
                    partition -> new org.apache.kafka.clients.consumer.OffsetAndMetadata(starts.get(partition).offset()))))
                    .all().get();
            small.stack.restart("training-service");
            boolean caughtUp = Bench.await(() -> {
                try {
                    var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                    return partitions.stream().allMatch(partition -> committed.get(partition) != null
                            && committed.get(partition).offset() >= ends.get(partition).offset());
                }
                catch (Exception ex) {
                    return false;
                }
            }, Duration.ofMinutes(3), Duration.ofMillis(250));
            if (!caughtUp) {
                throw new IllegalStateException(group + " did not read " + topic + " to its end again within 3 minutes");
            }
        }
        List<Ledger.Count> counts = new ArrayList<>();
        List<Ledger.Count> after = unchanged();
        for (int i = 0; i < before.size(); i++) {
            counts.add(new Ledger.Count(before.get(i).what() + ", unchanged", before.get(i).counted(), after.get(i).counted()));
        }
        counts.addAll(settle(smallLedger, population));
        return new Outcome("topic redelivered", ("training-service stopped with SIGTERM (a graceful shutdown), its consumer "
                + "group %s set back to the beginning of %s, and started again: %,d user events delivered a second time")
                .formatted(group, topic, records), counts);
    }

    /** What a redelivery must not change: training-service's rows, the enrollment events it published, the notices. */
    private List<Ledger.Count> unchanged() throws Exception {
        List<Ledger.Count> counts = new ArrayList<>();
        try (var training = small.database("training-service"); var notification = small.database("notification-service")) {
            counts.add(new Ledger.Count("training-service: enrollments", 0, Ledger.count(training,
                    "SELECT count(*) FROM enrollment")));
            counts.add(new Ledger.Count("training-service: enrollments dropped", 0, Ledger.count(training,
                    "SELECT count(*) FROM enrollment WHERE status = 'DROPPED'")));
            counts.add(new Ledger.Count("notification-service: deliveries", 0, Ledger.count(notification,
                    "SELECT count(*) FROM delivery")));
        }
        counts.add(new Ledger.Count("roster.enrollments.v1: records", 0, smallLedger.records(dev.roster.events.Topics.ENROLLMENTS)));
        counts.add(new Ledger.Count("SMTP: mails received", 0, small.stack.mails().size()));
        return counts;
    }

    /** Waits until training-service has begun to apply the population's status changes; answers how many it has. */
    private long applyingStatusChanges(Population population) throws Exception {
        String ended = "SELECT count(*) FROM person WHERE account_id = '" + population.accountId()
                + "' AND status = 'EMPLOYMENT_ENDED'";
        try (var training = small.database("training-service")) {
            boolean started = Bench.await(() -> {
                try {
                    return Ledger.count(training, ended) > 0;
                }
                catch (java.sql.SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            }, Duration.ofSeconds(60), Duration.ofMillis(5));
            if (!started) {
                throw new IllegalStateException("training-service applied none of the status changes within 60 s");
            }
            return Ledger.count(training, ended);
        }
    }

    /**
     * SMTP is down for 10 s while 200 invitations are sent; half way through, 50 of the invitees are deactivated. The
     * others get their mail once SMTP is back, each once; the deactivated get none.
     */
    private Outcome smtpDown(Population population) throws Exception {
        List<String> invited = logins(0, 200);
        List<String> deactivated = invited.subList(150, 200);
        small.stack.stopSmtp();
        invite(population, invited);
        Bench.sleep(Duration.ofSeconds(5));
        for (String login : deactivated) {
            small.gateway.post("/users/" + population.ids().get(login) + "/status", population.ownerToken(),
                    Map.of("status", "INACTIVE")).expect(200);
        }
        Bench.sleep(Duration.ofSeconds(5));
        small.stack.restartSmtp();
        return new Outcome("SMTP down", "SMTP stopped, 200 invitations sent, 5 s later 50 of the invitees deactivated "
                + "(their emails failing and waiting for a retry), SMTP started again another 5 s later",
                settle(() -> Stream.concat(smallLedger.invitations(population, invited, deactivated, 0).stream(),
                        smallLedger.delivery(Map.of()).stream()).toList()));
    }

    /** notification-service is killed (kill -9) while it sends 300 invitation emails, then restarted. */
    private Outcome senderKilled(Population population) throws Exception {
        List<String> invited = logins(200, 500);
        Set<String> addresses = invited.stream().map(population::email).collect(Collectors.toSet());
        invite(population, invited);
        boolean sending = Bench.await(() -> small.stack.mails().stream().filter(mail -> addresses.contains(mail.getKey()))
                .count() >= 30, Duration.ofSeconds(60), Duration.ofMillis(20));
        if (!sending) {
            throw new IllegalStateException("notification-service sent fewer than 30 of the invitations within 60 s");
        }
        long before = small.stack.mails().stream().filter(mail -> addresses.contains(mail.getKey())).count();
        small.stack.end("notification-service", true);
        small.stack.restart("notification-service");
        return new Outcome("email sender killed", ("notification-service killed with kill -9 once it had sent %d of 300 "
                + "invitation emails, then restarted; an email the SMTP server accepted just before the kill, before it "
                + "was marked sent, goes again (at-least-once, at most the one in flight)").formatted(before),
                settle(() -> Stream.concat(smallLedger.invitations(population, invited, List.of(), 1).stream(),
                        smallLedger.delivery(Map.of()).stream()).toList()));
    }

    /**
     * PostgreSQL stops (fast: every connection cut) while 3,000 people's END_EMPLOYMENT is being applied, and starts again
     * 5 s later. Every service with a database says it is not ready meanwhile, and is ready again by itself; every
     * effect arrives once (an event whose database cannot be reached waits instead of going to the dead-letter topic).
     */
    private Outcome databaseRestart(Map<String, String> env) throws Exception {
        PostgresControl control = postgresControl(small.stack, env);
        List<String> withDatabase = List.of("user-service", "training-service", "notification-service", "import-service");
        Population population = Population.create(small, "faults-db");
        offboard(small, population);
        long appliedBefore = applyingStatusChanges(population);
        control.stop().run();
        java.util.Set<String> unready = new java.util.TreeSet<>();
        Bench.await(() -> {
            withDatabase.stream().filter(service -> !small.stack.ready(service)).forEach(unready::add);
            return unready.size() == withDatabase.size();
        }, Duration.ofSeconds(20), Duration.ofMillis(100));
        Bench.sleep(Duration.ofSeconds(5));
        control.start().run();
        List<String> all = Stream.concat(Stream.of("gateway"), withDatabase.stream()).toList();
        Bench.await(() -> all.stream().allMatch(small.stack::ready), Duration.ofSeconds(90), Duration.ofMillis(250));
        List<Ledger.Count> counts = new ArrayList<>();
        counts.add(new Ledger.Count("services with a database that reported not ready during the outage", withDatabase.size(),
                unready.size()));
        counts.add(new Ledger.Count("services ready again without a restart", all.size(),
                all.stream().filter(small.stack::ready).count()));
        counts.addAll(settle(smallLedger, population));
        return new Outcome("database restart", ("PostgreSQL stopped (`-m fast`: every connection cut) once training-service "
                + "had applied %,d of the %,d status changes of an END_EMPLOYMENT (the services in the middle of applying "
                + "and publishing them), and started again 5 s later").formatted(appliedBefore, population.burst().size()),
                counts);
    }

    /**
     * A record that is not an event arrives on every topic a service consumes, each keyed as a real change right behind
     * it (a user's status change, the account's next import). Each goes to {@code <topic>.DLT} with its reason, once per
     * consumer group, and the partition moves on: the change behind it is applied everywhere.
     */
    private Outcome poisonRecords(Population population) throws Exception {
        String login = population.signedInLogins().get(1);
        java.util.UUID user = population.ids().get(login);
        String token = small.signIn(population.account(), login);
        small.gateway.get("/me", token).expect(200);
        Map<String, String> poisons = new java.util.LinkedHashMap<>();
        poisons.put(dev.roster.events.Topics.USERS, user.toString());
        poisons.put(dev.roster.events.Topics.USER_ACCESS, user.toString());
        poisons.put(dev.roster.events.Topics.ENROLLMENTS, java.util.UUID.randomUUID().toString());
        poisons.put(dev.roster.events.Topics.USER_IMPORT_COMMANDS, population.accountId().toString());
        poisons.put(dev.roster.events.Topics.USER_IMPORT_RESULTS, java.util.UUID.randomUUID().toString());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(Map.of(
                "bootstrap.servers", small.stack.kafkaBootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (Map.Entry<String, String> poison : poisons.entrySet()) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(poison.getKey(), poison.getValue(),
                        "{\"this is\": not an event".getBytes(java.nio.charset.StandardCharsets.UTF_8))).get();
            }
        }
        // the changes behind them: the user's status (users and access topics), an import of the account (its commands)
        small.gateway.post("/users/" + user + "/status", population.ownerToken(), Map.of("status", "INACTIVE")).expect(200);
        String csv = "Login,Email,First name,Last name,Password,Status\nafter.poison," + population.email("after.poison")
                + ",After,Poison,,Active\n";
        boolean imported;
        try {
            imported = small.runImport(population.ownerToken(), "after-poison.csv",
                    csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), Duration.ofMinutes(2)).job().toString()
                    .contains("\"applied\":1");
        }
        catch (IllegalStateException ex) {
            Benchmark.log("Faults: the import behind the poison did not complete: " + ex.getMessage());
            imported = false;
        }
        boolean importedBehind = imported;
        Api training = small.direct("training-service");
        String inactive = "SELECT count(*) FROM person WHERE id = '" + user + "' AND status = 'INACTIVE'";
        Map<String, Long> deadLetters = Map.of(dev.roster.events.Topics.deadLetter(dev.roster.events.Topics.USERS), 3L,
                dev.roster.events.Topics.deadLetter(dev.roster.events.Topics.ENROLLMENTS), 1L,
                dev.roster.events.Topics.deadLetter(dev.roster.events.Topics.USER_IMPORT_COMMANDS), 1L,
                dev.roster.events.Topics.deadLetter(dev.roster.events.Topics.USER_IMPORT_RESULTS), 1L);
        return new Outcome("poison records", "A record that is not an event sent to each of the five topics the services "
                + "consume, keyed as the change right behind it (a user's status change on the users and access topics, "
                + "the account's next import on the import commands), then that change made", settle(() -> {
                    List<Ledger.Count> counts = new ArrayList<>();
                    for (String service : List.of("training-service", "notification-service")) {
                        try (var database = small.database(service)) {
                            counts.add(new Ledger.Count(service + ": the status change behind the poison applied", 1,
                                    Ledger.count(database, inactive)));
                        }
                    }
                    try (var database = small.database("import-service")) {
                        counts.add(new Ledger.Count("import-service: the status change behind the poison applied", 1,
                                Ledger.count(database, inactive.replace("FROM person", "FROM directory_user"))));
                    }
                    counts.add(new Ledger.Count("the user's token refused after the poison on the access topic, at the "
                            + "gateway and at training-service", 2, (small.gateway.status("/me", token) == 401 ? 1 : 0)
                            + (training.status("/me/trainings", token) == 401 ? 1 : 0)));
                    counts.add(new Ledger.Count("the import behind the poison on its commands applied", 1, importedBehind ? 1 : 0));
                    counts.addAll(smallLedger.delivery(deadLetters));
                    counts.add(new Ledger.Count("dead letters that carry their reason", 6, smallLedger.deadLettersWithReason()));
                    return counts;
                }));
    }

    /** Stops (fast: every connection cut) and starts the PostgreSQL server the stack uses. */
    private record PostgresControl(Action stop, Action start) {

        @FunctionalInterface
        interface Action {
            void run() throws Exception;
        }
    }

    /**
     * How to stop and start the PostgreSQL the stack uses: its own embedded one, else {@code ROSTER_FAULTS_POSTGRES_CTL},
     * else the one cluster pg_lsclusters lists.
     */
    private static PostgresControl postgresControl(LocalStack stack, Map<String, String> env) throws Exception {
        if (stack.runsPostgres()) {
            return new PostgresControl(stack::stopPostgres, stack::startPostgres);
        }
        List<String> cluster = clusterControl(env);
        return new PostgresControl(() -> command(cluster, "stop", "-m", "fast"), () -> command(cluster, "start"));
    }

    private static List<String> clusterControl(Map<String, String> env) throws Exception {
        String configured = env.get("ROSTER_FAULTS_POSTGRES_CTL");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim().split("\\s+"));
        }
        Process list = new ProcessBuilder("pg_lsclusters", "--no-header").redirectErrorStream(true).start();
        String clusters = new String(list.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (list.waitFor() != 0 || clusters.isEmpty() || clusters.lines().count() != 1) {
            throw new IllegalStateException("Cannot tell how to restart PostgreSQL here (pg_lsclusters: " + clusters
                    + "); set ROSTER_FAULTS_POSTGRES_CTL, for example to \"pg_ctlcluster 15 main\"");
        }
        String[] cluster = clusters.split("\\s+");
        return List.of("pg_ctlcluster", cluster[0], cluster[1]);
    }

    private static void command(List<String> control, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(control);
        command.addAll(List.of(arguments));
        Benchmark.log("Faults: " + String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private void invite(Population population, List<String> logins) {
        for (String login : logins) {
            small.gateway.post("/users/" + population.ids().get(login) + "/invitation", population.ownerToken(), Map.of())
                    .expect(202);
        }
    }

    /**
     * Each service in turn is stopped with SIGTERM while reads go to every service through the gateway and a 3,000-people
     * END_EMPLOYMENT is being published, applied and mailed, then started again: user-service while its relay publishes
     * the burst, training-service while it drops enrollments, notification-service while it sends invitations, then
     * import-service and the gateway. Every request that was accepted is answered (a service that is not there is a 503
     * with Retry-After, a gateway that is not there refuses the connection); the stopped service leaves nothing claimed
     * (outbox rows, emails) for the claim timeout to release; every effect arrives once, and no email goes twice.
     */
    private Outcome gracefulShutdowns(Population population) throws Exception {
        List<String> invitees = java.util.stream.IntStream.range(0, small.sizes.waiters()).mapToObj("w%03d"::formatted).toList();
        Set<String> addresses = invitees.stream().map(population::email).collect(Collectors.toSet());
        List<Ledger.Count> counts = new ArrayList<>();
        Map<String, Long> stopMillis = new java.util.LinkedHashMap<>();
        ShutdownLoad.Result result;
        try (ShutdownLoad load = ShutdownLoad.start(small, population.ownerToken(), CLIENTS)) {
            Bench.sleep(Duration.ofSeconds(2));
            offboard(small, population);
            stopGracefully("user-service", load, counts, stopMillis);
            applyingStatusChanges(population);
            stopGracefully("training-service", load, counts, stopMillis);
            invite(population, invitees);
            Bench.await(() -> small.stack.mails().stream().anyMatch(mail -> addresses.contains(mail.getKey())),
                    Duration.ofSeconds(30), Duration.ofMillis(5));
            stopGracefully("notification-service", load, counts, stopMillis);
            stopGracefully("import-service", load, counts, stopMillis);
            stopGracefully("gateway", load, counts, stopMillis);
            Bench.sleep(Duration.ofSeconds(2));
            result = load.stop();
        }
        counts.add(new Ledger.Count("requests through the gateway cut off (accepted and not answered, or answered other "
                + "than 2xx or 503 with Retry-After)" + (result.cut().isEmpty() ? "" : " " + result.cut()), 0, result.cutOff()));
        // an open defect, counted so that it shows: a read whose status and headers had left the service when its
        // graceful shutdown closed the connection (seen once in about 16,000 reads, in one run of two); reads only,
        // no effect is lost by it. A load balancer that drains a replica before SIGTERM (preStop) keeps clients from it.
        counts.add(Ledger.Count.atMost("reads sent as the stopping gateway closed their idle connection, not answered at all "
                + "(the keep-alive race of a graceful shutdown; a client may send such a read again)", CLIENTS,
                result.closedByStoppingGateway()));
        counts.add(Ledger.Count.atMost("reads cut short after their status and headers (open defect: a service's "
                + "graceful shutdown closing a connection under an answer)", 2, result.cutShort()));
        counts.addAll(settle(() -> Stream.of(smallLedger.endedEmployment(population),
                smallLedger.invitations(population, invitees, List.of(), 0), smallLedger.delivery(Map.of()))
                .flatMap(List::stream).toList()));
        return new Outcome("graceful shutdown", ("Each service stopped with SIGTERM and started again, one after another, while "
                + CLIENTS + " clients read from every service through the gateway and a %,d-people END_EMPLOYMENT went through: "
                + "user-service while its relay published the burst, training-service while it dropped enrollments, "
                + "notification-service while it sent %d invitations, then import-service and the gateway (each took %s "
                + "from SIGTERM to exit). Requests: %,d answered, %,d answered 503 with Retry-After while their service was "
                + "down, %,d connections refused while the gateway was down").formatted(population.burst().size(),
                invitees.size(), stopMillis.entrySet().stream().map(stop -> stop.getKey() + " " + Bench.seconds(stop.getValue()))
                        .collect(Collectors.joining(", ")), result.answered(), result.shed(), result.refused()), counts);
    }

    /**
     * SIGTERM to {@code service} under load; once it has exited (the load reads on a while, answered 503 by the gateway
     * or refused), counts what it left claimed; starts it again with the load held.
     */
    private void stopGracefully(String service, ShutdownLoad load, List<Ledger.Count> counts, Map<String, Long> stopMillis)
            throws Exception {
        load.stopping(service);
        long started = System.nanoTime();
        small.stack.end(service, false);
        stopMillis.put(service, Duration.ofNanos(System.nanoTime() - started).toMillis());
        Bench.sleep(Duration.ofSeconds(1));
        load.pause();
        if (!service.equals("gateway")) {
            try (var database = small.database(service)) {
                String claimed = "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND claimed_at IS NOT NULL";
                if (service.equals("notification-service")) {
                    claimed = "SELECT (" + claimed + ") + (SELECT count(*) FROM delivery WHERE status = 'SENDING')";
                }
                counts.add(new Ledger.Count(service + ": outbox rows" + (service.equals("notification-service")
                        ? " and emails" : "") + " left claimed once it had stopped", 0, Ledger.count(database, claimed)));
            }
        }
        small.stack.restart(service);
        load.stopping("nothing");
        load.resume();
    }

    /** The logins {@code b<from>} … {@code b<to - 1>} of a population. */
    private static List<String> logins(int from, int to) {
        return java.util.stream.IntStream.range(from, to).mapToObj("b%05d"::formatted).toList();
    }

    /** Ends the employment of the population's burst in one request through the gateway; every one must be applied. */
    private static void offboard(Bench bench, Population population) {
        Benchmark.log("Faults: END_EMPLOYMENT for " + population.burst().size() + " people of " + population.account());
        JsonNode outcome = bench.gateway.post("/users/bulk", population.ownerToken(),
                Map.of("action", "END_EMPLOYMENT", "userIds", population.burst())).expect(200).json();
        if (outcome.path("applied").size() != population.burst().size()) {
            throw new IllegalStateException("The bulk applied " + outcome.path("applied").size() + " of "
                    + population.burst().size() + ": " + outcome.path("skipped"));
        }
    }

    private static List<Ledger.Count> settle(Ledger ledger, Population population) throws Exception {
        return settle(() -> Stream.concat(ledger.endedEmployment(population).stream(),
                ledger.delivery(Map.of()).stream()).toList());
    }

    /** Counts until every count holds or {@link #SETTLE} has passed; logs the last counts. */
    private static List<Ledger.Count> settle(Ledger.Counter counter) throws Exception {
        List<Ledger.Count> counts = Ledger.settle(counter, SETTLE);
        counts.forEach(count -> Benchmark.log("Faults: " + count + (count.holds() ? "" : "  <-- off")));
        return counts;
    }

    private static void write(Path file, List<Outcome> outcomes, Instant started) throws IOException {
        StringBuilder markdown = new StringBuilder("""
                # Reliability

                Written by `deploy/bench/run.sh --faults` on %s (%d min). The real system (five service processes, a
                Kafka broker, PostgreSQL, SMTP, on one machine) offboards a population while one of its parts fails in
                the middle of the work; then every effect is counted exactly, in each service's own database and in the
                mails the SMTP server received. A count above the expected one would be an effect doubled, below it one
                lost. CI runs the same suite (`FaultSuiteTest`).

                | fault | injected | counts that hold | effects lost or doubled |
                |---|---|---|---|
                """.formatted(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(started),
                Duration.between(started, Instant.now()).toMinutes()));
        for (Outcome outcome : outcomes) {
            long held = outcome.counts().stream().filter(Ledger.Count::holds).count();
            markdown.append("| ").append(outcome.fault()).append(" | ").append(outcome.injected()).append(" | ")
                    .append(held).append(" of ").append(outcome.counts().size()).append(" | ")
                    .append(outcome.held() ? "none" : "**yes**").append(" |\n");
        }
        for (Outcome outcome : outcomes) {
            markdown.append("\n## ").append(outcome.fault()).append("\n\n").append(outcome.injected()).append(". Counted afterwards:\n\n");
            outcome.counts().forEach(count -> markdown.append("- ").append(count.holds() ? "" : "**").append(count)
                    .append(count.holds() ? "" : "**").append('\n'));
        }
        Files.writeString(file, markdown);
    }
}
