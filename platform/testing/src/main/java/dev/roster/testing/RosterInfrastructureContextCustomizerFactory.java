package dev.roster.testing;

import java.util.List;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/** Activates {@link RosterInfrastructure} on the test classes that carry it. */
class RosterInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY)
                .get(RosterInfrastructure.class)
                .synthesize(annotation -> annotation.isPresent())
                .map(annotation -> new RosterInfrastructureContextCustomizer(annotation.kafka(), annotation.partitions()))
                .orElse(null);
    }
}
