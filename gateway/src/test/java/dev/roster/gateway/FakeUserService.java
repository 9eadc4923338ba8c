package dev.roster.gateway;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A real HTTP server standing in for user-service behind the gateway: it publishes a JWKS of a real
 * RSA key (and signs tokens with it), and answers {@code /api/v1/users/...} with what it received.
 */
public final class FakeUserService implements AutoCloseable {

    public static final String ISSUER = "https://roster.dev";

    private final HttpServer server;
    private final RSAKey key;

    private FakeUserService(HttpServer server, RSAKey key) {
        this.server = server;
        this.key = key;
    }

    public static FakeUserService start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/api/v1/.well-known/jwks.json", exchange ->
                    respond(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
            server.createContext("/api/v1/users", exchange -> respond(exchange, 200,
                    "{\"path\":\"" + exchange.getRequestURI().getPath() + "\",\"authorization\":"
                            + (exchange.getRequestHeaders().getFirst("Authorization") != null) + "}"));
            server.start();
            return new FakeUserService(server, key);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
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
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(userId.toString()).issuer(issuer)
                    .claim("acct", UUID.randomUUID().toString())
                    .claim("permissions", List.of("USERS_VIEW"))
                    .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt))
                    .jwtID(UUID.randomUUID().toString())
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    public RSAKey key() {
        return key;
    }

    @Override
    public void close() {
        server.stop(0);
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
