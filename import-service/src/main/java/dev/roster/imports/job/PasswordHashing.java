package dev.roster.imports.job;

import dev.roster.imports.config.ImportProperties;
import dev.roster.imports.sheet.Column;
import dev.roster.imports.sheet.SheetReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Hashes the passwords of an uploaded file after the upload has answered: in parallel on one thread per core
 * (bcrypt costs tens of milliseconds a password, so 300 rows hashed one after another on the request took
 * longer than the gateway waits), storing the hashes a batch at a time, then moving the import from
 * {@code PREPARING} to {@code PREVIEW}. The clear passwords live only in memory, and in the uploaded file, which
 * stays in storage until they are hashed: an import left {@code PREPARING} by a restart is resumed at start from
 * its file (only the rows whose hash is not stored yet). An import that fails here is {@code CANCELLED}; one
 * cancelled meanwhile stays cancelled. One whose file is gone stays {@code PREPARING} until it is cancelled.
 */
@Component
class PasswordHashing implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PasswordHashing.class);
    private static final PasswordEncoder PASSWORDS = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final int BATCH = 200;

    private final ImportJobRepository jobs;
    private final Clock clock;
    private final Counter hashed;
    private final int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** Bounded elastic, not parallel: salts come from SecureRandom, which may read from the OS. */
    private final Scheduler scheduler = Schedulers.newBoundedElastic(parallelism, Integer.MAX_VALUE, "import-hashing");

    private final SheetReader reader;
    private final ImportProperties properties;

    PasswordHashing(ImportJobRepository jobs, SheetReader reader, ImportProperties properties, Clock clock, MeterRegistry meters) {
        this.jobs = jobs;
        this.reader = reader;
        this.properties = properties;
        this.clock = clock;
        this.hashed = Counter.builder("roster.imports.passwords.hashed")
                .description("Passwords of uploaded files hashed, off the upload request").register(meters);
    }

    /** Where the upload of {@code importId} waits while its passwords are hashed. */
    Path stored(UUID importId) {
        return properties.storageDirectory().resolve(importId + ".upload");
    }

    /** Resumes the imports a previous run left {@code PREPARING}, from their files. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        jobs.preparing()
                .concatMap(job -> Mono.fromCallable(() -> Files.exists(stored(job.id())))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(exists -> {
                            if (!exists) {
                                log.warn("Import {} was left PREPARING and its file is gone: it can only be cancelled",
                                        job.id());
                                return Mono.empty();
                            }
                            return jobs.unhashed(job.id()).collect(java.util.stream.Collectors.toSet())
                                    .flatMap(rows -> Mono.fromCallable(() -> {
                                        List<Pending> pending = new ArrayList<>();
                                        reader.read(stored(job.id()), job.format(), row -> {
                                            String password = row.get(Column.PASSWORD);
                                            if (password != null && rows.contains(row.number())) {
                                                pending.add(new Pending(row.number(), password));
                                            }
                                        });
                                        return pending;
                                    }).subscribeOn(Schedulers.boundedElastic()))
                                    .doOnNext(pending -> {
                                        log.info("Resuming import {} left PREPARING", job.id());
                                        hash(job.accountId(), job.id(), pending);
                                    });
                        })
                        .onErrorResume(error -> {
                            log.error("Could not resume import {} left PREPARING", job.id(), error);
                            return Mono.empty();
                        }))
                .subscribe(ignored -> { }, error -> log.error("Could not look for imports left PREPARING", error));
    }

    /** Starts hashing {@code passwords} of the import {@code importId}; returns at once. The stored file is deleted at the end. */
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
                .doOnSuccess(ended -> delete(stored(importId)))
                .subscribe(ready -> log.info("Passwords of import {} hashed; ready: {}", importId, ready),
                        error -> log.error("Import {} could not leave PREPARING", importId, error));
    }

    private static void delete(Path file) {
        Schedulers.boundedElastic().schedule(() -> {
            try {
                Files.deleteIfExists(file);
            }
            catch (java.io.IOException ex) {
                log.warn("Could not delete {}: {}", file, ex.toString());
            }
        });
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
