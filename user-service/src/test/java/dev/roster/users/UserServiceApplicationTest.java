package dev.roster.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.testing.ServiceChecks;
import dev.roster.users.support.UserServiceTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@UserServiceTest
class UserServiceApplicationTest {

    @Autowired WebTestClient http;
    @LocalManagementPort int managementPort;

    @Test
    void isLiveAndReadyWithItsDatabaseAndBroker() {
        ServiceChecks.assertLiveAndReady(ServiceChecks.management(managementPort));
    }

    @Test
    void publishesPrometheusMetricsTaggedWithTheApplication() {
        ServiceChecks.assertPrometheusMetrics(ServiceChecks.management(managementPort), "user-service", "roster_outbox_backlog");
    }

    @Test
    void actuatorIsNotOnThePublicPort() {
        ServiceChecks.assertNoActuatorOnThePublicPort(http, null);
    }

    /** Swagger (through the gateway) shows the public base URL, never the service's own host and port. */
    @Test
    void apiDocsShowThePublicBaseUrl() {
        String docs = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode json = JsonMapper.builder().build().readTree(docs);

        assertThat(json.get("servers")).hasSize(1);
        assertThat(json.get("servers").get(0).get("url").asString()).isEqualTo("/api/v1");
        assertThat(json.get("paths").has("/users")).isTrue();
        assertThat(json.get("paths").has("/api/v1/users")).isFalse();
        assertThat(docs).doesNotContain("localhost").doesNotContain("127.0.0.1");
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        http.get().uri("/api/v1/no-such-thing").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json");
    }

    @Test
    void theConsolesCopyOfTheApiDocumentIsThisServicesOwn() throws IOException {
        ServiceChecks.assertConsolesCopyOfTheApiDocument(http, "user-service");
    }
}
