package dev.roster.users;

import dev.roster.testing.ServiceChecks;
import dev.roster.users.support.UserServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@UserServiceTest
class UserServiceApplicationTest {

    @Autowired WebTestClient http;

    @Test
    void isLiveAndReadyWithItsDatabaseAndBroker() {
        ServiceChecks.assertLiveAndReady(http);
    }

    @Test
    void publishesPrometheusMetricsTaggedWithTheApplication() {
        ServiceChecks.assertPrometheusMetrics(http, "user-service", "roster_outbox_backlog");
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        http.get().uri("/api/v1/no-such-thing").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json");
    }
}
