package dev.roster.users.impact;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the impact preview, under {@code roster.impact}.
 *
 * @param trainingServiceUrl where training-service answers for enrollments, courses and programs
 * @param notificationServiceUrl where notification-service answers for queued emails and notices
 * @param timeout how long the preview waits for each of them; a part that takes longer is answered as unknown
 */
@ConfigurationProperties("roster.impact")
record ImpactProperties(
        @DefaultValue("http://localhost:8082") URI trainingServiceUrl,
        @DefaultValue("http://localhost:8083") URI notificationServiceUrl,
        @DefaultValue("1500ms") Duration timeout) {
}
