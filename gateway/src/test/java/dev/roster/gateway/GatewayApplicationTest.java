package dev.roster.gateway;

import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.ServiceChecks;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        // a port nobody listens on: the owning service is down
        "ROSTER_TRAINING_SERVICE_URL=http://localhost:1"})
@AutoConfigureWebTestClient
@RosterInfrastructure
class GatewayApplicationTest {

    static final FakeUserService USERS = FakeUserService.start();

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("ROSTER_USER_SERVICE_URL", USERS::url);
    }

    @Autowired WebTestClient http;
    @LocalManagementPort int managementPort;

    @Test
    void isLiveAndReadyWithItsBrokerAndAccessState() {
        ServiceChecks.assertLiveAndReady(ServiceChecks.management(managementPort));
    }

    @Test
    void publishesPrometheusMetricsTaggedWithTheApplicationAndRequestsByRoute() {
        http.get().uri("/api/v1/users/7").headers(h -> h.setBearerAuth(USERS.token(UUID.randomUUID()))).exchange()
                .expectStatus().isOk();
        ServiceChecks.assertPrometheusMetrics(ServiceChecks.management(managementPort), "gateway", "roster_access_users",
                "spring_cloud_gateway_requests_seconds_count{", "routeId=\"user-service\"");
    }

    @Test
    void gatewayActuatorIsNotOnThePublicPort() {
        ServiceChecks.assertNoActuatorOnThePublicPort(http, USERS.token(UUID.randomUUID()));
        ServiceChecks.assertNoActuatorOnThePublicPort(http, null);
        // the management port answers (ready once the access state is rebuilt)
        ServiceChecks.assertLiveAndReady(ServiceChecks.management(managementPort));
    }

    @Test
    void routesAnAuthenticatedRequestToTheOwningServiceWithItsToken() {
        http.get().uri("/api/v1/users/42").headers(h -> h.setBearerAuth(USERS.token(UUID.randomUUID()))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/api/v1/users/42").jsonPath("$.authorization").isEqualTo(true);
    }

    /** SCIM tokens are user-service's to check: the gateway passes them on as they came. */
    @Test
    void routesScimWithItsOwnTokenToUserService() {
        http.get().uri("/scim/v2/Users?filter=userName eq \"x\"").headers(h -> h.setBearerAuth("scim_not-a-jwt")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/scim/v2/Users")
                .jsonPath("$.authorization").isEqualTo("Bearer scim_not-a-jwt");
    }

    @Test
    void withoutATokenOnlyPublicPathsAreOpen() {
        http.get().uri("/api/v1/users/42").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/api/v1/.well-known/jwks.json").exchange()
                .expectStatus().isOk();
    }

    @Test
    void answersAPathNoServiceOwnsWithAProblem() {
        http.get().uri("/api/v1/no-such-thing").headers(h -> h.setBearerAuth(USERS.token(UUID.randomUUID()))).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/not-found");
        // the services' internal reads (the impact preview's parts) are for user-service only, never routed
        http.post().uri("/internal/v1/departure-impact").headers(h -> h.setBearerAuth(USERS.token(UUID.randomUUID())))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"departure\":\"DELETED\",\"userIds\":[]}").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void answersAProblemWhenTheOwningServiceIsDown() {
        http.get().uri("/api/v1/trainings").headers(h -> h.setBearerAuth(USERS.token(UUID.randomUUID()))).exchange()
                .expectStatus().is5xxServerError()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
