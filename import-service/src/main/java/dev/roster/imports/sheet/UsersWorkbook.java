package dev.roster.imports.sheet;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.roster.events.user.UserStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes users files in the template's columns: the template itself (a header row, the Status drop-down,
 * the account's departments for reference) and exports (the same plus one row per user), as xlsx or as
 * CSV (UTF-8 with a BOM, so spreadsheet programs read it as UTF-8). Streaming, row by row. Against
 * formula injection: in xlsx every value is a string cell, which a spreadsheet never evaluates; in CSV a
 * cell that a spreadsheet would take for a formula ({@code = + - @}, a tab or a carriage return first)
 * gets a leading apostrophe, which {@link SheetReader} takes off again, so an export imports back as is.
 */
public final class UsersWorkbook {

    /** Rows of the Users sheet that get the Status drop-down. */
    static final int VALIDATED_ROWS = 100_000;

    private UsersWorkbook() {
    }

    /** Writes an xlsx: the Users sheet with {@code rows} (each in {@link Column} order), a Departments sheet, and the status list. */
    public static void xlsx(OutputStream out, Iterable<List<String>> rows, Collection<String> departments) {
        try {
            Workbook workbook = new Workbook(out, "Roster", "1.0");
            Worksheet users = workbook.newWorksheet("Users");
            Column[] columns = Column.values();
            for (int c = 0; c < columns.length; c++) {
                users.value(0, c, columns[c].header());
                users.style(0, c).bold().fillColor("DDEBF7").set();
                users.width(c, Math.max(14, columns[c].header().length() + 4));
            }
            users.freezePane(0, 1);
            int r = 1;
            for (List<String> row : rows) {
                for (int c = 0; c < row.size(); c++) {
                    if (row.get(c) != null) {
                        users.value(r, c, row.get(c));
                    }
                }
                if (r % 1000 == 0) {
                    users.flush();
                }
                r++;
            }

            Worksheet lists = workbook.newWorksheet("Statuses");
            List<String> labels = Arrays.stream(UserStatus.values()).map(StatusLabel::of).toList();
            for (int i = 0; i < labels.size(); i++) {
                lists.value(i, 0, labels.get(i));
            }
            int status = Column.STATUS.ordinal();
            users.range(1, status, Math.max(VALIDATED_ROWS, r), status)
                    .validateWithList(lists.range(0, 0, labels.size() - 1, 0))
                    .showErrorMessage(true)
                    .errorTitle("Status")
                    .error("Choose Active, Inactive or Employment Ended");

            Worksheet reference = workbook.newWorksheet("Departments");
            reference.value(0, 0, "Department (use the full path in the Users sheet)");
            reference.style(0, 0).bold().set();
            reference.width(0, 60);
            int d = 1;
            for (String department : departments) {
                reference.value(d++, 0, department);
            }
            workbook.finish();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes an xlsx of one sheet: a bold header row, then {@code rows} (for reports). */
    public static void table(OutputStream out, String sheet, List<String> headers, Iterable<List<String>> rows) {
        try {
            Workbook workbook = new Workbook(out, "Roster", "1.0");
            Worksheet table = workbook.newWorksheet(sheet);
            for (int c = 0; c < headers.size(); c++) {
                table.value(0, c, headers.get(c));
                table.style(0, c).bold().fillColor("DDEBF7").set();
                table.width(c, Math.max(12, headers.get(c).length() + 4));
            }
            table.freezePane(0, 1);
            int r = 1;
            for (List<String> row : rows) {
                for (int c = 0; c < row.size(); c++) {
                    if (row.get(c) != null) {
                        table.value(r, c, row.get(c));
                    }
                }
                if (r++ % 1000 == 0) {
                    table.flush();
                }
            }
            workbook.finish();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes a CSV: the header row, then {@code rows}. */
    public static void csv(OutputStream out, Iterable<List<String>> rows) {
        try {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CsvWriter csv = CsvWriter.builder().build(writer);
            csv.writeRecord(Arrays.stream(Column.values()).map(Column::header).toList());
            for (List<String> row : rows) {
                csv.writeRecord(row.stream().map(cell -> cell == null ? "" : safe(cell)).toList());
            }
            csv.flush();
            writer.flush();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A CSV cell that would start a formula gets a leading apostrophe (OWASP's advice against CSV injection). */
    public static String safe(String cell) {
        return !cell.isEmpty() && isFormulaStart(cell.charAt(0)) ? "'" + cell : cell;
    }

    /** A CSV cell as written by {@link #safe}: the apostrophe in front of a formula start taken off again. */
    public static String unsafe(String cell) {
        return cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && isFormulaStart(cell.charAt(1))
                ? cell.substring(1) : cell;
    }

    private static boolean isFormulaStart(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
