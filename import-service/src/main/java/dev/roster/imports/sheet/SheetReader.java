package dev.roster.imports.sheet;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.validation.SaneDates;
import dev.roster.platform.web.ControlCharacters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.springframework.http.HttpStatus;

/**
 * Reads an uploaded users file, streaming, row by row: an xlsx (first sheet) with fastexcel-reader, or a
 * CSV (UTF-8 with or without BOM, comma or semicolon) with FastCSV. The format is told by the content.
 * Hostile files are refused before parsing: a zip whose parts would unpack too large or too far (zip
 * bombs), too many rows, a file that is neither. External entities are never resolved (the xlsx reader
 * does not support DTDs). Blocking: call it on a bounded-elastic thread.
 */
public final class SheetReader {

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private final SheetLimits limits;

    public SheetReader(SheetLimits limits) {
        this.limits = limits;
    }

    /** What the file is, by its first bytes; refuses empty files and anything that is neither xlsx nor UTF-8 text. */
    public FileFormat detect(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8192);
            if (head.length == 0) {
                throw ProblemException.badRequest("empty-file", "The file is empty");
            }
            if (head.length >= 4 && head[0] == ZIP[0] && head[1] == ZIP[1] && head[2] == ZIP[2] && head[3] == ZIP[3]) {
                checkZip(file);
                return FileFormat.XLSX;
            }
            if (isText(head)) {
                return FileFormat.CSV;
            }
            throw unsupported();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Hands every non-blank data row to {@code rows}, with the columns its header row names; refuses a
     * file without a Login column or with more than {@code maxRows} data rows.
     */
    public void read(Path file, FileFormat format, Consumer<SheetRow> rows) {
        try {
            if (format == FileFormat.XLSX) {
                readXlsx(file, rows);
            }
            else {
                readCsv(file, rows);
            }
        }
        catch (ProblemException | java.util.concurrent.CancellationException ex) {
            throw ex;
        }
        catch (CsvParseException ex) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "unreadable-file", "Unreadable file",
                    "The file could not be read as CSV: a record is malformed or longer than "
                            + limits.maxRecordLength() + " characters");
        }
        catch (IOException | RuntimeException ex) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "unreadable-file", "Unreadable file",
                    "The file could not be read as " + (format == FileFormat.XLSX ? "an Excel workbook" : "CSV")
                            + ": " + ex.getClass().getSimpleName());
        }
    }

    private void readXlsx(Path file, Consumer<SheetRow> rows) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile());
                Stream<Row> sheet = workbook.getFirstSheet().openStream()) {
            Iterator<Row> iterator = sheet.iterator();
            Map<Integer, Column> header = null;
            int count = 0;
            while (iterator.hasNext()) {
                Row row = iterator.next();
                if (header == null) {
                    header = header(row.stream().map(cell -> cell == null ? null : cell.getText()).toList());
                    continue;
                }
                Map<Column, String> cells = new EnumMap<>(Column.class);
                Map<Column, String> refused = new EnumMap<>(Column.class);
                for (Cell cell : row) {
                    if (cell != null && header.containsKey(cell.getColumnIndex())) {
                        Column column = header.get(cell.getColumnIndex());
                        try {
                            keep(column, text(cell, column), cells, refused);
                        }
                        catch (RefusedCell ex) {
                            refused.put(column, ex.getMessage());
                        }
                    }
                }
                SheetRow sheetRow = new SheetRow(row.getRowNum(), cells, refused);
                if (!sheetRow.isBlank()) {
                    count = count(count);
                    rows.accept(sheetRow);
                }
            }
            if (header == null) {
                throw noHeader();
            }
        }
    }

    private void readCsv(Path file, Consumer<SheetRow> rows) throws IOException {
        char separator = separator(file);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(separator)
                        .maxBufferSize(limits.maxRecordLength()).ofCsvRecord(reader)) {
            Map<Integer, Column> header = null;
            int count = 0;
            for (CsvRecord record : csv) {
                if (header == null) {
                    header = header(record.getFields());
                    continue;
                }
                Map<Column, String> cells = new EnumMap<>(Column.class);
                Map<Column, String> refused = new EnumMap<>(Column.class);
                List<String> fields = record.getFields();
                for (int i = 0; i < fields.size(); i++) {
                    if (header.containsKey(i)) {
                        keep(header.get(i), UsersWorkbook.unsafe(fields.get(i)), cells, refused);
                    }
                }
                SheetRow row = new SheetRow((int) record.getStartingLineNumber(), cells, refused);
                if (!row.isBlank()) {
                    count = count(count);
                    rows.accept(row);
                }
            }
            if (header == null) {
                throw noHeader();
            }
        }
    }

    private int count(int count) {
        if (count + 1 > limits.maxRows()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "too-many-rows", "Too many rows",
                    "An import takes at most " + limits.maxRows() + " rows; split the file").with("maxRows", limits.maxRows());
        }
        return count + 1;
    }

    private static Map<Integer, Column> header(List<String> headers) {
        Map<Integer, Column> columns = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            int index = i;
            Column.of(headers.get(i)).ifPresent(column -> {
                if (!columns.containsValue(column)) {
                    columns.put(index, column);
                }
            });
        }
        if (!columns.containsValue(Column.LOGIN)) {
            throw noHeader();
        }
        return columns;
    }

    /**
     * Keeps a cell's text, or refuses the cell (its row becomes invalid, the text is not kept) when it is longer
     * than the limit or holds NUL or another control character.
     */
    private void keep(Column column, String text, Map<Column, String> cells, Map<Column, String> refused) {
        if (text == null) {
            return;
        }
        if (text.length() > limits.maxCellLength()) {
            refused.put(column, "The cell has more than " + limits.maxCellLength() + " characters");
        }
        else if (ControlCharacters.containsForbidden(text)) {
            refused.put(column, "The cell holds NUL or another control character");
        }
        else {
            cells.put(column, text);
        }
    }

    /**
     * A cell as text; a date cell (or a number in the end-date column, Excel's day count) as yyyy-MM-dd. A number
     * is written out only when that stays within the cell limit: {@code 1E10000000} is 20 bytes in a sheet and
     * would be ten million characters as plain text.
     */
    private String text(Cell cell, Column column) {
        if (cell.getType() == CellType.NUMBER) {
            BigDecimal number = cell.asNumber().stripTrailingZeros();
            if (column == Column.EMPLOYMENT_ENDED_ON) {
                if (integerDigits(number) > 7 || number.signum() < 0) {
                    throw new RefusedCell("'" + abbreviated(cell.getRawValue()) + "' is not a date");
                }
                LocalDate date = EXCEL_EPOCH.plusDays(number.longValue());
                if (!SaneDates.isSane(date)) {
                    throw new RefusedCell("The date must be between " + SaneDates.MIN_DATE + " and " + SaneDates.MAX_DATE);
                }
                return date.toString();
            }
            if (plainLength(number) > limits.maxCellLength()) {
                throw new RefusedCell("The number '" + abbreviated(cell.getRawValue()) + "' is too large");
            }
            return number.toPlainString();
        }
        return cell.getText();
    }

    /** Digits before the decimal point (0 for a fraction), without writing the number out. */
    private static long integerDigits(BigDecimal number) {
        return Math.max(0L, (long) number.precision() - number.scale());
    }

    /** How long {@link BigDecimal#toPlainString()} would be, without calling it. */
    static long plainLength(BigDecimal number) {
        long precision = number.precision();
        long scale = number.scale();
        long length = scale <= 0 ? precision - scale : scale >= precision ? scale + 2 : precision + 1;
        return length + (number.signum() < 0 ? 1 : 0);
    }

    private static String abbreviated(String raw) {
        return raw == null ? "" : raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }

    /** A cell refused while reading, with the reason its row is given. */
    private static final class RefusedCell extends RuntimeException {

        RefusedCell(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Semicolon when the header line has more semicolons than commas (as spreadsheets write in many locales). */
    private static char separator(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first == null) {
                return ',';
            }
            long semicolons = first.chars().filter(c -> c == ';').count();
            long commas = first.chars().filter(c -> c == ',').count();
            return semicolons > commas ? ';' : ',';
        }
    }

    /** A zip (xlsx) that would unpack into too many or too large parts, or expand too far, is refused. */
    private void checkZip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long unpacked = 0;
            int entries = 0;
            boolean workbook = false;
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                entries++;
                long size = entry.getSize();
                long compressed = entry.getCompressedSize();
                if (entries > limits.maxZipEntries() || size < 0
                        || (compressed > 0 && size / compressed > limits.maxCompressionRatio() && size > 1_000_000)) {
                    throw hostile();
                }
                unpacked += size;
                if (unpacked > limits.maxUnpackedBytes()) {
                    throw hostile();
                }
                workbook |= entry.getName().equals("xl/workbook.xml");
            }
            if (!workbook) {
                throw unsupported();
            }
            checkInflated(zip);
        }
        catch (ZipException ex) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "unreadable-file", "Unreadable file",
                    "The file looks like a zip but cannot be opened");
        }
    }

    /**
     * Unpacks every part once, counting, without keeping anything: a part that unpacks to more than its
     * directory entry claims (the sizes above are only what the file says), or parts that unpack beyond the
     * limit in all, are refused before any parser reads them.
     */
    private void checkInflated(ZipFile zip) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            ZipEntry entry = all.nextElement();
            long part = 0;
            try (InputStream in = zip.getInputStream(entry)) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    part += read;
                    total += read;
                    if (part > entry.getSize() || total > limits.maxUnpackedBytes()) {
                        throw hostile();
                    }
                }
            }
        }
    }

    private static boolean isText(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
        }
        try {
            // a multi-byte character cut at the end of the sample is fine
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head, 0, Math.max(0, head.length - 4)));
            return true;
        }
        catch (CharacterCodingException ex) {
            return false;
        }
    }

    private static ProblemException unsupported() {
        return new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-file-type", "Unsupported file type",
                "Upload an Excel workbook (.xlsx) or a UTF-8 CSV file, such as the template");
    }

    private static ProblemException hostile() {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "file-too-complex", "File too complex",
                "The workbook would unpack far larger than its size; save it again from a spreadsheet program");
    }

    private static ProblemException noHeader() {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-template", "Invalid template",
                "The first row must hold the column headers, with at least Login (download the template)");
    }
}
