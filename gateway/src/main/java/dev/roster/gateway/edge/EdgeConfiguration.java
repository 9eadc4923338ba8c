package dev.roster.gateway.edge;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.common.circuitbreaker.configuration.CircuitBreakerConfigCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** What the gateway does at the edge for every request: request ids, client addresses, sign-in limits, problems for oversized bodies. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EdgeProperties.class)
class EdgeConfiguration {

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    PayloadTooLargeProblems payloadTooLargeProblems(JsonMapper mapper) {
        return new PayloadTooLargeProblems(mapper);
    }

    @Bean
    ClientAddressHeadersFilter clientAddressHeadersFilter() {
        return new ClientAddressHeadersFilter();
    }

    /** 503 with {@code Retry-After} when a route's bulkhead is full (retry in a second) or its breaker open (retry when it half-opens). */
    @Bean
    LoadSheddingProblems loadSheddingProblems(MeterRegistry meters, EdgeProperties properties,
            @Value("${resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state:10s}") Duration openRetryAfter) {
        return new LoadSheddingProblems(meters, properties.shed().retryAfter(), openRetryAfter, properties.shed().logEvery(),
                Clock.systemUTC());
    }

    /**
     * Every route's circuit breaker records each call's outcome on the event loop that answered it. Resilience4j's
     * default window takes a lock for that, and under dozens of concurrent answers an event loop parks on it; the
     * lock-free window never parks. Route configs that name {@code default} as their base inherit it.
     */
    @Bean
    CircuitBreakerConfigCustomizer lockFreeCircuitBreakerWindow() {
        return CircuitBreakerConfigCustomizer.of("default",
                config -> config.slidingWindowSynchronizationStrategy(SlidingWindowSynchronizationStrategy.LOCK_FREE));
    }

    /** Failed attempts per address and replica: 50 a minute on each of two replicas is about 100 a minute in all. */
    @Bean
    SignInRateLimiter signInRateLimiter(EdgeProperties properties, JsonMapper mapper, MeterRegistry meters) {
        return new SignInRateLimiter(properties.signIn().failures(), properties.signIn().window(), mapper, meters);
    }
}
