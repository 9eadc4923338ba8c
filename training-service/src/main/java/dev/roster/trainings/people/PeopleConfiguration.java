package dev.roster.trainings.people;

import dev.roster.platform.people.People;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** training-service keeps the platform's people projection (tables in V2__people.sql). */
@Configuration(proxyBeanMethods = false)
class PeopleConfiguration {

    @Bean
    People people(DatabaseClient database) {
        return new People(database);
    }
}
