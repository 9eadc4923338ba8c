package dev.roster.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the outbox relay, under {@code roster.outbox}.
 *
 * @param enabled whether this instance runs a relay (all replicas may; they share the work)
 * @param pollInterval how long an idle relay waits before looking for new rows
 * @param maxBackoff the longest wait after failed publishing (the broker is down)
 * @param batchSize rows claimed at once
 * @param claimTimeout after this, a claim of a relay that died is released for others
 * @param retention how long published rows are kept before they are purged
 * @param housekeepingInterval how often stuck claims are released, old rows purged and gauges refreshed
 */
@ConfigurationProperties("roster.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20ms") Duration pollInterval,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("2000") int batchSize,
        @DefaultValue("60s") Duration claimTimeout,
        @DefaultValue("24h") Duration retention,
        @DefaultValue("5s") Duration housekeepingInterval) {
}
