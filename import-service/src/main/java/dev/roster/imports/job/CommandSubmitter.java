package dev.roster.imports.job;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.imports.ImportRowSubmitted;
import dev.roster.events.imports.ImportRowsSubmitted;
import dev.roster.events.user.UserStatus;
import dev.roster.imports.job.ImportJobRepository.Cursor;
import dev.roster.imports.job.ImportJobRepository.Submission;
import dev.roster.platform.outbox.Outbox;
import dev.roster.platform.scheduling.Rounds;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Writes the commands of confirmed imports to the outbox after the confirmation has answered, {@link
 * ImportRowsSubmitted#MOST_ROWS} rows to a command: a page of rows at a time, each page in one transaction with the
 * import's cursor (the last row submitted), so that a restart resumes after the last page written and no row is ever
 * submitted twice, even with several replicas (a page locks its import and reads the cursor the last page left).
 * user-service starts applying the first page while later ones are written. Imports
 * left submitting (a restart, a database outage) are found again at start and every {@link #RESCAN}.
 */
@Component
class CommandSubmitter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CommandSubmitter.class);
    static final int PAGE = 2000;
    private static final Duration RESCAN = Duration.ofSeconds(15);

    private final ImportJobRepository jobs;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final Rounds rescans;

    CommandSubmitter(ImportJobRepository jobs, Outbox outbox, TransactionalOperator transactions, Clock clock) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.rescans = new Rounds("Looking for imports left submitting", Duration.ZERO, RESCAN,
                () -> jobs.submitting().doOnNext(this::start).then(), log);
    }

    /** Resumes what a previous run left half-submitted, then looks again now and then. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        rescans.start();
    }

    /** Starts submitting the rows of {@code importId} unless this instance is at it already; returns at once. */
    void start(UUID importId) {
        if (!running.add(importId)) {
            return;
        }
        submitAll(importId)
                .retryWhen(Retry.backoff(5, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
                .doFinally(signal -> running.remove(importId))
                .subscribe(pages -> log.info("Import {}: submitted in {} pages", importId, pages),
                        error -> log.error("Import {}: submitting failed; it will be resumed", importId, error));
    }

    /** Submits page after page until none is left (or the import stopped being submitted); emits the pages written. */
    Mono<Integer> submitAll(UUID importId) {
        return Mono.defer(() -> page(importId))
                .repeat()
                .takeUntil(more -> !more)
                .count()
                .map(Long::intValue);
    }

    /** Writes the next page of one import in one transaction; emits whether more may follow. */
    private Mono<Boolean> page(UUID importId) {
        return jobs.lockSubmitting(importId)
                .flatMap(cursor -> jobs.toSubmit(importId, cursor.through(), PAGE)
                        .flatMap(page -> (page.isEmpty() ? Mono.<Void>empty()
                                : outbox.recordAll(Topics.USER_IMPORT_COMMANDS, commands(cursor, page)))
                                .then(jobs.advance(importId, page.size(),
                                        page.isEmpty() ? cursor.through() : page.getLast().rowNumber(),
                                        page.size() == PAGE, clock.instant()))
                                .thenReturn(page.size() == PAGE)))
                .as(transactions::transactional)
                .defaultIfEmpty(false);
    }

    /** A page's rows as commands of {@link ImportRowsSubmitted#MOST_ROWS} rows, in the order of the file. */
    private List<EventEnvelope<ImportRowsSubmitted>> commands(Cursor cursor, List<Submission> page) {
        List<EventEnvelope<ImportRowsSubmitted>> commands = new ArrayList<>();
        for (int from = 0; from < page.size(); from += ImportRowsSubmitted.MOST_ROWS) {
            List<ImportRowSubmitted> rows = page.subList(from, Math.min(page.size(), from + ImportRowsSubmitted.MOST_ROWS))
                    .stream().map(row -> row(cursor, row)).toList();
            // keyed by the account: its rows apply in the order of the file and of the imports, a batch at a time
            commands.add(EventEnvelope.of(cursor.accountId(), cursor.accountId(),
                    new ImportRowsSubmitted(cursor.importId(), rows), clock));
        }
        return commands;
    }

    private ImportRowSubmitted row(Cursor cursor, Submission row) {
        Map<String, String> values = row.values();
        String status = values.get("status");
        String endedOn = values.get("employmentEndedOn");
        String groups = values.get("groups");
        return new ImportRowSubmitted(cursor.importId(), row.rowNumber(), cursor.confirmedBy(),
                values.get("login"), values.get("email"), values.get("firstName"), values.get("lastName"),
                row.passwordHash(), values.get("department"), values.get("jobTitle"), values.get("phone"),
                values.get("supervisor"), groups == null ? null : RowValidator.groups(groups),
                status == null ? null : UserStatus.valueOf(status), endedOn == null ? null : LocalDate.parse(endedOn));
    }

    @Override
    public void destroy() {
        rescans.stop();
    }
}
