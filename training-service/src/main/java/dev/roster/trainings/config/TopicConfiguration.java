package dev.roster.trainings.config;

import dev.roster.events.Topics;
import dev.roster.platform.kafka.RosterKafka;
import dev.roster.platform.kafka.RosterKafkaProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics training-service produces, and the dead-letter topic of what it consumes. */
@Configuration(proxyBeanMethods = false)
class TopicConfiguration {

    @Bean
    NewTopic enrollmentsTopic(RosterKafkaProperties kafka) {
        return RosterKafka.topic(Topics.ENROLLMENTS, kafka);
    }

    @Bean
    NewTopic usersDeadLetterTopic(RosterKafkaProperties kafka) {
        return RosterKafka.deadLetterTopic(Topics.USERS, kafka);
    }
}
