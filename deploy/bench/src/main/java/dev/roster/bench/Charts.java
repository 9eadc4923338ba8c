package dev.roster.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts as PNG files (JFreeChart, headless). */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 450;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * Latency distributions as HdrHistogram plots them: the x axis in "nines" (1 = p90, 2 = p99, 3 = p99.9), the latency
     * on a log scale. Each series is a list of {percentile, milliseconds}.
     */
    static void latencyDistribution(Path file, String title, Map<String, List<double[]>> series) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, points) -> {
            XYSeries line = new XYSeries(name);
            for (double[] point : points) {
                // the maximum has no place on a scale of nines
                if (point[0] < 100) {
                    line.add(-Math.log10(1 - point[0] / 100), Math.max(point[1], 0.01));
                }
            }
            data.addSeries(line);
        });
        NumberAxis nines = new NumberAxis("percentile: 0 = p0, 1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99");
        LogarithmicAxis millis = new LogarithmicAxis("latency (ms, log scale)");
        millis.setAllowNegativesFlag(false);
        millis.setStrictValuesFlag(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        XYPlot plot = new XYPlot(data, nines, millis, renderer);
        save(file, title, plot);
    }

    /** Counts over time (for example effects of a burst reaching their totals), as steps. */
    static void overTime(Path file, String title, String yLabel, Map<String, List<double[]>> series) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach((name, points) -> {
            XYSeries line = new XYSeries(name);
            points.forEach(point -> line.add(point[0], point[1]));
            data.addSeries(line);
        });
        XYStepRenderer renderer = new XYStepRenderer();
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, new NumberAxis("seconds since the request was sent"), new NumberAxis(yLabel), renderer);
        save(file, title, plot);
    }

    private static void save(Path file, String title, XYPlot plot) throws IOException {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
