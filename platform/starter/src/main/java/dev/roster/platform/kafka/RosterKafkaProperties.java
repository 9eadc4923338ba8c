package dev.roster.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings of Roster, under {@code roster.kafka}.
 *
 * @param partitions partitions of the topics a service creates
 * @param replicationFactor replicas of the topics a service creates (3 in production)
 * @param retryAttempts how often a failing event is retried before it goes to the dead-letter topic
 * @param retryInitialBackoff the first wait between retries; it doubles each time
 * @param retryMaxBackoff the longest wait between retries
 * @param createTopics whether a service creates the topics it declares; false where an operator manages them
 *        (Strimzi's {@code KafkaTopic}s on Kubernetes): the service then only waits until they exist
 */
@ConfigurationProperties("roster.kafka")
public record RosterKafkaProperties(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("4") int retryAttempts,
        @DefaultValue("200ms") Duration retryInitialBackoff,
        @DefaultValue("5s") Duration retryMaxBackoff,
        @DefaultValue("true") boolean createTopics) {
}
