package dev.roster.imports.job;

import java.util.List;
import java.util.Map;

/**
 * A row as the preview understood it: what it will do, its cleaned values (by column name, blank cells
 * left out), for an invalid row every reason, and what a valid row may not manage to do (warnings). A password stays only in memory until it is hashed.
 */
record ValidatedRow(int number, RowAction action, String login, Map<String, String> values, List<RowError> errors,
        List<RowError> warnings, String password) {
}
