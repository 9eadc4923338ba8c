package dev.roster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.test.web.reactive.server.WebTestClient;

/** What every Roster service must answer, checked the same way in each service's tests. */
public final class ServiceChecks {

    private ServiceChecks() {
    }

    /** A client of the service's management port (actuator), which is never the public one. */
    public static WebTestClient management(int managementPort) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
    }

    /** The public port serves no actuator endpoint: health, metrics and the rest are 404 there (401 without a token where one is needed). */
    public static void assertNoActuatorOnThePublicPort(WebTestClient http, String token) {
        for (String path : java.util.List.of("/actuator", "/actuator/health", "/actuator/health/readiness",
                "/actuator/metrics", "/actuator/prometheus", "/actuator/gateway/routes", "/actuator/env")) {
            http.get().uri(path).headers(headers -> {
                if (token != null) {
                    headers.setBearerAuth(token);
                }
            }).exchange().expectStatus().value(status -> assertThat(status).as(path).isIn(token == null ? 401 : 404, 404));
        }
    }

    /**
     * Liveness is UP without external checks; readiness is UP with the service's database, broker and
     * access state (which a fresh replica reads from the start of its topic first: waited for briefly).
     */
    public static void assertLiveAndReady(WebTestClient http) {
        http.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .untilAsserted(() -> http.get().uri("/actuator/health/readiness").exchange()
                        .expectStatus().isOk()
                        .expectBody().jsonPath("$.status").isEqualTo("UP"));
    }

    /** Prometheus metrics carry the application tag and include the given meters. */
    public static void assertPrometheusMetrics(WebTestClient http, String application, String... meters) {
        http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("application=\"" + application + "\"").contains(meters));
    }

    /** A path nobody serves is a 404 problem, not Boot's default error JSON. */
    public static void assertUnknownPathIsAProblem(WebTestClient http) {
        http.get().uri("/api/v1/no-such-thing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json")
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("\"type\":\"https://roster.dev/problems/not-found\"")
                        .contains("\"status\":404"));
    }
}
