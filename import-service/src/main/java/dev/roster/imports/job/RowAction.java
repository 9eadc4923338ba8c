package dev.roster.imports.job;

/** What a row of an import will do to the account's users. */
enum RowAction {
    CREATE,
    UPDATE,
    /** Only the status changes. */
    STATUS_CHANGE,
    UNCHANGED,
    INVALID
}
