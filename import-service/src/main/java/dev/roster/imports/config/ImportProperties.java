package dev.roster.imports.config;

import dev.roster.imports.sheet.SheetLimits;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * import-service's settings, under {@code roster.imports}.
 *
 * @param storageDirectory where uploads are kept while they are read (deleted after the preview)
 * @param maxFileSize the largest upload
 * @param maxRows the most data rows one file may have
 * @param maxZipEntries the most parts an xlsx may have
 * @param maxUnpackedSize the most an xlsx may unpack to
 * @param maxCompressionRatio how far one part of an xlsx may expand
 * @param maxCellLength the most characters one cell may have (a number: once written out)
 */
@ConfigurationProperties("roster.imports")
public record ImportProperties(
        Path storageDirectory,
        @DefaultValue("50MB") DataSize maxFileSize,
        @DefaultValue("100000") int maxRows,
        @DefaultValue("10000") int maxZipEntries,
        @DefaultValue("1GB") DataSize maxUnpackedSize,
        @DefaultValue("200") int maxCompressionRatio,
        @DefaultValue("1000") int maxCellLength) {

    public ImportProperties {
        storageDirectory = storageDirectory != null ? storageDirectory
                : Path.of(System.getProperty("java.io.tmpdir"), "roster-imports");
    }

    public SheetLimits limits() {
        return new SheetLimits(maxRows, maxZipEntries, maxUnpackedSize.toBytes(), maxCompressionRatio, maxCellLength);
    }
}
