package dev.roster.imports.job;

/** Why a row is invalid: the column (its header as in the template) and a sentence saying what to fix. */
record RowError(String column, String reason) {
}
