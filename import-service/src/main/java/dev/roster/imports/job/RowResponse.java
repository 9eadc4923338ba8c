package dev.roster.imports.job;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One row of an import: what it will do (or why it is invalid) and, once applied, what it did. */
record RowResponse(int rowNumber, RowAction action, String login, Map<String, String> values, List<RowError> errors,
        List<RowError> warnings, String outcome, String outcomeReason, UUID userId) {
}
