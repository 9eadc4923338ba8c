package dev.roster.imports.sheet;

import java.util.Map;

/** One data row of an uploaded file: its number as people count rows in the file (the header is row 1), and its cells. */
public record SheetRow(int number, Map<Column, String> cells) {

    /** The cell's text, stripped; {@code null} when blank or absent. */
    public String get(Column column) {
        String value = cells.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public boolean isBlank() {
        return cells.values().stream().allMatch(value -> value == null || value.isBlank());
    }
}
