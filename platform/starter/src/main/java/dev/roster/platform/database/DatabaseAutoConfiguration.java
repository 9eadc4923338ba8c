package dev.roster.platform.database;

import io.r2dbc.spi.Option;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * PostgreSQL session settings of every service. Statements are planned for their parameters each time
 * ({@code plan_cache_mode=force_custom_plan}): the driver keeps statements prepared, and PostgreSQL would
 * otherwise settle on a generic plan made while a table was small, such as the outbox or the users of an
 * account before an import of a hundred thousand rows, and keep scanning the whole table with it.
 */
@AutoConfiguration(before = R2dbcAutoConfiguration.class)
@ConditionalOnClass({ConnectionFactoryOptionsBuilderCustomizer.class, Option.class})
@ConditionalOnProperty(name = "roster.database.custom-plans", matchIfMissing = true)
public class DatabaseAutoConfiguration {

    /** The PostgreSQL driver's option for session parameters. */
    static final Option<Map<String, String>> SESSION_PARAMETERS = Option.valueOf("options");

    @Bean
    ConnectionFactoryOptionsBuilderCustomizer rosterSessionParameters() {
        return builder -> builder.option(SESSION_PARAMETERS, Map.of("plan_cache_mode", "force_custom_plan"));
    }
}
