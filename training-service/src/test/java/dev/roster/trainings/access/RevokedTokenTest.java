package dev.roster.trainings.access;

import static org.awaitility.Awaitility.await;

import dev.roster.events.EventEnvelope;
import dev.roster.events.EventJson;
import dev.roster.events.Topics;
import dev.roster.events.user.UserAccessChanged;
import dev.roster.events.user.UserStatus;
import dev.roster.testing.TestKafka;
import dev.roster.trainings.support.Tenants;
import dev.roster.trainings.support.Tenants.Person;
import dev.roster.trainings.support.Tenants.Tenant;
import dev.roster.trainings.support.TrainingServiceTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Tokens straight at training-service, past the gateway: refused from the service's own copy of the
 * access state (the compacted access topic), never by asking user-service.
 */
@TrainingServiceTest
class RevokedTokenTest {

    @Autowired Tenants tenants;
    @Autowired WebTestClient http;
    @Autowired TestKafka kafka;
    @Autowired EventJson json;

    @Test
    void deletedUsersTokenIsRefusedStraightAtTrainingService() {
        Tenant tenant = tenants.create();
        trainings(tenant.admin()).expectStatus().isOk();

        // user-service's tombstone for a deleted user
        send(tenant.admin().id().toString(), null);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> trainings(tenant.admin())
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/access-revoked")
                .jsonPath("$.detail").isEqualTo("This user no longer exists"));
    }

    @Test
    void endedUsersTokenIsRefusedStraightAtTrainingService() {
        Tenant tenant = tenants.create();
        Person learner = tenants.person(tenant.accountId(), "leaver", UserStatus.ACTIVE);
        http.get().uri("/api/v1/me/trainings").headers(h -> h.setBearerAuth(learner.token())).exchange().expectStatus().isOk();

        send(learner.id().toString(), json.write(EventEnvelope.of(tenant.accountId(), learner.id(),
                new UserAccessChanged(learner.id(), UserStatus.EMPLOYMENT_ENDED, Instant.now()))));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/api/v1/me/trainings")
                .headers(h -> h.setBearerAuth(learner.token())).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/access-revoked"));
        trainings(tenant.admin()).expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec trainings(Person caller) {
        return http.get().uri("/api/v1/trainings").headers(h -> h.setBearerAuth(caller.token())).exchange();
    }

    private void send(String key, byte[] value) {
        kafka.send(Topics.USER_ACCESS, key, value);
    }
}
