package dev.roster.platform.kafka;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Makes sure the topics this service declares exist. Spring's {@link KafkaAdmin} creates them once while the
 * context starts and, since a service must start while the broker is away ({@code spring.kafka.admin.fail-fast=false}),
 * only logs when that fails: the service's outbox could then never publish to a topic nobody created. This keeps
 * trying, with back-off, until every topic exists, and says so in the log ({@link #provisioned()} tells).
 */
public class TopicProvisioning implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioning.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final KafkaAdmin admin;
    private volatile boolean provisioned;
    private volatile Thread worker;
    private volatile boolean running;

    private final boolean declaresTopics;

    /** @param declaresTopics whether the service declares any topic ({@code NewTopic} beans) */
    public TopicProvisioning(KafkaAdmin admin, boolean declaresTopics) {
        this.admin = admin;
        this.declaresTopics = declaresTopics;
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
     * Checks every declared topic and creates the missing ones. KafkaAdmin answers false when there is nothing to
     * create, and while the context starts when the broker did not answer (it logs why); afterwards it throws.
     */
    private boolean attempt() {
        if (!declaresTopics) {
            return true;
        }
        try {
            return admin.initialize();
        }
        catch (RuntimeException ex) {
            log.warn("Could not create the topics of this service: {}", ex.toString());
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
