package dev.roster.platform.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.events.EventEnvelope;
import dev.roster.events.user.UserDeleted;
import dev.roster.platform.inbox.Inbox;
import dev.roster.platform.outbox.Outbox;
import dev.roster.platform.problem.ProblemException;
import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.TestJwtConfiguration;
import dev.roster.testing.TestJwtIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes as every service gets it: a write answers with the events it recorded, and a request that sends
 * them back is answered once the service's consumer of their topic has applied them, on a real database.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "roster.consistency.consumers[test.people]=test.people-consumer",
        "roster.consistency.max-wait=1500ms",
        "roster.consistency.max-waiting=1"})
@AutoConfigureWebTestClient
@RosterInfrastructure
@Import({TestJwtConfiguration.class, ReadYourWritesTest.Writes.class})
class ReadYourWritesTest {

    @Autowired WebTestClient http;
    @Autowired TestJwtIssuer tokens;
    @Autowired Inbox inbox;
    @Autowired ReadYourWritesFilter filter;

    @Test
    void aWriteAnswersWithTheLastEventOfEachPartitionItWroteAndNothingWhenItFails() {
        String written = post("/test/people/3", null).expectStatus().isOk()
                .returnResult(Void.class).getResponseHeaders().getFirst(ConsistencyToken.HEADER);

        ConsistencyToken token = ConsistencyToken.parse(written);
        assertThat(token.events()).containsOnlyKeys("test.people");
        // three users' events, in at most three partitions, each named by its last event
        assertThat(token.events().get("test.people")).hasSizeBetween(1, 3);
        assertThat(ConsistencyToken.parse(token.format())).isEqualTo(token);

        // a write that recorded events and then failed (rolled back) names none
        post("/test/people/-2", null).expectStatus().isEqualTo(409)
                .expectHeader().doesNotExist(ConsistencyToken.HEADER);
    }

    @Test
    void aReadWithATokenWaitsUntilTheConsumerHasAppliedItsEvents() {
        UUID event = UUID.randomUUID();
        String token = new ConsistencyToken(Map.of("test.people", List.of(event))).format();
        // the consumer applies the event 400 ms from now
        inbox.once("test.people-consumer", event, Mono.empty()).delaySubscription(Duration.ofMillis(400)).subscribe();

        long started = System.nanoTime();
        post("/test/people/1", token).expectStatus().isOk();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
    }

    @Test
    void aTokenOfATopicTheServiceDoesNotProjectIsNothingToWaitFor() {
        String token = new ConsistencyToken(Map.of("test.elsewhere", List.of(UUID.randomUUID()))).format();

        post("/test/people/1", token).expectStatus().isOk();
    }

    @Test
    void aProjectionThatDoesNotCatchUpAnswers503WithRetryAfterRatherThanOldData() {
        String token = new ConsistencyToken(Map.of("test.people", List.of(UUID.randomUUID()))).format();

        post("/test/people/1", token).expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/not-caught-up");
    }

    @Test
    void aCallerCannotTieUpTheDatabaseWithMadeUpTokens() throws Exception {
        // one request may wait here at a time (max-waiting=1): the next is answered at once
        String madeUp = new ConsistencyToken(Map.of("test.people", List.of(UUID.randomUUID()))).format();
        java.util.concurrent.CompletableFuture<Void> first = java.util.concurrent.CompletableFuture.runAsync(
                () -> post("/test/people/1", madeUp).expectStatus().isEqualTo(503)
                        .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("waited")));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> filter.waiting() == 1 || first.isDone());
        assertThat(first).as("the first request is still waiting").isNotDone();

        post("/test/people/1", madeUp).expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/not-caught-up")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("too many requests are waiting"));

        first.get(10, java.util.concurrent.TimeUnit.SECONDS);
        // the waiter leaves once its answer is written, which the client may read a moment before
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> filter.waiting() == 0);
        // and once nobody waits, a token is waited for again
        UUID event = UUID.randomUUID();
        inbox.once("test.people-consumer", event, Mono.empty()).block(Duration.ofSeconds(5));
        post("/test/people/1", new ConsistencyToken(Map.of("test.people", List.of(event))).format()).expectStatus().isOk();
    }

    @Test
    void aTokenThatNoWriteGaveIsRefusedWith400() {
        String id = UUID.randomUUID().toString();
        List<String> hostile = new ArrayList<>(List.of("", "roster.users.v1", "roster.users.v1=", "roster.users.v1=1-2-3-4-5",
                "Roster.Users=" + id, "a=" + id + ";a=" + id, "a=" + id + ";", "x".repeat(3_000)));
        hostile.add("a=" + String.join(".", java.util.Collections.nCopies(65, id)));
        for (String value : hostile) {
            assertThatThrownBy(() -> ConsistencyToken.parse(value)).as(value).isInstanceOf(ProblemException.class);
        }
        post("/test/people/1", "roster.users.v1=not-an-id").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/invalid-consistency-token");
    }

    private WebTestClient.ResponseSpec post(String path, String token) {
        return http.post().uri(path).headers(headers -> {
            headers.setBearerAuth(tokens.token(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Duration.ofMinutes(5)));
            if (token != null) {
                headers.set(ConsistencyToken.HEADER, token);
            }
        }).exchange();
    }

    @TestConfiguration
    static class Writes {

        /** Records one event per user on test.people in a transaction; a negative count records them, then fails. */
        @RestController
        static class People {

            private final Outbox outbox;
            private final TransactionalOperator transactions;

            People(Outbox outbox, TransactionalOperator transactions) {
                this.outbox = outbox;
                this.transactions = transactions;
            }

            @PostMapping("/test/people/{count}")
            Mono<Void> write(@PathVariable int count) {
                List<EventEnvelope<UserDeleted>> events = new ArrayList<>();
                for (int i = 0; i < Math.abs(count); i++) {
                    UUID user = UUID.randomUUID();
                    events.add(EventEnvelope.of(UUID.randomUUID(), user, new UserDeleted(user, null)));
                }
                Mono<Void> failure = count < 0 ? Mono.error(ProblemException.conflict("rolled-back", "Rolled back")) : Mono.empty();
                return transactions.transactional(outbox.recordAll("test.people", events).then(failure));
            }
        }
    }
}
