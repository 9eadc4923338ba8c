package dev.roster.imports.config;

import dev.roster.events.Topics;
import dev.roster.imports.sheet.SheetReader;
import dev.roster.platform.kafka.RosterKafka;
import dev.roster.platform.kafka.RosterKafkaProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The file reader with its limits, and the topics import-service produces (and the DLT of what it consumes). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportProperties.class)
class ImportConfiguration {

    @Bean
    SheetReader sheetReader(ImportProperties properties) {
        return new SheetReader(properties.limits());
    }

    @Bean
    NewTopic importCommandsTopic(RosterKafkaProperties kafka) {
        return RosterKafka.topic(Topics.USER_IMPORT_COMMANDS, kafka);
    }

    @Bean
    NewTopic usersDeadLetterTopic(RosterKafkaProperties kafka) {
        return RosterKafka.deadLetterTopic(Topics.USERS, kafka);
    }

    @Bean
    NewTopic resultsDeadLetterTopic(RosterKafkaProperties kafka) {
        return RosterKafka.deadLetterTopic(Topics.USER_IMPORT_RESULTS, kafka);
    }
}
