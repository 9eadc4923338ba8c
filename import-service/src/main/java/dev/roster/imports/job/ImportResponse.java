package dev.roster.imports.job;

import java.time.Instant;
import java.util.UUID;

/** An import's state, what its rows will do (the preview) and, once confirmed, how far applying got. */
record ImportResponse(
        UUID id,
        ImportState state,
        String format,
        String fileName,
        long fileSize,
        UUID createdBy,
        Instant createdAt,
        Summary summary,
        Progress progress,
        UUID confirmedBy,
        Instant confirmedAt,
        Instant completedAt) {

    /** The preview: rows by what they will do, and how many of them may not manage all of it (warnings). */
    public record Summary(int totalRows, int create, int update, int statusChange, int unchanged, int invalid,
            int withWarnings) {
    }

    /**
     * Applying: the rows to apply ({@code total}), how many of them are sent to user-service so far, applied and
     * refused there, and not answered yet; {@code submitting} while rows are still being sent.
     */
    public record Progress(int total, int submitted, int applied, int refused, int remaining, boolean submitting) {
    }
}
