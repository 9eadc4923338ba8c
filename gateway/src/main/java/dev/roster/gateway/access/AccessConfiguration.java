package dev.roster.gateway.access;

import dev.roster.events.EventJson;
import dev.roster.events.Topics;
import dev.roster.platform.kafka.RosterKafka;
import dev.roster.platform.kafka.RosterKafkaProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Immediate revocation: the in-memory access state, the consumer that keeps it, the filter that applies it. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean
    AccessStates accessStates() {
        return new AccessStates();
    }

    @Bean
    AccessStateConsumer accessStateConsumer(KafkaProperties kafka, AccessStates states, EventJson json, Clock clock,
            MeterRegistry meters) {
        return new AccessStateConsumer(kafka.buildConsumerProperties(), states, json, clock, meters);
    }

    @Bean
    RevocationFilter revocationFilter(AccessStates states, JsonMapper mapper, MeterRegistry meters) {
        return new RevocationFilter(states, mapper, meters);
    }

    /** Not ready until the access state is rebuilt: a replica must not admit tokens it would refuse a second later. */
    @Bean
    ReactiveHealthIndicator accessStateHealthIndicator(AccessStateConsumer consumer, AccessStates states) {
        return () -> Mono.just(consumer.isCaughtUp()
                ? Health.up().withDetail("users", states.size()).build()
                : Health.outOfService().withDetail("reason", "rebuilding access state").build());
    }

    /** Whoever comes first creates the access topic, and compacted. */
    @Bean
    NewTopic userAccessTopic(RosterKafkaProperties kafka) {
        return RosterKafka.compactedTopic(Topics.USER_ACCESS, kafka);
    }
}
