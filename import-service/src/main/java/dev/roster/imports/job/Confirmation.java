package dev.roster.imports.job;

import dev.roster.events.EventEnvelope;
import dev.roster.events.Topics;
import dev.roster.events.imports.ImportRowSubmitted;
import dev.roster.events.user.UserStatus;
import dev.roster.imports.job.ImportJobs.Submission;
import dev.roster.platform.outbox.Outbox;
import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Confirming an import: in one transaction the import becomes CONFIRMED and every row that changes
 * something becomes an {@link ImportRowSubmitted} command in the outbox (a thousand per statement), for
 * user-service to apply with all its rules. Confirming twice, or a cancelled import, is refused.
 */
@Service
class Confirmation {

    private static final int BATCH = 1000;

    private final ImportJobs jobs;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final Clock clock;

    Confirmation(ImportJobs jobs, Outbox outbox, TransactionalOperator transactions, Clock clock) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    Mono<ImportResponse> confirm(Caller caller, UUID importId) {
        caller.require(Permission.USERS_IMPORT_EXPORT);
        Instant now = clock.instant();
        return jobs.find(caller.accountId(), importId)
                .filter(job -> ImportService.mayRead(caller, job.createdBy()))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Import " + importId)))
                .flatMap(job -> jobs.transition(caller.accountId(), importId, ImportState.PREVIEW, ImportState.CONFIRMED,
                        caller.userId(), now))
                .flatMap(confirmed -> confirmed ? submit(caller, importId, 0) : Mono.error(ProblemException.conflict(
                        "import-not-confirmable", "Only a previewed import that is not cancelled can be confirmed, once")))
                .flatMap(submitted -> jobs.submitted(importId, submitted, now))
                .as(transactions::transactional)
                .then(Mono.defer(() -> jobs.find(caller.accountId(), importId)));
    }

    /** Records the commands of the changing rows after {@code afterRow}, a page at a time; emits how many. */
    private Mono<Long> submit(Caller caller, UUID importId, int afterRow) {
        return jobs.toSubmit(importId, afterRow, BATCH).flatMap(page -> page.isEmpty() ? Mono.just(0L)
                : outbox.recordAll(Topics.USER_IMPORT_COMMANDS, page.stream().map(row -> command(caller, importId, row)).toList())
                        .then(page.size() < BATCH ? Mono.just(0L) : submit(caller, importId, page.getLast().rowNumber()))
                        .map(rest -> rest + page.size()));
    }

    private EventEnvelope<ImportRowSubmitted> command(Caller caller, UUID importId, Submission row) {
        Map<String, String> values = row.values();
        String login = values.get("login");
        String status = values.get("status");
        String endedOn = values.get("employmentEndedOn");
        String groups = values.get("groups");
        ImportRowSubmitted command = new ImportRowSubmitted(importId, row.rowNumber(), caller.userId(), login,
                values.get("email"), values.get("firstName"), values.get("lastName"), row.passwordHash(),
                values.get("department"), values.get("jobTitle"), values.get("phone"), values.get("supervisor"),
                groups == null ? null : RowValidator.groups(groups), status == null ? null : UserStatus.valueOf(status),
                endedOn == null ? null : LocalDate.parse(endedOn));
        // keyed by the account: its rows apply in the order of the file and of the imports, a batch at a time
        return EventEnvelope.of(caller.accountId(), caller.accountId(), command, clock);
    }
}
