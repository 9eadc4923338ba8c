package dev.roster.imports.job;

/**
 * Where an import stands: preparing (rows checked, passwords still being hashed), previewed (nothing
 * applied), confirmed (being applied), completed, or cancelled.
 */
enum ImportState {
    PREPARING,
    PREVIEW,
    CONFIRMED,
    COMPLETED,
    CANCELLED
}
