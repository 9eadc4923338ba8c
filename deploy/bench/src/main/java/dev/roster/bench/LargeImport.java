package dev.roster.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import tools.jackson.databind.JsonNode;

/**
 * A company's whole staff in one file: {@code importRows} new users, as csv and as xlsx, each into an account of its
 * own, through the gateway. Targets: preview within 10 s, applied within 30 s of the confirmation, import-service's
 * heap at most 256 MB in use meanwhile.
 */
final class LargeImport {

    private static final String[] HEADERS = {"Login", "Email", "First name", "Last name", "Job title", "Status"};

    private final Bench bench;

    LargeImport(Bench bench) {
        this.bench = bench;
    }

    void run(String format) throws IOException {
        int rows = bench.sizes.importRows();
        String section = "import " + format;
        Bench.Account account = bench.createAccount("bench-" + format);
        byte[] file = format.equals("csv") ? csv(rows) : xlsx(rows);
        Benchmark.log("Import: %,d new users as %s (%,d KB)".formatted(rows, format, file.length / 1024));
        Bench.ImportRun run = bench.runImport(account.ownerToken(), "staff." + format, file, Duration.ofMinutes(30));
        JsonNode progress = run.job().path("progress");
        if (progress.path("applied").asInt() != rows || progress.path("refused").asInt() != 0) {
            bench.report.problem("Import " + format + ": " + progress + " for " + rows + " rows");
        }
        bench.report.figure(section, "%,d new users: preview ready".formatted(rows), Bench.seconds(run.previewMillis()),
                "≤ 10 s", Report.Verdict.atMost(run.previewMillis(), 10_000));
        bench.report.figure(section, "%,d new users: applied after confirm".formatted(rows), Bench.seconds(run.appliedMillis()),
                "≤ 30 s", Report.Verdict.atMost(run.appliedMillis(), 30_000));
        bench.report.figure(section, "import-service heap in use, peak", Bench.megabytes(run.importHeapPeak()), "≤ 256 MB",
                Report.Verdict.atMost(run.importHeapPeak(), 256.0 * 1024 * 1024));
        bench.report.figure(section, "user-service heap in use, peak", Bench.megabytes(run.userHeapPeak()));
        bench.report.figure(section, "CPU time spent while the rows were applied", run.applyingCpu());
        if (format.equals("csv")) {
            usersList(account.ownerToken(), rows);
        }
    }

    /**
     * The users list of the account the rows went into, through the gateway as the console asks for it, right after
     * the import (before PostgreSQL's autovacuum has analyzed the 100,000 new rows): the first page in the default
     * order, a search by name and by login, and a page deep into the list; each the median of 10.
     */
    private void usersList(String token, int rows) {
        String section = "users list, %,d users, right after their import".formatted(rows);
        String middle = "staff%06d".formatted(rows / 2);
        for (String[] asked : new String[][] {
                {"first page (25, by last name)", "/users?size=25&sort=lastName"},
                {"search by name \"Member 4711\"", "/users?size=25&q=Member%204711"},
                {"search by login \"" + middle + "\"", "/users?size=25&q=" + middle},
                {"page 2,000 of 4,000", "/users?size=25&sort=lastName&page=1999"}}) {
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                bench.gateway.get(asked[1], token).expect(200);
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
            Collections.sort(millis);
            double median = Bench.percentile(millis, 50);
            bench.report.figure(section, asked[0] + ": answered, median of 10", Bench.millis(median), "≤ 200 ms",
                    Report.Verdict.atMost(median, 200));
        }
    }

    private static String[] row(int i) {
        String login = "staff%06d".formatted(i);
        return new String[] {login, login + "@staff.bench.roster.dev", "Staff", "Member " + i, "Engineer", "Active"};
    }

    static byte[] csv(int rows) {
        StringBuilder csv = new StringBuilder(rows * 80).append(String.join(",", HEADERS)).append('\n');
        for (int i = 0; i < rows; i++) {
            csv.append(String.join(",", row(i))).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] xlsx(int rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "Roster bench", "1.0");
        Worksheet sheet = workbook.newWorksheet("Users");
        for (int c = 0; c < HEADERS.length; c++) {
            sheet.value(0, c, HEADERS[c]);
        }
        for (int i = 0; i < rows; i++) {
            String[] values = row(i);
            for (int c = 0; c < values.length; c++) {
                sheet.value(i + 1, c, values[c]);
            }
            if (i % 10_000 == 0) {
                sheet.flush();
            }
        }
        workbook.finish();
        return out.toByteArray();
    }
}
