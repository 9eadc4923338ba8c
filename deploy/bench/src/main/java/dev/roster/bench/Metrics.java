package dev.roster.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the services say about themselves: their Prometheus metrics, and what their processes cost the CPU. */
final class Metrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One sample of the exposition format: its metric name, labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    List<Sample> scrape(int managementPort) throws IOException, InterruptedException {
        String text = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (sample.find()) {
                Map<String, String> labels = new LinkedHashMap<>();
                if (sample.group(3) != null) {
                    Matcher label = LABEL.matcher(sample.group(3));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Sample(sample.group(1), labels, parse(sample.group(4))));
            }
        }
        return samples;
    }

    /** The heap in use, in bytes (every heap pool added up). */
    double heapUsed(int managementPort) throws IOException, InterruptedException {
        return scrape(managementPort).stream()
                .filter(sample -> sample.name().equals("jvm_memory_used_bytes") && "heap".equals(sample.labels().get("area")))
                .mapToDouble(Sample::value).sum();
    }

    /**
     * A quantile of a Micrometer timer published as a percentile histogram, per value of one label (for example per
     * topic), in milliseconds: the upper bound of the first bucket holding that share of the observations, which is how
     * Prometheus' {@code histogram_quantile} answers too, without its interpolation.
     */
    Map<String, Quantile> quantiles(List<Sample> samples, String timer, String byLabel, double quantile) {
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        for (Sample sample : samples) {
            if (sample.name().equals(timer + "_seconds_bucket")) {
                String key = sample.labels().getOrDefault(byLabel, "");
                double bound = parse(sample.labels().get("le"));
                buckets.computeIfAbsent(key, ignored -> new TreeMap<>()).merge(bound, sample.value(), Double::sum);
            }
        }
        Map<String, Quantile> result = new TreeMap<>();
        buckets.forEach((key, counts) -> {
            double total = counts.lastEntry().getValue();
            if (total == 0) {
                return;
            }
            for (Map.Entry<Double, Double> bucket : counts.entrySet()) {
                if (bucket.getValue() >= quantile * total) {
                    result.put(key, new Quantile((long) total, bucket.getKey() * 1000));
                    break;
                }
            }
        });
        return result;
    }

    /** How many observations, and the quantile's bucket bound in milliseconds. */
    record Quantile(long count, double millis) {
    }

    /** CPU time (user and system) a process has used so far, in seconds, from {@code /proc/<pid>/stat}. */
    static double cpuSeconds(ProcessHandle process) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        // the command name in parentheses may hold spaces: count fields after its closing parenthesis
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / (double) CLOCK_TICKS_PER_SECOND;
    }

    /**
     * CPU time used so far, in seconds, by each service, by PostgreSQL (every {@code postgres} process, and what its
     * server process collected from the backends that have exited) and by this process (the Kafka broker, the load).
     */
    static Map<String, Double> cpuSecondsByPart(Map<String, ProcessHandle> services) throws IOException {
        Map<String, Double> parts = new LinkedHashMap<>();
        for (Map.Entry<String, ProcessHandle> service : services.entrySet()) {
            parts.put(service.getKey(), cpuSeconds(service.getValue()));
        }
        double postgres = 0;
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
                if (!stat.contains("(postgres)")) {
                    continue;
                }
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                boolean server = process.parent().map(parent -> parent.info().command().map(command -> !command.endsWith("postgres"))
                        .orElse(true)).orElse(true);
                if (server) {
                    ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                }
                postgres += ticks / (double) CLOCK_TICKS_PER_SECOND;
            }
            catch (IOException | RuntimeException gone) {
                // a backend that exited between the listing and the read: its time is in the server's collected time
            }
        }
        parts.put("PostgreSQL", postgres);
        parts.put("broker and bench", cpuSeconds(ProcessHandle.current()));
        return parts;
    }

    /** What each part used between two {@link #cpuSecondsByPart} readings. */
    static Map<String, Double> cpuSecondsBetween(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((part, seconds) -> used.put(part, seconds - before.getOrDefault(part, 0.0)));
        return used;
    }

    private static double parse(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }
}
