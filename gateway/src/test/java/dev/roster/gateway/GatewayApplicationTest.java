package dev.roster.gateway;

import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.ServiceChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        // a port nobody listens on: the owning service is down
        "ROSTER_USER_SERVICE_URL=http://localhost:1"})
@AutoConfigureWebTestClient
@RosterInfrastructure
class GatewayApplicationTest {

    @Autowired WebTestClient http;

    @Test
    void isLiveAndReadyWithItsBroker() {
        ServiceChecks.assertLiveAndReady(http);
    }

    @Test
    void publishesPrometheusMetricsTaggedWithTheApplication() {
        ServiceChecks.assertPrometheusMetrics(http, "gateway", "jvm_memory_used_bytes");
    }

    @Test
    void answersAPathNoServiceOwnsWithAProblem() {
        ServiceChecks.assertUnknownPathIsAProblem(http);
    }

    @Test
    void answersAProblemWhenTheOwningServiceIsDown() {
        http.get().uri("/api/v1/users").exchange()
                .expectStatus().is5xxServerError()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.status").value(status -> org.assertj.core.api.Assertions
                        .assertThat((Integer) status).isBetween(500, 504));
    }
}
