package dev.roster.users.signin;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.roster.platform.secrets.SecretCipher;
import dev.roster.users.UserServiceProperties;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The RS256 keys that sign access tokens. They live in the database so that every replica signs
 * with, and publishes, the same keys. The newest key signs; a key older than the rotation period is
 * retired (it stays published for a token lifetime so that tokens it signed stay valid) and a new
 * one is generated. The private keys are stored encrypted ({@link SecretCipher}, key from
 * {@code ROSTER_SIGNING_KEY_SECRET}); on start, keys an older version stored in clear are encrypted, and a
 * key that does not decrypt with the configured secret stops the start.
 */
@Component
public class SigningKeys implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final DatabaseClient database;
    private final UserServiceProperties properties;
    private final SecretCipher cipher;
    private final Clock clock;
    private final AtomicReference<Loaded> cache = new AtomicReference<>();

    SigningKeys(DatabaseClient database, UserServiceProperties properties, SecretCipher cipher, Clock clock) {
        this.database = database;
        this.properties = properties;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** On start: encrypts the keys stored in clear, and fails (naming the setting) when a stored key does not decrypt. */
    @Override
    public void run(ApplicationArguments args) {
        Integer sealed = sealAtRest().block(Duration.ofMinutes(1));
        if (sealed != null && sealed > 0) {
            log.info("Encrypted {} signing keys that were stored in clear", sealed);
        }
    }

    /**
     * Encrypts every stored key still in clear (left by an older version) and checks that every encrypted one
     * opens with the configured secret. Emits how many it encrypted.
     */
    Mono<Integer> sealAtRest() {
        return database.sql("SELECT kid, private_key FROM signing_key ORDER BY created_at")
                .map(row -> new String[] {row.get("kid", String.class), row.get("private_key", String.class)})
                .all()
                .concatMap(row -> {
                    String kid = row[0];
                    String stored = row[1];
                    if (SecretCipher.isSealed(stored)) {
                        return Mono.fromCallable(() -> cipher.open(stored))
                                .onErrorMap(IllegalStateException.class, ex -> new IllegalStateException(
                                        "user-service cannot read its signing key " + kid + ": " + ex.getMessage(), ex))
                                .thenReturn(0L);
                    }
                    return database.sql("UPDATE signing_key SET private_key = :sealed WHERE kid = :kid AND private_key = :clear")
                            .bind("sealed", cipher.seal(stored)).bind("kid", kid).bind("clear", stored)
                            .fetch().rowsUpdated();
                })
                .reduce(0, (count, updated) -> count + updated.intValue());
    }

    /** The key to sign with now. */
    public Mono<RSAKey> current() {
        return loaded().map(Loaded::signing);
    }

    /** Every key whose tokens may still be valid, public parts only, as published in the JWKS. */
    public Mono<JWKSet> publicKeys() {
        return loaded().map(loaded -> new JWKSet(loaded.published()));
    }

    /** The public key with {@code kid}, reloading once when it is unknown (a key another replica just made). */
    public Flux<JWK> byId(String kid) {
        return loaded()
                .flatMap(loaded -> loaded.has(kid) ? Mono.just(loaded) : reload())
                .flatMapIterable(loaded -> loaded.published().stream().filter(key -> key.getKeyID().equals(kid)).toList());
    }

    private Mono<Loaded> loaded() {
        Loaded loaded = cache.get();
        if (loaded != null && loaded.loadedAt().plus(REFRESH).isAfter(clock.instant())) {
            return Mono.just(loaded);
        }
        return reload();
    }

    private Mono<Loaded> reload() {
        return readKeys()
                .flatMap(keys -> needsNewKey(keys) ? generate().then(readKeys()) : Mono.just(keys))
                .map(keys -> {
                    Loaded loaded = Loaded.of(keys, cipher, clock.instant());
                    cache.set(loaded);
                    return loaded;
                });
    }

    private boolean needsNewKey(List<StoredKey> keys) {
        return keys.stream().noneMatch(key -> key.retiredAt() == null
                && key.createdAt().plus(properties.keyRotation()).isAfter(clock.instant()));
    }

    private Mono<List<StoredKey>> readKeys() {
        Instant publishedSince = clock.instant().minus(properties.accessTokenTtl()).minus(Duration.ofMinutes(5));
        return database.sql("""
                        SELECT kid, private_key, created_at, retired_at FROM signing_key
                        WHERE retired_at IS NULL OR retired_at > :since
                        ORDER BY created_at DESC
                        """)
                .bind("since", publishedSince)
                .map(row -> new StoredKey(row.get("kid", String.class), row.get("private_key", String.class),
                        row.get("created_at", OffsetDateTime.class).toInstant(),
                        row.get("retired_at", OffsetDateTime.class) == null ? null
                                : row.get("retired_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectList();
    }

    private Mono<Void> generate() {
        // generating an RSA key takes a while: not on the event loop
        return Mono.fromCallable(() -> new RSAKeyGenerator(2048)
                        .keyID(UUID.randomUUID().toString())
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256)
                        .generate())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(key -> database.sql("""
                                UPDATE signing_key SET retired_at = :now
                                WHERE retired_at IS NULL AND created_at < :cutoff
                                """)
                        .bind("now", clock.instant())
                        .bind("cutoff", clock.instant().minus(properties.keyRotation()))
                        .then()
                        .then(database.sql("""
                                        INSERT INTO signing_key (kid, private_key, public_jwk, created_at)
                                        VALUES (:kid, :privateKey, :publicJwk, :createdAt)
                                        """)
                                .bind("kid", key.getKeyID())
                                .bind("privateKey", cipher.seal(key.toJSONString()))
                                .bind("publicJwk", key.toPublicJWK().toJSONString())
                                .bind("createdAt", clock.instant())
                                .then()));
    }

    private record StoredKey(String kid, String privateKey, Instant createdAt, Instant retiredAt) {

        RSAKey parse(SecretCipher cipher) {
            try {
                // a key an older version stored in clear is read as it is until the start encrypts it
                return RSAKey.parse(SecretCipher.isSealed(privateKey) ? cipher.open(privateKey) : privateKey);
            }
            catch (ParseException ex) {
                throw new IllegalStateException("Signing key " + kid + " is unreadable", ex);
            }
        }
    }

    private record Loaded(RSAKey signing, List<JWK> published, Instant loadedAt) {

        static Loaded of(List<StoredKey> keys, SecretCipher cipher, Instant now) {
            RSAKey signing = keys.stream().filter(key -> key.retiredAt() == null).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No signing key")).parse(cipher);
            List<JWK> published = keys.stream().map(key -> (JWK) key.parse(cipher).toPublicJWK()).toList();
            return new Loaded(signing, published, now);
        }

        boolean has(String kid) {
            return published.stream().anyMatch(key -> key.getKeyID().equals(kid));
        }
    }

    /** For JWKS responses: the JSON object of the public keys. */
    public Mono<Map<String, Object>> jwks() {
        return publicKeys().map(JWKSet::toJSONObject);
    }
}
