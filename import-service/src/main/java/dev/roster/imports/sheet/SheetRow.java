package dev.roster.imports.sheet;

import java.util.Map;

/**
 * One data row of an uploaded file: its number as people count rows in the file (the header is row 1), its
 * cells, and the cells that were refused while reading, with the reason (too long, a number too large,
 * control characters); a refused cell's text is not kept.
 */
public record SheetRow(int number, Map<Column, String> cells, Map<Column, String> refused) {

    public SheetRow(int number, Map<Column, String> cells) {
        this(number, cells, Map.of());
    }

    /** The cell's text, stripped; {@code null} when blank or absent. */
    public String get(Column column) {
        String value = cells.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public boolean isBlank() {
        return refused.isEmpty() && cells.values().stream().allMatch(value -> value == null || value.isBlank());
    }
}
