package dev.roster.trainings;

import dev.roster.testing.ServiceChecks;
import dev.roster.trainings.support.Tenants;
import dev.roster.trainings.support.TrainingServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

@TrainingServiceTest
class TrainingServiceApplicationTest {

    @Autowired WebTestClient http;
    @LocalManagementPort int managementPort;
    @Autowired Tenants tenants;

    @Test
    void isLiveAndReadyWithItsDatabaseAndBroker() {
        ServiceChecks.assertLiveAndReady(ServiceChecks.management(managementPort));
    }

    @Test
    void publishesPrometheusMetricsTaggedWithTheApplication() {
        ServiceChecks.assertPrometheusMetrics(ServiceChecks.management(managementPort), "training-service", "roster_outbox_backlog");
    }

    @Test
    void refusesCallsWithoutATokenAsAProblem() {
        http.get().uri("/api/v1/trainings").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json");
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        String token = tenants.create().admin().token();
        http.get().uri("/api/v1/no-such-thing").headers(headers -> headers.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");
    }

    @Test
    void theConsolesCopyOfTheApiDocumentIsThisServicesOwn() throws java.io.IOException {
        ServiceChecks.assertConsolesCopyOfTheApiDocument(http, "training-service");
    }
}
