package dev.roster.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.roster.testing.RosterInfrastructure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The gateway's sign-in limit with its default size, in front of a stand-in for user-service that says
 * 401 to the password "wrong" and 200 to any other. The test client at 127.0.0.1 plays the trusted
 * ingress; a client at 127.0.0.2 is an untrusted peer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "roster.web.trusted-proxies=127.0.0.1/32,::1/128")
@AutoConfigureWebTestClient(timeout = "30s")
@RosterInfrastructure
class SignInLimitTest {

    static final SignInStandIn USERS = SignInStandIn.start();

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("ROSTER_USER_SERVICE_URL", USERS::url);
    }

    @AfterAll
    static void stop() {
        USERS.server.stop(0);
    }

    @Autowired WebTestClient http;
    @LocalServerPort int port;

    @Test
    void anOfficeBehindOneNatSignsIn1000PeopleInAMinute() {
        WebClient office = WebClient.create("http://127.0.0.1:" + port);
        long started = System.nanoTime();

        // 1,000 people one after another; one in 25 mistypes first (40 failures), then gets it right
        List<Integer> answers = Flux.range(0, 1_000)
                .concatMap(person -> (person % 25 == 0 ? officeSignIn(office, person, "wrong") : Mono.<Integer>empty())
                        .then(officeSignIn(office, person, "right")))
                .collectList().block(Duration.ofMinutes(3));

        assertThat(answers).hasSize(1_000).containsOnly(200);
        assertThat(USERS.received("198.51.100.1")).isEqualTo(1_040);
        // successes cost nothing and the 40 failures fit in one window's 50, so this holds however quick the
        // office is (here about 10 ms a request one after another; 90 s on a machine shared by busy builds)
        LoggerFactory.getLogger(SignInLimitTest.class).info("1,040 sign-ins through the gateway took {}",
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static Mono<Integer> officeSignIn(WebClient office, int person, String password) {
        return office.post().uri("/api/v1/auth/sign-in").header("X-Forwarded-For", "198.51.100.1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", "acme", "login", "person" + person, "password", password))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
    }

    @Test
    void aGuessingBotIsStopped() {
        for (int guess = 0; guess < 50; guess++) {
            signIn("203.0.113.66", "employee" + guess, "wrong").expectStatus().isUnauthorized();
        }

        for (int guess = 50; guess < 60; guess++) {
            signIn("203.0.113.66", "employee" + guess, guess == 55 ? "right" : "wrong")
                    .expectStatus().isEqualTo(429)
                    .expectHeader().value("Retry-After", seconds -> assertThat(Long.parseLong(seconds)).isPositive())
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://roster.dev/problems/too-many-requests");
        }
        assertThat(USERS.received("203.0.113.66")).as("stopped at the gateway").isEqualTo(50);
        signIn("203.0.113.67", "employee1", "right").expectStatus().isOk();
    }

    @Test
    void forwardedHeaderIsIgnoredFromUntrustedPeer() {
        WebTestClient untrusted = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create()
                        .bindAddress(() -> new InetSocketAddress("127.0.0.2", 0))))
                .baseUrl("http://127.0.0.1:" + port).build();

        untrusted.post().uri("/api/v1/auth/sign-in").header("X-Forwarded-For", "6.6.6.6").header("Forwarded", "for=6.6.6.6")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", "acme", "login", "someone", "password", "right")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.xForwardedFor").isEqualTo("127.0.0.2");
    }

    @Test
    void forwardedHeaderIsUsedFromTrustedProxy() {
        // what the client wrote itself (6.6.6.6) is left of what the trusted ingress appended
        signIn("6.6.6.6, 198.51.100.9", "someone", "right").expectStatus().isOk()
                .expectBody().jsonPath("$.xForwardedFor").isEqualTo("198.51.100.9");
        http.post().uri("/api/v1/auth/sign-in").header("Forwarded", "for=\"198.51.100.10:4711\";proto=https")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", "acme", "login", "someone", "password", "right")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.xForwardedFor").isEqualTo("198.51.100.10");
    }

    private WebTestClient.ResponseSpec signIn(String forwardedFor, String login, String password) {
        return http.post().uri("/api/v1/auth/sign-in").header("X-Forwarded-For", forwardedFor)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("account", "acme", "login", login, "password", password)).exchange();
    }

    /** Stands in for user-service's sign-in: counts what reaches it per forwarded client address. */
    record SignInStandIn(HttpServer server, Map<String, AtomicInteger> counts) {

        static SignInStandIn start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
                Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
                server.createContext("/api/v1/auth/sign-in", exchange -> {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    String client = String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-For"));
                    counts.computeIfAbsent(client, key -> new AtomicInteger()).incrementAndGet();
                    boolean wrong = body.contains("\"password\":\"wrong\"");
                    respond(exchange, wrong ? 401 : 200, wrong ? "{\"type\":\"https://roster.dev/problems/invalid-credentials\"}"
                            : "{\"accessToken\":\"x\",\"xForwardedFor\":\"" + client + "\"}");
                });
                server.setExecutor(Executors.newFixedThreadPool(4));
                server.start();
                return new SignInStandIn(server, counts);
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort();
        }

        int received(String client) {
            AtomicInteger count = counts.get(client);
            return count == null ? 0 : count.get();
        }

        private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
