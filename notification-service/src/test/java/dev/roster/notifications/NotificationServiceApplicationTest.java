package dev.roster.notifications;

import dev.roster.notifications.support.NotificationServiceTest;
import dev.roster.testing.ServiceChecks;
import dev.roster.testing.TestJwtIssuer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

@NotificationServiceTest
class NotificationServiceApplicationTest {

    @Autowired WebTestClient http;
    @LocalManagementPort int managementPort;
    @Autowired TestJwtIssuer tokens;

    @Test
    void isLiveAndReadyWithItsDatabaseAndBroker() {
        ServiceChecks.assertLiveAndReady(ServiceChecks.management(managementPort));
    }

    @Test
    void publishesPrometheusMetricsTaggedWithTheApplication() {
        ServiceChecks.assertPrometheusMetrics(ServiceChecks.management(managementPort), "notification-service", "roster_outbox_backlog",
                "roster_notifications_emails_total");
    }

    @Test
    void refusesCallsWithoutATokenAsAProblem() {
        http.get().uri("/api/v1/notifications").exchange()
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
        ServiceChecks.assertConsolesCopyOfTheApiDocument(http, "notification-service");
    }
}
