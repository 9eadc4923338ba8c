package dev.roster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.test.web.reactive.server.WebTestClient;

/** What every Roster service must answer, checked the same way in each service's tests. */
public final class ServiceChecks {

    private ServiceChecks() {
    }

    /**
     * The console's typed client is generated from {@code console/openapi/<service>.json}: that copy must be the
     * service's own API document, else the console compiles against an API that is not there. After an API change,
     * write it anew: {@code ./mvnw test -pl <service> -Dtest=*ApplicationTest -Droster.openapi.write=true}.
     */
    public static void assertConsolesCopyOfTheApiDocument(WebTestClient http, String service) throws java.io.IOException {
        tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder()
                .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .enable(tools.jackson.databind.cfg.JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
        tools.jackson.databind.JsonNode live = mapper.readTree(http.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        java.nio.file.Path copy = java.nio.file.Path.of("..", "console", "openapi", service + ".json");
        if (Boolean.getBoolean("roster.openapi.write")) {
            java.nio.file.Files.writeString(copy, mapper.writeValueAsString(live) + "\n");
        }
        assertThat(java.nio.file.Files.exists(copy)).as("console/openapi/%s.json is missing; write it with "
                + "./mvnw test -pl %s -Dtest=*ApplicationTest -Droster.openapi.write=true", service, service).isTrue();
        assertThat(mapper.readTree(java.nio.file.Files.readString(copy)))
                .as("console/openapi/%s.json is not this service's API document; write it anew with "
                        + "./mvnw test -pl %s -Dtest=*ApplicationTest -Droster.openapi.write=true", service, service)
                .isEqualTo(live);
    }

    /**
     * No package of the service depends on itself through others: each feature package (and each package below it)
     * is its own slice, so a feature reaches another only downwards, and a change stays in the layer it belongs to.
     * Tests are not part of it.
     */
    public static void assertNoPackageCycles(String basePackage) {
        com.tngtech.archunit.core.domain.JavaClasses classes = new com.tngtech.archunit.core.importer.ClassFileImporter()
                .withImportOption(com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
        assertThat(classes).as("the classes of %s", basePackage).isNotEmpty();
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching(basePackage + ".(**)")
                .should().beFreeOfCycles()
                .check(classes);
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
