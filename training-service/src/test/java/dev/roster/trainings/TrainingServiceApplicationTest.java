package dev.roster.trainings;

import dev.roster.testing.ServiceChecks;
import dev.roster.trainings.support.Tenants;
import dev.roster.trainings.support.TrainingServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@TrainingServiceTest
class TrainingServiceApplicationTest {

    @Autowired WebTestClient http;
    @Autowired Tenants tenants;

    @Test
    void isLiveAndReadyWithItsDatabaseAndBroker() {
        ServiceChecks.assertLiveAndReady(http);
    }

    @Test
    void publishesPrometheusMetricsTaggedWithTheApplication() {
        ServiceChecks.assertPrometheusMetrics(http, "training-service", "roster_outbox_backlog");
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
}
