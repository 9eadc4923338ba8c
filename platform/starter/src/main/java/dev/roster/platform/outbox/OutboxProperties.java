package dev.roster.platform.outbox;

import dev.roster.events.Topics;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay, under {@code roster.outbox}.
 *
 * @param enabled whether this instance runs a relay (all replicas may; they share the work)
 * @param pollInterval how often a relay looks for rows without being told of them: the safety net under the
 *        notifications (one lost while the listening connection was down), and the only way when there are none
 * @param maxBackoff the longest wait after failed publishing (the broker is down)
 * @param batchSize rows claimed at once
 * @param claimTimeout after this, a claim of a relay that died is released for others
 * @param retention how long published rows are kept (marked sent) before they are purged; zero, the default, deletes
 *        a row once the broker has acknowledged it, which is what keeps the table small and cheap to claim from in a
 *        burst (the broker keeps the events; a row kept here is for an operator's inspection only)
 * @param housekeepingInterval how often stuck claims are released, old rows purged and gauges refreshed
 * @param listen whether the relay listens for PostgreSQL notifications of new rows (else it only polls)
 * @param priorityTopics topics claimed and published in a lane of their own, so that they never wait behind a
 *        backlog of other events (the access topic: revoked tokens must be refused within a second)
 * @param pipelineDepth batches a relay has in flight per lane: the next batch is claimed while the previous
 *        one is being published (1: one after another)
 * @param vacuumDeadRows housekeeping vacuums the outbox once it holds more dead rows than this (0: never; where
 *        autovacuum keeps up it never gets there)
 */
@ConfigurationProperties("roster.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("2000") int batchSize,
        @DefaultValue("60s") Duration claimTimeout,
        @DefaultValue("0s") Duration retention,
        @DefaultValue("30s") Duration housekeepingInterval,
        @DefaultValue("true") boolean listen,
        @DefaultValue(Topics.USER_ACCESS) List<String> priorityTopics,
        @DefaultValue("2") int pipelineDepth,
        @DefaultValue("50000") long vacuumDeadRows) {

    public OutboxProperties {
        priorityTopics = priorityTopics == null ? List.of() : List.copyOf(priorityTopics);
        if (pipelineDepth < 1) {
            throw new IllegalArgumentException("roster.outbox.pipeline-depth must be at least 1");
        }
    }

    /** The defaults, as a service gets them. */
    public static OutboxProperties defaults() {
        return new OutboxProperties(true, Duration.ofSeconds(10), Duration.ofSeconds(5), 2000, Duration.ofSeconds(60),
                Duration.ZERO, Duration.ofSeconds(30), true, List.of(Topics.USER_ACCESS), 2, 50_000);
    }

    public OutboxProperties withPollInterval(Duration interval) {
        return new OutboxProperties(enabled, interval, maxBackoff, batchSize, claimTimeout, retention,
                housekeepingInterval, listen, priorityTopics, pipelineDepth, vacuumDeadRows);
    }

    public OutboxProperties withBatchSize(int size) {
        return new OutboxProperties(enabled, pollInterval, maxBackoff, size, claimTimeout, retention,
                housekeepingInterval, listen, priorityTopics, pipelineDepth, vacuumDeadRows);
    }

    public OutboxProperties withPipelineDepth(int depth) {
        return new OutboxProperties(enabled, pollInterval, maxBackoff, batchSize, claimTimeout, retention,
                housekeepingInterval, listen, priorityTopics, depth, vacuumDeadRows);
    }

    public OutboxProperties withMaxBackoff(Duration backoff) {
        return new OutboxProperties(enabled, pollInterval, backoff, batchSize, claimTimeout, retention,
                housekeepingInterval, listen, priorityTopics, pipelineDepth, vacuumDeadRows);
    }

    public OutboxProperties withPriorityTopics(List<String> topics) {
        return new OutboxProperties(enabled, pollInterval, maxBackoff, batchSize, claimTimeout, retention,
                housekeepingInterval, listen, topics, pipelineDepth, vacuumDeadRows);
    }

    public OutboxProperties withVacuumDeadRows(long rows) {
        return new OutboxProperties(enabled, pollInterval, maxBackoff, batchSize, claimTimeout, retention,
                housekeepingInterval, listen, priorityTopics, pipelineDepth, rows);
    }

    public OutboxProperties withRetention(Duration kept) {
        return new OutboxProperties(enabled, pollInterval, maxBackoff, batchSize, claimTimeout, kept,
                housekeepingInterval, listen, priorityTopics, pipelineDepth, vacuumDeadRows);
    }
}
