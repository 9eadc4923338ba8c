package dev.roster.platform.consistency;

import dev.roster.platform.kafka.RosterKafkaProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;

/** Read-your-writes for every reactive service with a database (see {@link ReadYourWritesFilter}). */
@AutoConfiguration(after = {R2dbcAutoConfiguration.class, DataR2dbcAutoConfiguration.class})
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass(DatabaseClient.class)
@EnableConfigurationProperties(ConsistencyProperties.class)
public class ConsistencyAutoConfiguration {

    private static final int DEFAULT_PARTITIONS = 6;

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    @ConditionalOnMissingBean
    ReadYourWritesFilter readYourWritesFilter(DatabaseClient database, ConsistencyProperties properties,
            ObjectProvider<RosterKafkaProperties> kafka) {
        RosterKafkaProperties settings = kafka.getIfAvailable();
        return new ReadYourWritesFilter(database, properties, settings == null ? DEFAULT_PARTITIONS : settings.partitions());
    }
}
