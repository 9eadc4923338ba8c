package dev.roster.notifications.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * notification-service's settings, under {@code roster.notifications}.
 *
 * @param from the sender of every email
 * @param portalUrl where users sign in; links in emails start here
 * @param pollInterval how often the email worker looks for due emails
 * @param settle how long a new email waits before it may be sent, so that a change of its recipient made a moment
 *        after the event that caused it (a deactivation right after an invitation) reaches this service first and
 *        the email is suppressed, not sent; no shorter than status changes take to propagate (idle, well under a
 *        second)
 * @param batchSize how many due emails one round claims
 * @param maxAttempts attempts before an email is given up (FAILED)
 * @param initialBackoff the wait after the first failed attempt; it doubles each time
 * @param maxBackoff the longest wait between attempts
 * @param claimTimeout an email claimed for sending this long ago (its sender died) is queued again
 * @param heartbeat how often an open notification stream gets a keep-alive comment
 */
@ConfigurationProperties("roster.notifications")
public record NotificationProperties(
        @DefaultValue("Roster <no-reply@roster.dev>") String from,
        @DefaultValue("http://localhost:8080") String portalUrl,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("1s") Duration settle,
        @DefaultValue("10") int batchSize,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("2s") Duration initialBackoff,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("5m") Duration claimTimeout,
        @DefaultValue("15s") Duration heartbeat) {

    /** The link of an invitation: the portal's set-password page with the one-time token. */
    public String setPasswordLink(String token) {
        return portalUrl.replaceAll("/+$", "") + "/set-password?token=" + token;
    }

    /** The wait before attempt {@code attempts + 1}: doubling from the initial back-off, capped. */
    public Duration backoff(int attempts) {
        Duration wait = initialBackoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
