package dev.roster.imports.job;

import dev.roster.events.imports.ImportRowSubmitted;
import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Confirming an import: one short statement makes it CONFIRMED (or COMPLETED when no row changes anything) and
 * the answer comes at once; {@link CommandSubmitter} then writes every changing row as an {@link ImportRowSubmitted}
 * command to the outbox, for user-service to apply with all its rules. Confirming again an import that is confirmed
 * or completed changes nothing and answers it as it stands; a cancelled or unprepared import is refused.
 */
@Service
class Confirmation {

    private final ImportJobRepository jobs;
    private final CommandSubmitter submitter;
    private final Clock clock;

    Confirmation(ImportJobRepository jobs, CommandSubmitter submitter, Clock clock) {
        this.jobs = jobs;
        this.submitter = submitter;
        this.clock = clock;
    }

    Mono<ImportResponse> confirm(Caller caller, UUID importId) {
        caller.require(Permission.USERS_IMPORT_EXPORT);
        return find(caller, importId)
                .flatMap(job -> job.state() == ImportState.PREVIEW
                        ? jobs.confirm(caller.accountId(), importId, caller.userId(), clock.instant())
                        : Mono.just(false))
                .then(find(caller, importId))
                .flatMap(job -> switch (job.state()) {
                    case CONFIRMED -> {
                        // also when this is a repeated confirmation: resumes a submission this instance lost
                        submitter.start(importId);
                        yield Mono.just(job);
                    }
                    case COMPLETED -> Mono.just(job);
                    default -> Mono.error(ProblemException.conflict("import-not-confirmable",
                            "Only a previewed import that is not cancelled can be confirmed"));
                });
    }

    private Mono<ImportResponse> find(Caller caller, UUID importId) {
        return jobs.find(caller.accountId(), importId)
                .filter(job -> ImportService.mayRead(caller, job.createdBy()))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Import " + importId)));
    }
}
