package dev.roster.imports.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Hashes the passwords of an uploaded file after the upload has answered: in parallel on one thread per core
 * (bcrypt costs tens of milliseconds a password, so 300 rows hashed one after another on the request took
 * longer than the gateway waits), storing the hashes a batch at a time, then moving the import from
 * {@code PREPARING} to {@code PREVIEW}. The clear passwords live only in memory until then. An import that
 * fails here is {@code CANCELLED}; one cancelled meanwhile stays cancelled.
 */
@Component
class PasswordHashing implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PasswordHashing.class);
    private static final PasswordEncoder PASSWORDS = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final int BATCH = 200;

    private final ImportJobs jobs;
    private final Clock clock;
    private final Counter hashed;
    private final int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** Bounded elastic, not parallel: salts come from SecureRandom, which may read from the OS. */
    private final Scheduler scheduler = Schedulers.newBoundedElastic(parallelism, Integer.MAX_VALUE, "import-hashing");

    PasswordHashing(ImportJobs jobs, Clock clock, MeterRegistry meters) {
        this.jobs = jobs;
        this.clock = clock;
        this.hashed = Counter.builder("roster.imports.passwords.hashed")
                .description("Passwords of uploaded files hashed, off the upload request").register(meters);
    }

    /** Starts hashing {@code passwords} of the import {@code importId}; returns at once. */
    void hash(UUID accountId, UUID importId, List<Pending> passwords) {
        log.info("Hashing {} passwords of import {}", passwords.size(), importId);
        Flux.fromIterable(passwords)
                .parallel(parallelism)
                .runOn(scheduler, 1)
                .map(pending -> new Hashed(pending.rowNumber(), PASSWORDS.encode(pending.password())))
                .sequential()
                .buffer(BATCH)
                .concatMap(batch -> jobs.storeHashes(importId, batch).doOnSuccess(done -> hashed.increment(batch.size())))
                .then(jobs.transition(accountId, importId, ImportState.PREPARING, ImportState.PREVIEW, null, clock.instant()))
                .onErrorResume(error -> {
                    log.error("Hashing the passwords of import {} failed; the import is cancelled", importId, error);
                    return jobs.transition(accountId, importId, ImportState.PREPARING, ImportState.CANCELLED, null,
                            clock.instant());
                })
                .subscribe(ready -> log.info("Passwords of import {} hashed; ready: {}", importId, ready),
                        error -> log.error("Import {} could not leave PREPARING", importId, error));
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }

    /** A row's password, in clear, waiting to be hashed. */
    record Pending(int rowNumber, String password) {

        @Override
        public String toString() {
            return "Pending[rowNumber=" + rowNumber + "]";
        }
    }

    /** A row's password hash. */
    record Hashed(int rowNumber, String hash) {
    }
}
