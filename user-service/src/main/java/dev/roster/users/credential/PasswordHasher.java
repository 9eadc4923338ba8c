package dev.roster.users.credential;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Hashes and checks passwords with Spring Security's delegating encoder (bcrypt today; the prefix
 * lets the algorithm change later). Hashing is slow on purpose, so it never runs on the event loop.
 */
@Component
public class PasswordHasher {

    /** A hash of a random password, checked when the login does not exist so that both answers take as long. */
    private static final String DECOY;

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    static {
        DECOY = ENCODER.encode("decoy-" + java.util.UUID.randomUUID());
    }

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> ENCODER.encode(password)).subscribeOn(Schedulers.boundedElastic());
    }

    public Mono<Boolean> matches(String password, String hash) {
        return Mono.fromCallable(() -> hash != null && ENCODER.matches(password, hash))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Spends the time a real check would, and answers false. */
    public Mono<Boolean> decoy(String password) {
        return matches(password, DECOY).map(ignored -> false);
    }
}
