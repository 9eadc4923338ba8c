package dev.roster.platform.access;

import dev.roster.events.EventJson;
import dev.roster.events.Topics;
import dev.roster.platform.config.RosterEventsAutoConfiguration;
import dev.roster.platform.kafka.RosterKafka;
import dev.roster.platform.kafka.RosterKafkaAutoConfiguration;
import dev.roster.platform.kafka.RosterKafkaProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Immediate revocation in every service that accepts access tokens (and the gateway): the in-memory
 * access state, the consumer that keeps it from {@code roster.user-access.v1}, and a readiness
 * contributor ({@code accessState}). The platform's resource-server filter chain refuses tokens with it. {@code roster.security.revocation.enabled=false}
 * turns the consumer off (nothing is then refused for revocation).
 */
// after the resource server's decoder (by name: the security package uses this one, not the other way round)
@AutoConfiguration(after = {KafkaAutoConfiguration.class, RosterKafkaAutoConfiguration.class,
        RosterEventsAutoConfiguration.class},
        afterName = "dev.roster.platform.security.RosterResourceServerAutoConfiguration")
@ConditionalOnClass({KafkaConsumer.class, ReactiveJwtDecoder.class})
@ConditionalOnWebApplication(type = Type.REACTIVE)
public class AccessStateAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AccessStates accessStates() {
        return new AccessStates();
    }

    /** Follows the access topic where tokens are checked. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(ReactiveJwtDecoder.class)
    @ConditionalOnProperty(prefix = "roster.security.revocation", name = "enabled", matchIfMissing = true)
    static class Following {

        @Bean
        @ConditionalOnMissingBean
        AccessStateConsumer accessStateConsumer(KafkaProperties kafka, AccessStates states, EventJson json, Clock clock,
                MeterRegistry meters) {
            return new AccessStateConsumer(kafka.buildConsumerProperties(), states, json, clock, meters);
        }

        /** Not ready until the access state is rebuilt: a replica must not admit tokens it would refuse a second later. */
        @Bean
        @ConditionalOnMissingBean(name = "accessStateHealthIndicator")
        ReactiveHealthIndicator accessStateHealthIndicator(AccessStateConsumer consumer, AccessStates states) {
            return () -> Mono.just(consumer.isCaughtUp()
                    ? Health.up().withDetail("users", states.size()).build()
                    : Health.outOfService().withDetail("reason", "rebuilding access state").build());
        }

        /** Whoever comes first creates the access topic, and compacted (a service may start before user-service). */
        @Bean
        @ConditionalOnMissingBean(name = "userAccessTopic")
        NewTopic userAccessTopic(RosterKafkaProperties kafka) {
            return RosterKafka.compactedTopic(Topics.USER_ACCESS, kafka);
        }
    }
}
