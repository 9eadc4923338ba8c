package dev.roster.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.testing.RosterInfrastructure;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The gateway carries concurrent load up to its configured capacity per route, and beyond it sheds with
 * 503 and {@code Retry-After}. user-service's route has the default capacity; training-service's route
 * (also the fake service here) a capacity of one call.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "resilience4j.bulkhead.configs.training-service.max-concurrent-calls=1",
        "resilience4j.bulkhead.configs.training-service.max-wait-duration=0"})
@RosterInfrastructure(kafka = true)
class LoadSheddingTest {

    static final FakeUserService USERS = FakeUserService.start();

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("ROSTER_USER_SERVICE_URL", USERS::url);
        registry.add("ROSTER_TRAINING_SERVICE_URL", USERS::url);
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @LocalServerPort int port;
    @Autowired MeterRegistry meters;
    @Autowired CircuitBreakerRegistry breakers;

    @Test
    void sixtyFourConcurrentRequestsBelowTheCapacityAllGetThrough() {
        WebClient client = client(64);
        String token = USERS.token(UUID.randomUUID());

        List<ResponseEntity<String>> responses = Flux.range(0, 64)
                .flatMap(i -> client.get().uri("/api/v1/users/together?parties=64")
                        .headers(h -> h.setBearerAuth(token))
                        .exchangeToMono(response -> response.toEntity(String.class)), 64)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(responses).hasSize(64).allSatisfy(response -> {
            assertThat(response.getStatusCode().value()).isEqualTo(200);
            // all 64 were at the service at the same time, none waited for another to finish
            assertThat(response.getBody()).isEqualTo("{\"together\":true}");
        });
        // 64 outcomes recorded at once: the route's breaker counts them without a lock an event loop would park on
        // (BlockingCallDetector fails the request that parks)
        assertThat(breakers.circuitBreaker("user-service").getCircuitBreakerConfig().getSlidingWindowSynchronizationStrategy())
                .isEqualTo(SlidingWindowSynchronizationStrategy.LOCK_FREE);
    }

    @Test
    void aRequestBeyondTheCapacityIsShedWithServiceUnavailableAndRetryAfter() {
        WebClient client = client(2);
        String token = USERS.token(UUID.randomUUID());
        // holds the route's only call for five seconds
        Mono<ResponseEntity<String>> holding = client.get().uri("/api/v1/trainings/together?parties=2")
                .headers(h -> h.setBearerAuth(token))
                .exchangeToMono(response -> response.toEntity(String.class))
                .cache();
        holding.subscribe();
        await().atMost(Duration.ofSeconds(20)).until(() -> FakeUserService.arrived(2) == 1);

        ResponseEntity<String> shed = client.get().uri("/api/v1/trainings/together?parties=2")
                .headers(h -> h.setBearerAuth(token))
                .exchangeToMono(response -> response.toEntity(String.class))
                .block(Duration.ofSeconds(20));

        assertThat(shed.getStatusCode().value()).isEqualTo(503);
        assertThat(shed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(shed.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(shed.getBody()).contains("\"type\":\"https://roster.dev/problems/service-unavailable\"");
        assertThat(FakeUserService.arrived(2)).isEqualTo(1);
        assertThat(meters.get("roster.gateway.shed").tag("route", "training-service").tag("reason", "bulkhead-full")
                .counter().count()).isEqualTo(1);
        // the held call itself was not disturbed
        assertThat(holding.block(Duration.ofSeconds(20)).getStatusCode().value()).isEqualTo(200);
    }

    private WebClient client(int connections) {
        ConnectionProvider pool = ConnectionProvider.builder("load-shedding-test").maxConnections(connections)
                .pendingAcquireMaxCount(-1).build();
        return WebClient.builder().baseUrl("http://localhost:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)))
                .build();
    }
}
