package dev.roster.testing;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Creates the database and broker of one test context. A record, so that two test classes with
 * the same settings share one cached context (and so one database and broker).
 */
record RosterInfrastructureContextCustomizer(boolean kafka, int partitions) implements ContextCustomizer {

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        List<String> properties = new ArrayList<>();
        TestDatabase database = TestDatabase.create();
        properties.addAll(database.springProperties());
        context.getBeanFactory().registerSingleton("rosterTestDatabase", database);

        TestKafka broker = kafka ? TestKafka.start(partitions) : null;
        if (broker != null) {
            properties.add("spring.kafka.bootstrap-servers=" + broker.bootstrapServers());
            context.getBeanFactory().registerSingleton("rosterTestKafka", broker);
        }
        TestPropertyValues.of(properties).applyTo(context);

        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                if (broker != null) {
                    broker.stop();
                }
                database.drop();
            }
        });
    }
}
