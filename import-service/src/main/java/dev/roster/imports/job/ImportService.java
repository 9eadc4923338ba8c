package dev.roster.imports.job;

import dev.roster.imports.config.ImportProperties;
import dev.roster.imports.directory.DirectoryRepository;
import dev.roster.imports.job.ImportJobRepository.HashedRow;
import dev.roster.imports.sheet.FileFormat;
import dev.roster.imports.sheet.Downloads;
import dev.roster.imports.sheet.SheetReader;
import dev.roster.imports.sheet.UsersWorkbook;
import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import dev.roster.platform.web.Page;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Upload and preview: the file is streamed to storage (never held in memory, refused past the size
 * limit), told apart by its content, read row by row, and every row checked against the account's users
 * and departments. The import and its rows are stored in one transaction (a file refused half-way
 * stores nothing); the file itself is deleted once read. Nothing is applied before confirmation.
 */
@Service
class ImportService {

    private static final int BATCH = 1000;

    private final ImportJobRepository jobs;
    private final DirectoryRepository directory;
    private final SheetReader reader;
    private final ImportProperties properties;
    private final TransactionalOperator transactions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final PasswordHashing hashing;

    ImportService(ImportJobRepository jobs, DirectoryRepository directory, SheetReader reader, ImportProperties properties,
            TransactionalOperator transactions, MeterRegistry meters, Clock clock, PasswordHashing hashing) {
        this.jobs = jobs;
        this.directory = directory;
        this.reader = reader;
        this.properties = properties;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
        this.hashing = hashing;
    }

    /**
     * Stores the file, reads and checks every row and stores the preview in one transaction. Rows with a
     * password make the import {@code PREPARING}: the answer comes at once, the passwords are hashed afterwards,
     * off the request and in parallel ({@link PasswordHashing}), and the import becomes {@code PREVIEW} when the
     * last hash is stored. Without passwords it is {@code PREVIEW} at once.
     */
    Mono<ImportResponse> upload(Caller caller, FilePart file) {
        caller.require(Permission.USERS_IMPORT_EXPORT);
        UUID id = UUID.randomUUID();
        Path stored = hashing.stored(id);
        long started = System.nanoTime();
        List<PasswordHashing.Pending> passwords = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean committed = new java.util.concurrent.atomic.AtomicBoolean();
        return store(file, stored)
                .flatMap(size -> Mono.fromCallable(() -> reader.detect(stored))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(format -> Mono.zip(directory.snapshot(caller.accountId()),
                                directory.scope(caller, Permission.USERS_IMPORT_EXPORT)).flatMap(known -> {
                            var snapshot = known.getT1();
                            Set<String> logins = new HashSet<>();
                            Flux<HashedRow> rows = Mono.fromRunnable(() -> reader.read(stored, format, row -> {
                                        String login = row.get(dev.roster.imports.sheet.Column.LOGIN);
                                        if (login != null) {
                                            logins.add(login.toLowerCase(Locale.ROOT));
                                        }
                                    }))
                                    .subscribeOn(Schedulers.boundedElastic())
                                    .thenMany(validated(stored, format, new RowValidator(snapshot, logins, known.getT2()), passwords));
                            return jobs.insert(id, caller.accountId(), caller.userId(), name(file), format, size, clock.instant())
                                    // two batches ahead at most: the reader waits rather than holding tens of thousands of rows
                                    .thenMany(rows.buffer(BATCH).concatMap(batch -> jobs.insertRows(id, batch), 2))
                                    .then(jobs.summarize(id))
                                    .then(Mono.defer(() -> passwords.isEmpty()
                                            ? jobs.transition(caller.accountId(), id, ImportState.PREPARING, ImportState.PREVIEW,
                                                    caller.userId(), clock.instant()).then()
                                            : Mono.empty()))
                                    .as(transactions::transactional)
                                    .doOnSuccess(done -> committed.set(true));
                        })))
                // a file with passwords stays until they are hashed: a restart resumes hashing from it
                .doFinally(signal -> {
                    if (!committed.get() || passwords.isEmpty()) {
                        delete(stored);
                    }
                })
                .then(Mono.defer(() -> jobs.find(caller.accountId(), id)))
                .doOnNext(job -> record(job, started))
                // after the answer is read (and even when the client has gone): the import must not stay PREPARING
                .doFinally(signal -> {
                    if (committed.get() && !passwords.isEmpty()) {
                        hashing.hash(caller.accountId(), id, List.copyOf(passwords));
                        passwords.clear();
                    }
                });
    }

    /**
     * The rows of the file, validated in order, read on a bounded-elastic thread only as fast as they are stored
     * (the reader waits for demand), and not at all once nobody listens. Passwords are not hashed here (that
     * would take the request seconds per hundred rows): they go to {@code passwords}, in memory only.
     */
    private Flux<HashedRow> validated(Path stored, FileFormat format, RowValidator validator,
            List<PasswordHashing.Pending> passwords) {
        return Flux.<HashedRow>create(sink -> {
                    Demand demand = new Demand();
                    sink.onRequest(demand::add);
                    sink.onCancel(demand::wake);
                    try {
                        reader.read(stored, format, row -> {
                            if (!demand.take(sink::isCancelled)) {
                                throw new java.util.concurrent.CancellationException("the preview was abandoned");
                            }
                            ValidatedRow checked = validator.validate(row);
                            if (checked.password() != null) {
                                passwords.add(new PasswordHashing.Pending(checked.number(), checked.password()));
                            }
                            sink.next(new HashedRow(checked, null));
                        });
                        sink.complete();
                    }
                    catch (java.util.concurrent.CancellationException abandoned) {
                        // nobody waits for the rest
                    }
                    catch (RuntimeException ex) {
                        sink.error(ex);
                    }
                })
                // requests must reach the sink directly: the reading thread may be waiting for them
                .subscribeOn(Schedulers.boundedElastic(), false);
    }

    /** Rows requested downstream and not yet produced; the reading thread waits here (it is not an event loop). */
    private static final class Demand {

        private long requested;

        synchronized void add(long n) {
            requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
            notifyAll();
        }

        synchronized void wake() {
            notifyAll();
        }

        /** Takes one unit of demand, waiting for it; false when cancelled meanwhile. */
        synchronized boolean take(java.util.function.BooleanSupplier cancelled) {
            while (requested == 0 && !cancelled.getAsBoolean()) {
                try {
                    wait(1000);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            if (cancelled.getAsBoolean()) {
                return false;
            }
            if (requested != Long.MAX_VALUE) {
                requested--;
            }
            return true;
        }
    }

    Mono<ImportResponse> find(Caller caller, UUID id) {
        caller.require(Permission.USERS_IMPORT_EXPORT);
        return jobs.find(caller.accountId(), id)
                .filter(job -> mayRead(caller, job.createdBy()))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Import " + id)));
    }

    Mono<Page<ImportResponse>> list(Caller caller, int page, int size) {
        caller.require(Permission.USERS_IMPORT_EXPORT);
        Page.check(page, size);
        UUID by = mayRead(caller, null) ? null : caller.userId();
        return Mono.zip(jobs.list(caller.accountId(), by, size, (long) page * size).collectList(),
                        jobs.count(caller.accountId(), by))
                .map(loaded -> Page.of(loaded.getT1(), page, size, loaded.getT2()));
    }

    /**
     * An import's rows show users of every department it touched: a caller whose {@code USERS_IMPORT_EXPORT}
     * is limited to departments sees, confirms and cancels only the imports they uploaded.
     */
    static boolean mayRead(Caller caller, UUID createdBy) {
        return caller.departmentScope(Permission.USERS_IMPORT_EXPORT).isEmpty() || caller.userId().equals(createdBy);
    }

    Mono<Page<RowResponse>> rows(Caller caller, UUID id, List<RowAction> actions, int page, int size) {
        Page.check(page, size);
        List<RowAction> wanted = actions == null || actions.isEmpty() ? Arrays.asList(RowAction.values()) : actions;
        return find(caller, id).flatMap(job -> Mono.zip(jobs.rows(id, wanted, size, (long) page * size).collectList(),
                        jobs.countRows(id, wanted)))
                .map(loaded -> Page.of(loaded.getT1(), page, size, loaded.getT2()));
    }

    /** The report: every row with what it was to do, why it was invalid, and what user-service did with it. */
    Mono<ResponseEntity<Flux<DataBuffer>>> report(Caller caller, UUID id) {
        return find(caller, id).map(job -> {
            Flux<List<String>> rows = jobs.allRows(id).map(row -> java.util.Arrays.asList(
                    String.valueOf(row.rowNumber()), row.login(), row.action().name(),
                    row.outcome() != null ? row.outcome() : row.action() == RowAction.INVALID || row.action() == RowAction.UNCHANGED
                            ? "NOT_SUBMITTED" : job.state() == ImportState.CONFIRMED ? "PENDING" : "NOT_APPLIED",
                    row.outcomeReason(),
                    describe(row.errors()), describe(row.warnings())));
            return Downloads.attachment("import-report", true, out -> {
                // closing the stream cancels the query when the client goes away mid-download
                try (java.util.stream.Stream<List<String>> lazily = rows.toStream(500)) {
                    UsersWorkbook.table(out, "Report", List.of("Row", "Login", "Preview", "Outcome", "Reason", "Errors",
                            "Warnings"), lazily::iterator);
                }
            });
        });
    }

    private static String describe(List<RowError> errors) {
        return errors.stream().map(error -> error.column() + ": " + error.reason())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    /** Cancels an import that is not confirmed yet: nothing of it will ever be applied. */
    Mono<Void> cancel(Caller caller, UUID id) {
        return find(caller, id).flatMap(job -> jobs.transition(caller.accountId(), id,
                        job.state() == ImportState.PREPARING ? ImportState.PREPARING : ImportState.PREVIEW,
                        ImportState.CANCELLED, caller.userId(), clock.instant()))
                .flatMap(cancelled -> cancelled ? Mono.<Void>empty()
                        : Mono.error(ProblemException.conflict("import-not-cancellable",
                                "Only an import that is not confirmed yet can be cancelled")));
    }

    /** Streams the upload to {@code target}, refusing it past the size limit; emits its size. */
    private Mono<Long> store(FilePart file, Path target) {
        long max = properties.maxFileSize().toBytes();
        AtomicLong size = new AtomicLong();
        Flux<DataBuffer> limited = file.content().doOnNext(buffer -> {
            if (size.addAndGet(buffer.readableByteCount()) > max) {
                DataBufferUtils.release(buffer);
                throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "file-too-large", "File too large",
                        "An import file may have at most " + properties.maxFileSize().toMegabytes() + " MB")
                        .with("maxBytes", max);
            }
        });
        return Mono.fromCallable(() -> Files.createDirectories(properties.storageDirectory()))
                .subscribeOn(Schedulers.boundedElastic())
                .then(DataBufferUtils.write(limited, target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
                .then(Mono.fromCallable(size::get));
    }

    private void record(ImportResponse job, long started) {
        Timer.builder("roster.imports.parse").description("From upload to preview").register(meters)
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        Counter.builder("roster.imports.rows.parsed").description("Rows read from uploaded files").register(meters)
                .increment(job.summary().totalRows());
        count("create", job.summary().create());
        count("update", job.summary().update());
        count("status_change", job.summary().statusChange());
        count("unchanged", job.summary().unchanged());
        count("invalid", job.summary().invalid());
    }

    private void count(String action, int rows) {
        Counter.builder("roster.imports.rows").description("Previewed rows by what they will do").tag("action", action)
                .register(meters).increment(rows);
    }

    private static String name(FilePart file) {
        String name = file.filename();
        return name == null || name.isBlank() ? null : name.length() > 255 ? name.substring(0, 255) : name;
    }

    private static void delete(Path stored) {
        Schedulers.boundedElastic().schedule(() -> {
            try {
                Files.deleteIfExists(stored);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }
}
