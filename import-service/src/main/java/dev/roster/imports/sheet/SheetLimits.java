package dev.roster.imports.sheet;

/**
 * What a file may hold before it is refused: data rows, and for an xlsx (a zip) the number of parts,
 * their total unpacked size and how far any part may expand (zip bombs claim tiny sizes or huge ratios).
 */
public record SheetLimits(int maxRows, int maxZipEntries, long maxUnpackedBytes, int maxCompressionRatio) {
}
