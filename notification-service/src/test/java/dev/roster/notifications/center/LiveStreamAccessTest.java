package dev.roster.notifications.center;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.user.SessionRevoked;
import dev.roster.events.user.UserAccessChanged;
import dev.roster.events.user.UserStatus;
import dev.roster.notifications.support.NotificationServiceTest;
import dev.roster.notifications.support.Recipients;
import dev.roster.notifications.support.Recipients.Person;
import dev.roster.testing.TestJwtIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** An open notification stream lives no longer than the access of the token that opened it. */
@NotificationServiceTest
class LiveStreamAccessTest {

    @Autowired Recipients recipients;
    @Autowired TestJwtIssuer tokens;
    @Autowired WebTestClient http;

    @Test
    void streamClosesWhenUserIsDeactivated() {
        Person learner = recipients.person(UUID.randomUUID(), "Lena", UserStatus.ACTIVE, null, null);

        StepVerifier.create(stream(learner.token()))
                .assertNext(ready -> assertThat(ready.event()).isEqualTo("ready"))
                .then(() -> recipients.send(Topics.USER_ACCESS, EventEnvelope.of(learner.accountId(), learner.id(),
                        new UserAccessChanged(learner.id(), UserStatus.INACTIVE, Instant.now()))))
                .assertNext(ended -> {
                    assertThat(ended.event()).isEqualTo("access-ended");
                    assertThat(ended.data().get("reason").asString()).isEqualTo("This user is no longer active");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void streamClosesWhenTokenExpires() {
        Person learner = recipients.person(UUID.randomUUID(), "Lena", UserStatus.ACTIVE, null, null);
        String shortLived = tokens.token(learner.id(), learner.accountId(), UUID.randomUUID(), Duration.ofSeconds(3));

        StepVerifier.create(stream(shortLived))
                .assertNext(ready -> assertThat(ready.event()).isEqualTo("ready"))
                .assertNext(ended -> {
                    assertThat(ended.event()).isEqualTo("access-ended");
                    assertThat(ended.data().get("reason").asString()).startsWith("The access token has expired");
                })
                .expectComplete()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void streamClosesWhenItsSessionIsSignedOutWhileAnotherSessionsStreamStaysOpen() {
        Person learner = recipients.person(UUID.randomUUID(), "Lena", UserStatus.ACTIVE, null, null);
        UUID signedOut = UUID.randomUUID();
        String revoked = tokens.token(learner.id(), learner.accountId(), signedOut, Duration.ofMinutes(15));
        String other = tokens.token(learner.id(), learner.accountId(), UUID.randomUUID(), Duration.ofMinutes(15));

        StepVerifier.create(stream(revoked))
                .assertNext(ready -> assertThat(ready.event()).isEqualTo("ready"))
                .then(() -> recipients.send(Topics.USER_ACCESS, EventEnvelope.of(learner.accountId(),
                        SessionRevoked.key(signedOut), new SessionRevoked(learner.id(), signedOut, Instant.now().plusSeconds(960)))))
                .assertNext(ended -> assertThat(ended.event()).isEqualTo("access-ended"))
                .expectComplete()
                .verify(Duration.ofSeconds(20));
        StepVerifier.create(stream(other))
                .assertNext(ready -> assertThat(ready.event()).isEqualTo("ready"))
                .expectNoEvent(Duration.ofSeconds(1))
                .thenCancel()
                .verify(Duration.ofSeconds(20));
    }

    private Flux<ServerSentEvent<JsonNode>> stream(String token) {
        // the first request of a fresh context can be slow on a busy machine
        return http.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                .get().uri("/api/v1/notifications/stream")
                .headers(headers -> headers.setBearerAuth(token))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() { })
                .getResponseBody()
                .filter(event -> event.event() != null);
    }
}
