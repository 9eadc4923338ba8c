package dev.roster.platform.kafka;

import dev.roster.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;

/** Small helpers for the topics and templates every service uses. */
public final class RosterKafka {

    private RosterKafka() {
    }

    /** Boot's template, whose serializers Roster's defaults set to String keys and byte[] values. */
    @SuppressWarnings("unchecked")
    public static KafkaTemplate<String, byte[]> bytes(KafkaTemplate<?, ?> template) {
        return (KafkaTemplate<String, byte[]>) template;
    }

    /** A topic of events, with the configured partitions and replicas. */
    public static NewTopic topic(String name, RosterKafkaProperties properties) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .build();
    }

    /** A compacted topic: Kafka keeps the latest record per key (and drops keys whose latest is a tombstone). */
    public static NewTopic compactedTopic(String name, RosterKafkaProperties properties) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .config(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0")
                .config(TopicConfig.SEGMENT_MS_CONFIG, "3600000")
                .build();
    }

    /** The dead-letter topic of {@code topic}: records that kept failing, for operators. */
    public static NewTopic deadLetterTopic(String topic, RosterKafkaProperties properties) {
        return TopicBuilder.name(Topics.deadLetter(topic))
                .partitions(1)
                .replicas(properties.replicationFactor())
                .build();
    }
}
