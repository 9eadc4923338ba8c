package dev.roster.platform.kafka;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Makes sure the topics this service declares exist. Spring's {@link KafkaAdmin} creates them once while the
 * context starts and, since a service must start while the broker is away ({@code spring.kafka.admin.fail-fast=false}),
 * only logs when that fails: the service's outbox could then never publish to a topic nobody created. This keeps
 * trying, with back-off, until every topic exists, and says so in the log ({@link #provisioned()} tells). Where an
 * operator manages the topics ({@code roster.kafka.create-topics=false}), it creates nothing and waits until they
 * are all there.
 */
public class TopicProvisioning implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioning.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final KafkaAdmin admin;
    private volatile boolean provisioned;
    private volatile Thread worker;
    private volatile boolean running;

    private final List<String> declared;
    private final boolean create;

    /**
     * @param declared the topics the service declares ({@code NewTopic} beans)
     * @param create whether to create the missing ones, or only to wait for them
     */
    public TopicProvisioning(KafkaAdmin admin, List<String> declared, boolean create) {
        this.admin = admin;
        this.declared = List.copyOf(declared);
        this.create = create;
    }

    /** Whether every declared topic exists (as far as this service knows: it checked and created them). */
    public boolean provisioned() {
        return provisioned;
    }

    /**
     * Checks once while the service starts (the broker normally answers at once, and readiness must not flap
     * after start); only when that fails, keeps trying in the background.
     */
    @Override
    public void start() {
        running = true;
        if (attempt()) {
            provisioned = true;
            return;
        }
        worker = Thread.ofPlatform().daemon().name("roster-topic-provisioning").start(this::provision);
    }

    private void provision() {
        Duration wait = FIRST_RETRY;
        while (!Thread.currentThread().isInterrupted()) {
            if (attempt()) {
                provisioned = true;
                log.info("The topics of this service exist now");
                return;
            }
            log.warn("The topics of this service are not all created yet; trying again in {} s", wait.toSeconds());
            try {
                Thread.sleep(wait);
            }
            catch (InterruptedException ex) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
        }
    }

    /**
     * Checks every declared topic and creates the missing ones (KafkaAdmin answers false when it could not reach
     * the broker or create them); or, where an operator creates them, checks only that they are all there.
     */
    private boolean attempt() {
        if (declared.isEmpty()) {
            return true;
        }
        try {
            return create ? admin.initialize() : admin.describeTopics(declared.toArray(String[]::new)).keySet().containsAll(declared);
        }
        catch (RuntimeException ex) {
            log.warn(create ? "Could not create the topics of this service: {}"
                    : "The topics of this service are not all there yet (roster.kafka.create-topics=false: an operator creates them): {}",
                    ex.toString());
            return false;
        }
    }

    @Override
    public void stop() {
        Thread current = worker;
        if (current != null) {
            current.interrupt();
        }
        worker = null;
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
