package dev.roster.imports.job;

/** Where an import stands: previewed (nothing applied), confirmed (being applied), completed, or cancelled. */
public enum ImportState {
    PREVIEW,
    CONFIRMED,
    COMPLETED,
    CANCELLED
}
