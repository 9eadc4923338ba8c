package dev.roster.bench;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * From an event's commit to its effect in each consumer, per topic (the services' own
 * {@code roster.events.propagation.lag} histograms), and from commit to publication (the outbox relay's
 * {@code roster.outbox.lag}), over the whole run: the burst and the imports included.
 */
final class Propagation {

    private static final List<String> SERVICES = List.of("gateway", "user-service", "training-service",
            "notification-service", "import-service");

    private final Bench bench;

    Propagation(Bench bench) {
        this.bench = bench;
    }

    void run() throws IOException, InterruptedException {
        StringBuilder table = new StringBuilder("""
                ## Commit → effect, per topic and consumer (over the whole run)

                From the histograms the services publish (bucket bounds, as `histogram_quantile` reads them). They include
                the burst and the imports, where thousands of events queue at once.

                | service | what | events | p50 | p99 |
                |---|---|---|---|---|
                """);
        for (String service : SERVICES) {
            List<Metrics.Sample> samples = bench.metrics.scrape(bench.stack.managementPort(service));
            row(table, service, samples, "roster_events_propagation_lag", "topic", "consumed from ");
            row(table, service, samples, "roster_access_revocation_lag", "application", "access state applied");
            row(table, service, samples, "roster_outbox_lag", "application", "published from its outbox");
        }
        bench.report.section(table.toString());
    }

    private void row(StringBuilder table, String service, List<Metrics.Sample> samples, String timer, String label,
            String what) {
        Map<String, Metrics.Quantile> p50 = bench.metrics.quantiles(samples, timer, label, 0.5);
        Map<String, Metrics.Quantile> p99 = bench.metrics.quantiles(samples, timer, label, 0.99);
        p99.forEach((key, quantile) -> table.append("| %s | %s | %,d | %s | %s |\n".formatted(service,
                what.endsWith(" ") ? what + "`" + key + "`" : what, quantile.count(),
                bound(p50.get(key).millis()), bound(quantile.millis()))));
    }

    /** The last bucket of a Micrometer percentile histogram ends at 30 s; beyond it the bound is infinite. */
    private static String bound(double millis) {
        return Double.isInfinite(millis) ? "> 30 s" : Bench.millis(millis);
    }
}
