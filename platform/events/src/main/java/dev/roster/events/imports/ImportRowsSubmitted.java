package dev.roster.events.imports;

import dev.roster.events.EventType;
import dev.roster.events.RosterEvent;
import java.util.List;
import java.util.UUID;

/**
 * Many confirmed rows of one import in one command on {@code roster.user-import-commands.v1}, in the order of the
 * file: each means what a {@link ImportRowSubmitted} alone would. import-service submits {@link #MOST_ROWS} rows to a
 * command, so that 100,000 rows are a thousand messages, outbox rows and inbox entries instead of 100,000 of each.
 * Keyed by the account, as the rows are. A command that can never be applied goes to the dead-letter topic whole and
 * each of its rows is answered as refused.
 */
@EventType("user-import.rows-submitted")
public record ImportRowsSubmitted(UUID importId, List<ImportRowSubmitted> rows) implements RosterEvent {

    /** The most rows in one command: about a kilobyte each at most, far below the broker's message size limit. */
    public static final int MOST_ROWS = 100;

    public ImportRowsSubmitted {
        rows = List.copyOf(rows);
        if (rows.isEmpty() || rows.size() > MOST_ROWS) {
            throw new IllegalArgumentException("A command holds 1 to " + MOST_ROWS + " rows, not " + rows.size());
        }
        if (rows.stream().anyMatch(row -> !row.importId().equals(importId))) {
            throw new IllegalArgumentException("Every row must belong to import " + importId);
        }
    }
}
