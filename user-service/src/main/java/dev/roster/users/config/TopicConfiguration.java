package dev.roster.users.config;

import dev.roster.events.Topics;
import dev.roster.platform.kafka.RosterKafka;
import dev.roster.platform.kafka.RosterKafkaProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics user-service produces: the lifecycle, and the compacted access state the gateway rebuilds from. */
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
}
