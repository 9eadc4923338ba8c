package dev.roster.platform.outbox;

import dev.roster.events.EventJson;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The transactional outbox for services with a database: its schema (migrated with the service's
 * own Flyway migrations, in a history table of its own), the {@link Outbox} API and the relay.
 */
@AutoConfiguration(after = {R2dbcAutoConfiguration.class, DataR2dbcAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnClass({DatabaseClient.class, KafkaTemplate.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    @ConditionalOnMissingBean
    Outbox outbox(DatabaseClient database, EventJson json) {
        return new Outbox(database, json);
    }

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "roster.outbox", name = "enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(DatabaseClient database, ProducerFactory<?, ?> producerFactory, OutboxProperties properties,
            MeterRegistry meters, Clock clock, @Value("${spring.application.name:roster}") String applicationName) {
        // a template of its own, without per-send observation: that would ask the broker for its cluster id
        // (blocking for seconds while the broker is down); the relay has its own metrics
        @SuppressWarnings("unchecked")
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>((ProducerFactory<String, byte[]>) producerFactory);
        return new OutboxRelay(database, template, properties, meters, clock, applicationName);
    }

    /**
     * Runs the service's migrations, then the platform's ({@code db/roster-platform}: outbox and
     * inbox) with a history table of their own, so that both evolve independently.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Flyway.class)
    static class PlatformSchema {

        static final String PLATFORM_LOCATION = "classpath:db/roster-platform";
        static final String PLATFORM_HISTORY = "roster_platform_schema_history";

        @Bean
        @ConditionalOnMissingBean
        FlywayMigrationStrategy rosterFlywayMigrationStrategy() {
            return flyway -> {
                flyway.migrate();
                Flyway.configure(flyway.getConfiguration().getClassLoader())
                        .configuration(flyway.getConfiguration())
                        .locations(PLATFORM_LOCATION)
                        .table(PLATFORM_HISTORY)
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .load()
                        .migrate();
            };
        }
    }
}
