package dev.roster.notifications.config;

import dev.roster.events.Topics;
import dev.roster.platform.kafka.RosterKafka;
import dev.roster.platform.kafka.RosterKafkaProperties;
import dev.roster.platform.people.People;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** The recipients' projection and the dead-letter topics of what notification-service consumes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    @Bean
    People people(DatabaseClient database) {
        return new People(database);
    }

    @Bean
    NewTopic usersDeadLetterTopic(RosterKafkaProperties kafka) {
        return RosterKafka.deadLetterTopic(Topics.USERS, kafka);
    }

    @Bean
    NewTopic enrollmentsDeadLetterTopic(RosterKafkaProperties kafka) {
        return RosterKafka.deadLetterTopic(Topics.ENROLLMENTS, kafka);
    }
}
