package dev.roster.imports.sheet;

/** The kinds of file an import accepts, told apart by their content, never by their name. */
public enum FileFormat {
    XLSX,
    CSV
}
