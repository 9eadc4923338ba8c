package dev.roster.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code roster-defaults.properties} as the property source of lowest precedence, so that
 * every service shares one set of Kafka, actuator, logging and shutdown defaults and overrides
 * only what it must.
 */
public class RosterDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "rosterDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE_NAME)) {
            return;
        }
        try {
            environment.getPropertySources().addLast(
                    new ResourcePropertySource(SOURCE_NAME, new ClassPathResource("roster-defaults.properties")));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("roster-defaults.properties is missing from the platform starter", ex);
        }
    }
}
