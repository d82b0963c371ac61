package kr.tickets.ops;

import java.util.ArrayList;
import java.util.List;

/** Unit-test fake: remembers every metric it is given. */
public class RecordingMetrics implements Metrics {
    /** One recorded data point; {@code dimension} is null for plain metrics. */
    public record Point(Metric metric, String dimension, String dimensionValue, double value) { }

    private final List<Point> points = new ArrayList<>();

    @Override
    public synchronized void add(Metric metric, double value) {
        points.add(new Point(metric, null, null, value));
    }

    @Override
    public synchronized void add(Metric metric, String dimension, String dimensionValue, double value) {
        points.add(new Point(metric, dimension, dimensionValue, value));
    }

    /** The sum of every value given to {@code metric}, whatever its dimension. */
    public synchronized double total(Metric metric) {
        return points.stream().filter(p -> p.metric() == metric).mapToDouble(Point::value).sum();
    }

    /** The metrics recorded, in order, one entry per data point. */
    public synchronized List<Metric> metrics() {
        return points.stream().map(Point::metric).toList();
    }

    public synchronized List<Point> points() {
        return List.copyOf(points);
    }
}
