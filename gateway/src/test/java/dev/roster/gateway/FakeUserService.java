package dev.roster.gateway;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.roster.testing.TestTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for user-service behind the gateway: it publishes a JWKS of a real
 * RSA key (and signs tokens with it), and answers {@code /api/v1/users/...} with what it received.
 */
public final class FakeUserService implements AutoCloseable {

    public static final String ISSUER = TestTokens.ISSUER;

    /** Requests waiting at {@code .../together?parties=N} for the others of their group of N. */
    private static final Map<Integer, CountDownLatch> GROUPS = new ConcurrentHashMap<>();

    private final HttpServer server;
    private final RSAKey key;

    private FakeUserService(HttpServer server, RSAKey key) {
        this.server = server;
        this.key = key;
    }

    public static FakeUserService start() {
        try {
            RSAKey key = TestTokens.newKey(UUID.randomUUID().toString());
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/api/v1/.well-known/jwks.json", exchange ->
                    respond(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
            server.createContext("/api/v1/auth/sign-in", exchange -> respond(exchange, 200, "{\"accessToken\":\"x\"}"));
            server.createContext("/api/v1/users/slow", exchange -> {
                pause();
                respond(exchange, 200, "{}");
            });
            // an upload whose preview takes as long: imports answer after reading every row
            server.createContext("/api/v1/imports", exchange -> {
                exchange.getRequestBody().readAllBytes();
                pause();
                respond(exchange, 201, "{\"state\":\"PREVIEW\"}");
            });
            server.createContext("/api/v1/users/together", FakeUserService::together);
            server.createContext("/api/v1/trainings/together", FakeUserService::together);
            // SCIM: what the identity provider's token arrived as
            server.createContext("/scim/v2", exchange -> respond(exchange, 200, "{\"path\":\""
                    + exchange.getRequestURI().getPath() + "\",\"authorization\":\""
                    + exchange.getRequestHeaders().getFirst("Authorization") + "\"}"));
            server.createContext("/api/v1/users", exchange -> respond(exchange, 200,
                    "{\"path\":\"" + exchange.getRequestURI().getPath() + "\",\"authorization\":"
                            + (exchange.getRequestHeaders().getFirst("Authorization") != null) + ",\"requestId\":\""
                    + exchange.getRequestHeaders().getFirst("X-Request-Id") + "\",\"requestIds\":"
                    + exchange.getRequestHeaders().getOrDefault("X-Request-Id", List.of()).size() + "}"));
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
            return new FakeUserService(server, key);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Longer than the gateway's upstream timeout in the tests. */
    private static void pause() {
        try {
            new java.util.concurrent.CountDownLatch(1).await(3, java.util.concurrent.TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** A token for {@code userId} issued at {@code issuedAt}, signed with the published key. */
    public String token(UUID userId, Instant issuedAt) {
        return sign(key, userId, issuedAt, issuedAt.plusSeconds(900), ISSUER);
    }

    public String token(UUID userId) {
        return token(userId, Instant.now());
    }

    public static String sign(RSAKey key, UUID userId, Instant issuedAt, Instant expiresAt, String issuer) {
        return TestTokens.sign(key, userId, UUID.randomUUID(), List.of("USERS_VIEW"), issuedAt, expiresAt, issuer);
    }

    public RSAKey key() {
        return key;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Answers once {@code parties} requests (query {@code parties=N}) are here at the same time, or after
     * five seconds: {@code {"together": true}} proves they were all in flight through the gateway at once.
     */
    private static void together(HttpExchange exchange) throws IOException {
        int parties = Integer.parseInt(exchange.getRequestURI().getQuery().replace("parties=", ""));
        CountDownLatch group = GROUPS.computeIfAbsent(parties, CountDownLatch::new);
        group.countDown();
        boolean together;
        try {
            together = group.await(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            together = false;
        }
        respond(exchange, 200, "{\"together\":" + together + "}");
    }

    /** How many requests have arrived at {@code .../together?parties=N} so far. */
    public static long arrived(int parties) {
        CountDownLatch group = GROUPS.get(parties);
        return group == null ? 0 : parties - group.getCount();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
