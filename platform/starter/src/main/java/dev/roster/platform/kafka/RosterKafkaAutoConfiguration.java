package dev.roster.platform.kafka;

import dev.roster.events.EventJson;
import dev.roster.events.Topics;
import dev.roster.platform.inbox.Inbox;
import dev.roster.platform.inbox.InboxAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Kafka defaults of every service: retries with back-off, then {@code <topic>.DLT}, both for
 * listeners that fail synchronously (the container's error handler) and for Roster's asynchronous
 * listeners (the {@link EventProcessor}).
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, InboxAutoConfiguration.class})
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(RosterKafkaProperties.class)
public class RosterKafkaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaTemplate<?, ?> template) {
        // partition -1: let the producer choose, the dead-letter topic need not mirror the original's partitions
        return new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
    }

    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler rosterErrorHandler(DeadLetterPublishingRecoverer recoverer, RosterKafkaProperties properties) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.retryAttempts());
        backOff.setInitialInterval(properties.retryInitialBackoff().toMillis());
        backOff.setMaxInterval(properties.retryMaxBackoff().toMillis());
        return new DefaultErrorHandler(recoverer, backOff);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(KafkaAdmin.class)
    TopicProvisioning topicProvisioning(KafkaAdmin admin, ObjectProvider<NewTopic> topics,
            RosterKafkaProperties properties) {
        // Roster's services declare each topic as a NewTopic bean (RosterKafka), never as KafkaAdmin.NewTopics
        List<String> declared = topics.orderedStream().map(NewTopic::name).toList();
        return new TopicProvisioning(admin, declared, properties.createTopics());
    }

    @Bean
    @ConditionalOnMissingBean
    EventProcessor eventProcessor(EventJson json, ObjectProvider<Inbox> inbox, DeadLetterPublishingRecoverer recoverer,
            RosterKafkaProperties properties, MeterRegistry meters, Clock clock,
            ObjectProvider<ObservationRegistry> observations) {
        return new EventProcessor(json, inbox.getIfAvailable(), recoverer, properties, meters, clock,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
