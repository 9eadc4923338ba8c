package dev.roster.imports;

import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.ServiceChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@RosterInfrastructure
class ImportServiceApplicationTest {

    @Autowired WebTestClient http;

    @Test
    void isLiveAndReadyWithItsDatabaseAndBroker() {
        ServiceChecks.assertLiveAndReady(http);
    }

    @Test
    void publishesPrometheusMetricsTaggedWithTheApplication() {
        ServiceChecks.assertPrometheusMetrics(http, "import-service", "roster_outbox_backlog");
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        ServiceChecks.assertUnknownPathIsAProblem(http);
    }
}
