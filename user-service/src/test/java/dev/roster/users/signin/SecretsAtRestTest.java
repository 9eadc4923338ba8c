package dev.roster.users.signin;

import dev.roster.users.credential.SecretTokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.roster.events.EventJson;
import dev.roster.platform.secrets.SecretCipher;
import dev.roster.testing.TestDatabase;
import dev.roster.testing.TestKafka;
import dev.roster.users.config.SigningKeyProperties;
import dev.roster.users.UserServiceProperties;
import dev.roster.users.support.PublishedInvitations;
import dev.roster.users.support.TestAccounts;
import dev.roster.users.support.TestAccounts.Tenant;
import dev.roster.users.support.UserServiceTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Secrets at rest: the signing keys are encrypted, and no usable invitation token stays in the outbox. */
@UserServiceTest
class SecretsAtRestTest {

    @Autowired WebTestClient http;
    @Autowired TestDatabase database;
    @Autowired TestKafka kafka;
    @Autowired EventJson events;
    @Autowired SigningKeys keys;
    @Autowired DatabaseClient databaseClient;
    @Autowired UserServiceProperties properties;
    @Autowired SecretCipher signingKeyCipher;
    @Autowired Clock clock;
    TestAccounts accounts;
    Tenant tenant;

    @BeforeEach
    void account() {
        accounts = new TestAccounts(http);
        tenant = accounts.create(10);
    }

    @Test
    void signingKeysAreEncryptedAtRest() throws Exception {
        List<String> stored = storedPrivateKeys();

        assertThat(stored).isNotEmpty().allSatisfy(value -> {
            assertThat(value).doesNotContain("\"d\"").doesNotContain("\"kty\"");
            assertThatThrownBy(() -> JWK.parse(value)).as("a stored key is not a parseable JWK").isInstanceOf(Exception.class);
        });
        // and the service still signs with them: the owner's token is accepted
        http.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(tenant.ownerToken())).exchange().expectStatus().isOk();
    }

    @Test
    void aClearKeyFromAnOlderVersionIsEncryptedOnStart() throws Exception {
        RSAKey old = new RSAKeyGenerator(2048).keyID("older-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO signing_key (kid, private_key, public_jwk, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, old.getKeyID());
            insert.setString(2, old.toJSONString());
            insert.setString(3, old.toPublicJWK().toJSONString());
            // older than the keys in use, so it does not become the signing key of the other tests
            insert.setTimestamp(4, Timestamp.from(clock.instant().minus(Duration.ofDays(1))));
            insert.executeUpdate();
        }

        keys.run(null);

        String stored = storedPrivateKey(old.getKeyID());
        assertThat(SecretCipher.isSealed(stored)).isTrue();
        assertThat(stored).doesNotContain("\"d\"");
        assertThat(RSAKey.parse(signingKeyCipher.open(stored))).isEqualTo(old);
    }

    @Test
    void wrongKeyEncryptionKeyFailsClearly() {
        SigningKeys withWrongSecret = new SigningKeys(databaseClient, properties,
                new SecretCipher("not the secret the keys were encrypted with", SigningKeyProperties.PURPOSE,
                        SigningKeyProperties.SETTING),
                clock);

        assertThatThrownBy(() -> withWrongSecret.run(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read its signing key")
                .hasMessageContaining("ROSTER_SIGNING_KEY_SECRET")
                .hasMessageContaining("not the key it was encrypted with");
    }

    @Test
    void setPasswordTokenIsNotLeftInSentOutboxRows() throws Exception {
        UUID user = invite("outboxed");
        String token = PublishedInvitations.latest(kafka, events, user).invitationToken();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(outboxRowsHolding(token)).isZero());
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM outbox WHERE message_key = ? AND event_type = 'user.invited'")) {
            query.setString(1, user.toString());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                assertThat(row.getLong(1)).isZero();
            }
        }
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM invitation WHERE user_id = ? AND token_hash = ?")) {
            query.setObject(1, user);
            query.setString(2, SecretTokens.hash(token));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                assertThat(row.getLong(1)).as("only the hash of the token is kept").isOne();
            }
        }
    }

    @Test
    void invitationLinkStillSetsThePassword() {
        UUID user = invite("linked");
        String token = PublishedInvitations.latest(kafka, events, user).invitationToken();

        http.post().uri("/api/v1/auth/set-password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token, "newPassword", "chosen by the invitee")).exchange()
                .expectStatus().isNoContent();

        assertThat(accounts.signIn(tenant.slug(), "linked", "chosen by the invitee")).isNotBlank();
    }

    private UUID invite(String login) {
        UUID user = UUID.fromString(accounts.createUser(tenant.ownerToken(), Map.of("login", login,
                "email", login + "@example.com", "firstName", "I", "lastName", "V")).get("id").asString());
        http.post().uri("/api/v1/users/" + user + "/invitation").headers(h -> h.setBearerAuth(tenant.ownerToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                .expectStatus().isAccepted();
        return user;
    }

    private long outboxRowsHolding(String token) throws Exception {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM outbox WHERE payload LIKE ?")) {
            query.setString(1, "%" + token + "%");
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private List<String> storedPrivateKeys() throws Exception {
        List<String> stored = new ArrayList<>();
        try (Connection connection = database.connect();
                ResultSet rows = connection.createStatement().executeQuery("SELECT private_key FROM signing_key")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        return stored;
    }

    private String storedPrivateKey(String kid) throws Exception {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT private_key FROM signing_key WHERE kid = ?")) {
            query.setString(1, kid);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }
}
