package dev.roster.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.RosterInfrastructure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway in front of services that hang or are down. (Sign-in limits: {@code edge/SignInLimitTest}.) */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "ROSTER_TRAINING_SERVICE_URL=http://localhost:1",
        "ROSTER_UPSTREAM_TIMEOUT=1s"})
@AutoConfigureWebTestClient(timeout = "20s")
@RosterInfrastructure(kafka = true)
@ExtendWith(OutputCaptureExtension.class)
class ResilienceTest {

    static final FakeUserService USERS = FakeUserService.start();

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("ROSTER_USER_SERVICE_URL", USERS::url);
        registry.add("ROSTER_IMPORT_SERVICE_URL", USERS::url);
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @Autowired WebTestClient http;
    @Autowired CircuitBreakerRegistry breakers;

    @Test
    void anUpstreamThatHangsIsAGatewayTimeoutProblemAfterTheConfiguredTimeout(CapturedOutput output) {
        // the upstream would answer 200 after three seconds; the gateway gives up after one
        String requestId = http.get().uri("/api/v1/users/slow").headers(h -> h.setBearerAuth(USERS.token(UUID.randomUUID())))
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/gateway-timeout")
                .returnResult().getResponseHeaders().getFirst("X-Request-Id");

        // the line about it names the request id the client got back, beside the trace id
        assertThat(output.getOut().lines().filter(line -> line.contains("Request GET /api/v1/users/slow answered 504")))
                .singleElement().asString().contains("\"X-Request-Id\":\"" + requestId + "\"").contains("\"traceId\":");
    }

    @Test
    void anUploadHasLongerThanOtherRequestsButNotForever() {
        // the upload's preview reads every row before it answers: 3 s here, past the 1 s every other request has
        http.post().uri("/api/v1/imports").headers(h -> h.setBearerAuth(USERS.token(UUID.randomUUID())))
                .contentType(MediaType.TEXT_PLAIN).bodyValue("login,email\n").exchange()
                .expectStatus().isCreated();
        // only the upload: any other request to import-service keeps the ordinary timeout
        http.get().uri("/api/v1/imports/slow").headers(h -> h.setBearerAuth(USERS.token(UUID.randomUUID())))
                .exchange()
                .expectStatus().isEqualTo(504);
    }

    @Test
    void aServiceThatIsDownIsAServiceUnavailableProblemAndItsBreakerOpens() {
        String token = USERS.token(UUID.randomUUID());
        for (int i = 0; i < 6; i++) {
            http.post().uri("/api/v1/trainings").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    // refused by the service (its port closed) or by its open breaker: either way, when to try again
                    .expectHeader().exists("Retry-After")
                    .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/service-unavailable");
        }
        assertThat(breakers.circuitBreaker("training-service").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void everyRequestGetsARequestIdThatTheServiceSeesAndTheClientGetsBack() {
        http.get().uri("/api/v1/users/1").headers(h -> h.setBearerAuth(USERS.token(UUID.randomUUID())))
                .header("X-Request-Id", "ticket-4711").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "ticket-4711")
                .expectBody().jsonPath("$.requestId").isEqualTo("ticket-4711");
        http.get().uri("/api/v1/users/1").headers(h -> h.setBearerAuth(USERS.token(UUID.randomUUID())))
                .header("X-Request-Id", "no spaces or <tags> please").exchange()
                .expectStatus().isOk()
                .expectHeader().value("X-Request-Id", id -> assertThat(UUID.fromString(id)).isNotNull())
                // the service gets the gateway's id alone: the client's never travels on beside it (as baggage)
                .expectBody().jsonPath("$.requestIds").isEqualTo(1)
                .jsonPath("$.requestId").value(id -> assertThat(UUID.fromString((String) id)).isNotNull());
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItReachesAService() {
        http.post().uri("/api/v1/users").headers(h -> h.setBearerAuth(USERS.token(UUID.randomUUID())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("x".repeat(3 * 1024 * 1024)).exchange()
                .expectStatus().isEqualTo(413);
    }

    @Test
    void aThreeMegabyteBodyIsAPayloadTooLargeProblem() {
        http.post().uri("/api/v1/users").headers(h -> h.setBearerAuth(USERS.token(UUID.randomUUID())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("x".repeat(3 * 1024 * 1024)).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().doesNotExist("errorMessage")
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/payload-too-large")
                .jsonPath("$.status").isEqualTo(413);
    }
}
