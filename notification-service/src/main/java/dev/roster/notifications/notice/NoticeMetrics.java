package dev.roster.notifications.notice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The notification counters: notices created (by kind and channel), emails sent, failed and retried,
 * suppressed (by channel and reason), and the delivery lag from the causing event's {@code occurredAt}.
 */
@Component
public class NoticeMetrics {

    private final MeterRegistry meters;
    private final Clock clock;

    NoticeMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        emails("sent");
        emails("failed");
        emails("retried");
    }

    void created(NoticeKind kind, String channel, Instant occurredAt) {
        Counter.builder("roster.notifications.created").description("Notices created, by kind and channel")
                .tag("kind", kind.template()).tag("channel", channel).register(meters).increment();
        if (occurredAt != null) {
            lag(channel, occurredAt);
        }
    }

    void suppressed(String channel, String reason) {
        suppressed(channel, reason, 1);
    }

    void suppressed(String channel, String reason, long count) {
        if (count > 0) {
            Counter.builder("roster.notifications.suppressed")
                    .description("Notices not delivered because the recipient was not active (or unknown)")
                    .tag("channel", channel).tag("reason", reason).register(meters).increment(count);
        }
    }

    /** A queued email found its recipient no longer active when it was due. */
    public void suppressedAtSend(String reason) {
        suppressed("EMAIL", reason, 1);
    }

    /** An email went out; {@code occurredAt} is when the event that caused it happened. */
    public void sent(Instant occurredAt) {
        emails("sent").increment();
        lag("EMAIL", occurredAt);
    }

    public void retried() {
        emails("retried").increment();
    }

    public void failed() {
        emails("failed").increment();
    }

    private Counter emails(String outcome) {
        return Counter.builder("roster.notifications.emails").description("Emails by outcome")
                .tag("outcome", outcome).register(meters);
    }

    private void lag(String channel, Instant occurredAt) {
        Timer.builder("roster.notifications.delivery.lag")
                .description("From the causing event's occurredAt to the notice delivered")
                .tag("channel", channel)
                .publishPercentileHistogram()
                .register(meters)
                .record(Duration.between(occurredAt, clock.instant()));
    }
}
