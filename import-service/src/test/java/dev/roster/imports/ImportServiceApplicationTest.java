package dev.roster.imports;

import dev.roster.imports.support.ImportServiceTest;
import dev.roster.testing.ServiceChecks;
import dev.roster.testing.TestJwtIssuer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

@ImportServiceTest
class ImportServiceApplicationTest {

    @Autowired WebTestClient http;
    @LocalManagementPort int managementPort;
    @Autowired TestJwtIssuer tokens;

    @Test
    void isLiveAndReadyWithItsDatabaseAndBroker() {
        ServiceChecks.assertLiveAndReady(ServiceChecks.management(managementPort));
    }

    @Test
    void publishesPrometheusMetricsTaggedWithTheApplication() {
        ServiceChecks.assertPrometheusMetrics(ServiceChecks.management(managementPort), "import-service", "roster_outbox_backlog");
    }

    @Test
    void refusesCallsWithoutATokenAsAProblem() {
        http.get().uri("/api/v1/imports").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json");
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        String token = tokens.token(UUID.randomUUID(), UUID.randomUUID());
        http.get().uri("/api/v1/no-such-thing").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");
    }

    @Test
    void theConsolesCopyOfTheApiDocumentIsThisServicesOwn() throws java.io.IOException {
        ServiceChecks.assertConsolesCopyOfTheApiDocument(http, "import-service");
    }
}
