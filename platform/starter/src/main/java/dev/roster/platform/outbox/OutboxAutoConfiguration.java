package dev.roster.platform.outbox;

import dev.roster.events.EventJson;
import dev.roster.platform.observability.TraceHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import io.r2dbc.spi.ConnectionFactory;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.util.ClassUtils;

/**
 * The transactional outbox for services with a database: its schema (migrated with the service's
 * own Flyway migrations, in a history table of its own), the {@link Outbox} API and the relay.
 */
@AutoConfiguration(after = {R2dbcAutoConfiguration.class, DataR2dbcAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnClass({DatabaseClient.class, KafkaTemplate.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    private static final String POSTGRES_CONNECTION = "io.r2dbc.postgresql.api.PostgresqlConnection";

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    @ConditionalOnMissingBean
    Outbox outbox(DatabaseClient database, EventJson json, ObjectProvider<TraceHeaders> traces) {
        return new Outbox(database, json, traces.getIfAvailable());
    }

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "roster.outbox", name = "enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(DatabaseClient database, ProducerFactory<?, ?> producerFactory, OutboxProperties properties,
            ObjectProvider<ConnectionFactory> connections, MeterRegistry meters, Clock clock,
            @Value("${spring.application.name:roster}") String applicationName) {
        // a template of its own, without per-send observation: that would ask the broker for its cluster id
        // (blocking for seconds while the broker is down); the relay has its own metrics
        @SuppressWarnings("unchecked")
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>((ProducerFactory<String, byte[]>) producerFactory);
        return new OutboxRelay(database, template, properties, notifications(properties, connections.getIfAvailable()),
                meters, clock, applicationName);
    }

    /** Notifications of new rows where the database is PostgreSQL; else (null) the relay only polls. */
    private static OutboxNotifications notifications(OutboxProperties properties, ConnectionFactory connections) {
        if (!properties.listen() || connections == null) {
            return null;
        }
        OutboxNotifications notifications = ClassUtils.isPresent(POSTGRES_CONNECTION, OutboxAutoConfiguration.class.getClassLoader())
                ? OutboxNotifications.of(connections) : null;
        if (notifications == null) {
            LoggerFactory.getLogger(OutboxRelay.class).info("The database is not PostgreSQL: the outbox relay polls, without notifications");
        }
        return notifications;
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
