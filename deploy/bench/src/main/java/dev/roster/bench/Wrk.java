package dev.roster.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop HTTP load with <a href="https://github.com/wg/wrk">wrk</a> (Debian package {@code wrk}): a fixed
 * number of connections, each sending its next request when the previous one is answered. A Lua script adds the
 * bearer token and prints the latency distribution, which wrk records with HdrHistogram.
 */
final class Wrk {

    /** The percentiles printed for the distribution chart and the table. */
    static final double[] PERCENTILES = {1, 5, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97.5, 99, 99.5, 99.9, 99.99, 100};

    private static final String SCRIPT = """
            wrk.headers["Authorization"] = "Bearer %s"
            done = function(summary, latency, requests)
              io.write(string.format("ROSTER requests %%d\\n", summary.requests))
              io.write(string.format("ROSTER errors %%d\\n", summary.errors.connect + summary.errors.read
                + summary.errors.write + summary.errors.timeout))
              io.write(string.format("ROSTER non2xx %%d\\n", summary.errors.status))
              io.write(string.format("ROSTER duration %%d\\n", summary.duration))
              for _, p in pairs({%s}) do
                io.write(string.format("ROSTER p %%g %%d\\n", p, latency:percentile(p)))
              end
            end
            """;

    /** What one run measured: throughput, answers that were not 2xx (or failed), and latency percentiles in µs. */
    record Result(String target, int connections, long requests, long failed, double seconds, List<double[]> percentiles) {

        double throughput() {
            return requests / seconds;
        }

        double percentileMillis(double percentile) {
            return percentiles.stream().filter(point -> point[0] == percentile).findFirst()
                    .map(point -> point[1] / 1000.0).orElse(Double.NaN);
        }
    }

    static boolean installed() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() <= 1;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Result run(String target, String url, String token, int connections, Duration duration)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("roster-wrk", ".lua");
        try {
            StringBuilder percentiles = new StringBuilder();
            for (double percentile : PERCENTILES) {
                percentiles.append(percentiles.isEmpty() ? "" : ",").append(percentile);
            }
            Files.writeString(script, SCRIPT.formatted(token, percentiles));
            int threads = Math.min(2, connections);
            Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
                    "--timeout", "10s", "-s", script.toString(), url)
                    .redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new IOException("wrk failed: " + output);
            }
            return parse(target, connections, output);
        }
        finally {
            Files.deleteIfExists(script);
        }
    }

    private static Result parse(String target, int connections, String output) throws IOException {
        long requests = number(output, "requests");
        long failed = number(output, "errors") + number(output, "non2xx");
        double seconds = number(output, "duration") / 1_000_000.0;
        List<double[]> percentiles = new ArrayList<>();
        Matcher matcher = Pattern.compile("ROSTER p (\\S+) (\\d+)").matcher(output);
        while (matcher.find()) {
            percentiles.add(new double[] {Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2))});
        }
        return new Result(target, connections, requests, failed, seconds, percentiles);
    }

    private static long number(String output, String name) throws IOException {
        Matcher matcher = Pattern.compile("ROSTER " + name + " (\\d+)").matcher(output);
        if (!matcher.find()) {
            throw new IOException("wrk printed no " + name + ": " + output);
        }
        return Long.parseLong(matcher.group(1));
    }
}
