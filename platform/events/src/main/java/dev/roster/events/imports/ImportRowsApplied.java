package dev.roster.events.imports;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.util.List;
import java.util.UUID;

/**
 * user-service's answers to many {@link ImportRowSubmitted} of one import at once, on
 * {@code roster.user-import-results.v1}, keyed by the import: each as a {@link ImportRowApplied} would say it.
 * user-service answers a poll of rows with one such event per import and {@link #MOST_ROWS} rows, so that
 * 100,000 rows are a few hundred messages, outbox rows and inbox entries instead of 100,000 of each.
 */
@EventType("user-import.rows-applied")
public record ImportRowsApplied(UUID importId, List<ImportRowApplied> rows) implements RosterEvent {

    /** The most rows in one event: a few hundred bytes each, well below the broker's message size limit. */
    public static final int MOST_ROWS = 500;

    public ImportRowsApplied {
        rows = List.copyOf(rows);
        if (rows.stream().anyMatch(row -> !row.importId().equals(importId))) {
            throw new IllegalArgumentException("Every row must belong to import " + importId);
        }
    }
}
