package dev.roster.imports.sheet;

/**
 * What a file may hold before it is refused: data rows, and for an xlsx (a zip) the number of parts,
 * their total unpacked size and how far any part may expand (zip bombs claim tiny sizes or huge ratios);
 * and how long one cell's text may be (a longer cell, or a number that would be written longer, makes
 * its row invalid; a CSV record longer than {@link #maxRecordLength()} refuses the file).
 */
public record SheetLimits(int maxRows, int maxZipEntries, long maxUnpackedBytes, int maxCompressionRatio,
        int maxCellLength) {

    /** The longest CSV record (line) read at all: every column at its longest, and then some. */
    public int maxRecordLength() {
        return Math.max(64 * 1024, maxCellLength * Column.values().length * 2);
    }
}
