package dev.roster.users.config;

import dev.roster.events.Topics;
import dev.roster.platform.kafka.RosterKafka;
import dev.roster.platform.kafka.RosterKafkaProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topics user-service produces: the lifecycle, the compacted access state the gateway rebuilds from, the
 * results of imported rows; and the dead-letter topic of the import commands it consumes.
 */
@Configuration(proxyBeanMethods = false)
class TopicConfiguration {

    @Bean
    NewTopic usersTopic(RosterKafkaProperties kafka) {
        return RosterKafka.topic(Topics.USERS, kafka);
    }

    @Bean
    NewTopic userAccessTopic(RosterKafkaProperties kafka) {
        return RosterKafka.compactedTopic(Topics.USER_ACCESS, kafka);
    }

    @Bean
    NewTopic userImportResultsTopic(RosterKafkaProperties kafka) {
        return RosterKafka.topic(Topics.USER_IMPORT_RESULTS, kafka);
    }

    @Bean
    NewTopic userImportCommandsDeadLetterTopic(RosterKafkaProperties kafka) {
        return RosterKafka.deadLetterTopic(Topics.USER_IMPORT_COMMANDS, kafka);
    }
}
