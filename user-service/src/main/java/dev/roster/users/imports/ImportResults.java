package dev.roster.users.imports;

import dev.roster.events.EventEnvelope;
import dev.roster.events.imports.ImportRowApplied;
import dev.roster.events.imports.ImportRowSubmitted;
import dev.roster.events.imports.ImportRowsApplied;
import dev.roster.events.user.UserStatus;
import dev.roster.users.group.GroupService.Additions;
import dev.roster.users.imports.ImportRowPolicy.Update;
import dev.roster.users.user.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The results of a batch's rows as import-service is answered, without Spring: each row's outcome and reason,
 * kept by the row's index in the batch, and the events that carry them.
 */
final class ImportResults {

    private final List<ImportRowSubmitted> rows;
    private final ImportRowApplied[] results;

    /** No results yet for {@code rows}, the rows of one account in a batch. */
    ImportResults(List<ImportRowSubmitted> rows) {
        this.rows = rows;
        this.results = new ImportRowApplied[rows.size()];
    }

    /** Row {@code i} changed nothing: {@code reason}; {@code userId} is the existing user it names, or null. */
    void refused(int i, UUID userId, String reason) {
        results[i] = result(rows.get(i), userId, ImportRowApplied.REFUSED, reason);
    }

    /** Row {@code i} created {@code stored} as {@code decided}, inactive instead of active when no seat was free. */
    void created(int i, User decided, User stored, Additions groups) {
        results[i] = result(rows.get(i), stored.id(),
                decided.status() == UserStatus.ACTIVE && stored.status() != UserStatus.ACTIVE
                        ? ImportRowApplied.CREATED_INACTIVE : ImportRowApplied.CREATED,
                unknownGroups(groups));
    }

    /** Row {@code i} applied {@code update}; it is unchanged when that changes nothing and the user joined no group. */
    void updated(int i, Update update, Additions groups) {
        results[i] = result(rows.get(i), update.current().id(),
                update.changesAnything() || !groups.joined().isEmpty() ? ImportRowApplied.UPDATED
                        : ImportRowApplied.UNCHANGED,
                unknownGroups(groups));
    }

    /** The results in the rows' order. */
    List<ImportRowApplied> all() {
        return Arrays.asList(results);
    }

    /** Each of {@code rows} refused for {@code reason}, naming no user. */
    static List<ImportRowApplied> refusedAll(List<ImportRowSubmitted> rows, String reason) {
        return rows.stream().map(row -> result(row, null, ImportRowApplied.REFUSED, reason)).toList();
    }

    /** The results as a few events: per import in the results' order, {@link ImportRowsApplied#MOST_ROWS} to an event. */
    static List<EventEnvelope<ImportRowsApplied>> answers(UUID accountId, List<ImportRowApplied> results, Clock clock) {
        Map<UUID, List<ImportRowApplied>> byImport = new LinkedHashMap<>();
        results.forEach(result -> byImport.computeIfAbsent(result.importId(), importId -> new ArrayList<>()).add(result));
        List<EventEnvelope<ImportRowsApplied>> answers = new ArrayList<>();
        byImport.forEach((importId, rows) -> {
            for (int from = 0; from < rows.size(); from += ImportRowsApplied.MOST_ROWS) {
                List<ImportRowApplied> part = rows.subList(from, Math.min(rows.size(), from + ImportRowsApplied.MOST_ROWS));
                answers.add(EventEnvelope.of(accountId, importId, new ImportRowsApplied(importId, part), clock));
            }
        });
        return answers;
    }

    private static String unknownGroups(Additions groups) {
        return groups.unknownNames().isEmpty() ? null : ImportRowPolicy.UNKNOWN_GROUPS;
    }

    private static ImportRowApplied result(ImportRowSubmitted row, UUID userId, String outcome, String reason) {
        return new ImportRowApplied(row.importId(), row.rowNumber(), row.login(), userId, outcome, reason);
    }
}
