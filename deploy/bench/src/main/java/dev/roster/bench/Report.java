package dev.roster.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The figures of one run, each against its target, and the charts; written as {@code benchmarks.md}. */
final class Report {

    /** Whether a figure meets its target. */
    enum Verdict {
        MET("met"), MISSED("**missed**"), INFO("—");

        final String text;

        Verdict(String text) {
            this.text = text;
        }

        static Verdict atMost(double measured, double target) {
            return measured <= target ? MET : MISSED;
        }

        static Verdict atLeast(double measured, double target) {
            return measured >= target ? MET : MISSED;
        }
    }

    record Figure(String section, String what, String measured, String target, Verdict verdict) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    void figure(String section, String what, String measured, String target, Verdict verdict) {
        figures.add(new Figure(section, what, measured, target, verdict));
        Benchmark.log(section + " · " + what + ": " + measured + (target.isEmpty() ? "" : " (target " + target + ", "
                + verdict.text.replace("*", "") + ")"));
    }

    /** A figure without a target. */
    void figure(String section, String what, String measured) {
        figure(section, what, measured, "", Verdict.INFO);
    }

    /** A section of markdown (a table, a chart, a note) after the summary table. */
    void section(String markdown) {
        sections.add(markdown);
    }

    /** Something the run found wrong: an effect that did not arrive, a count that is off. */
    void problem(String text) {
        problems.add(text);
        Benchmark.log("PROBLEM: " + text);
    }

    List<Figure> figures() {
        return figures;
    }

    List<String> problems() {
        return problems;
    }

    void write(Path file, String header) throws IOException {
        StringBuilder markdown = new StringBuilder(header);
        markdown.append("\n## Every figure against its target\n\n| | what | measured | target | |\n|---|---|---|---|---|\n");
        for (Figure figure : figures) {
            markdown.append("| ").append(figure.section()).append(" | ").append(figure.what()).append(" | ")
                    .append(figure.measured()).append(" | ").append(figure.target().isEmpty() ? "" : figure.target())
                    .append(" | ").append(figure.verdict().text).append(" |\n");
        }
        if (!problems.isEmpty()) {
            markdown.append("\n## Problems found in this run\n\n");
            problems.forEach(problem -> markdown.append("- ").append(problem).append('\n'));
        }
        sections.forEach(section -> markdown.append('\n').append(section).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, markdown);
    }
}
