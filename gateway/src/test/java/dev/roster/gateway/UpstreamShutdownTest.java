package dev.roster.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.roster.testing.RosterInfrastructure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/**
 * A service replica shuts down gracefully again and again (as Spring Boot does on SIGTERM: the port closes, requests in
 * flight finish, idle keep-alive connections close) while clients read through the gateway. Every read is answered in
 * full: 200 (the gateway retries a read the closing replica dropped) or 503 with {@code Retry-After} while the route's
 * breaker is open; never a 500, never a response cut short. The test opens the route's breaker every tenth restart;
 * readers on every event loop then race to move it to HALF_OPEN when its short wait ends.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=300ms"})
@RosterInfrastructure(kafka = true)
class UpstreamShutdownTest {

    static final FakeUserService USERS = FakeUserService.start();
    static final int REPLICA_PORT = freePort();
    /** Reads the replicas have answered, all of them together. */
    static final AtomicInteger SERVED = new AtomicInteger();
    static final Map<String, Object> PAGE = Map.of("items", List.of(), "page", 0, "size", 20, "totalItems", 0);

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("ROSTER_USER_SERVICE_URL", USERS::url);
        registry.add("ROSTER_NOTIFICATION_SERVICE_URL", () -> "http://localhost:" + REPLICA_PORT);
    }

    @AfterAll
    static void stop() {
        USERS.close();
    }

    @LocalServerPort int port;
    @Autowired CircuitBreakerRegistry breakers;

    @Test
    void everyReadIsAnsweredInFullWhileAReplicaShutsDownGracefullyAgainAndAgain() throws Exception {
        AtomicInteger halfOpened = new AtomicInteger();
        CircuitBreaker breaker = breakers.circuitBreaker("notification-service");
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.HALF_OPEN) {
                halfOpened.incrementAndGet();
            }
        });
        String token = USERS.token(UUID.randomUUID());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest read = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/notifications"))
                .header("Authorization", "Bearer " + token).build();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        List<Thread> readers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            readers.add(Thread.ofPlatform().start(() -> {
                while (reading.get()) {
                    outcomes.computeIfAbsent(outcome(client, read), key -> new LongAdder()).increment();
                }
            }));
        }

        DisposableServer replica = replica();
        for (int restart = 0; restart < 80; restart++) {
            // each replica serves some reads before it goes: what Spring Boot's graceful shutdown does
            servedAtLeast(10);
            replica.disposeNow(Duration.ofSeconds(10));
            replica = replica();
            if (restart % 10 == 0 && breaker.getState() == CircuitBreaker.State.CLOSED) {
                // as a run of failures would: the readers then race to half-open it when its wait ends
                breaker.transitionToOpenState();
            }
        }
        // the last replica serves too, whatever the breaker's state
        servedAtLeast(10);
        reading.set(false);
        for (Thread reader : readers) {
            reader.join();
        }
        replica.disposeNow();

        assertThat(outcomes.keySet()).as("outcomes %s", outcomes).isSubsetOf("200 in full", "503 with Retry-After");
        assertThat(outcomes.get("200 in full").sum()).as("outcomes %s", outcomes).isGreaterThan(100);
        assertThat(halfOpened.get()).as("the breaker half-opened under load").isPositive();
    }

    private static String outcome(HttpClient client, HttpRequest read) {
        try {
            HttpResponse<String> response = client.send(read, HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 -> response.body().contains("\"totalItems\":0") ? "200 in full" : "200 with " + response.body();
                case 503 -> response.headers().firstValue("Retry-After").isPresent() ? "503 with Retry-After" : "503";
                default -> response.statusCode() + " " + response.body();
            };
        }
        catch (IOException ex) {
            // a response cut short after its headers ends here: "fixed content-length: 75, bytes received: 0"
            return ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Waits until the replica now running has answered {@code reads} more reads. */
    private static void servedAtLeast(int reads) {
        int before = SERVED.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> SERVED.get() >= before + reads);
    }

    /** A replica as Spring Boot runs one: a WebFlux handler on Reactor Netty, with the channel group graceful shutdown needs. */
    private static DisposableServer replica() {
        return reactor.netty.http.server.HttpServer.create().host("localhost").port(REPLICA_PORT)
                .channelGroup(new DefaultChannelGroup(new DefaultEventExecutor()))
                .handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(RouterFunctions.route()
                        // a database call's time, so that shutdowns find requests in flight
                        .GET("/api/v1/notifications", request -> Mono.delay(Duration.ofMillis(ThreadLocalRandom.current().nextInt(40)))
                                .doOnNext(tick -> SERVED.incrementAndGet())
                                .flatMap(tick -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(PAGE)))
                        .build())))
                .bindNow();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
