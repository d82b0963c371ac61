package kr.tickets.ops;

import jakarta.inject.Singleton;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Publishes each data point at once as one EMF log line through Powertools, so a metric is never
 * lost with an invocation that ends in an exception before a flush.
 */
@Singleton
public class PowertoolsMetrics implements Metrics {
    private final software.amazon.lambda.powertools.metrics.Metrics powertools =
            MetricsFactory.getMetricsInstance();

    @Override
    public void add(Metric metric, double value) {
        powertools.flushMetrics(m -> m.addMetric(metric.metricName(), value, unit(metric)));
    }

    @Override
    public void add(Metric metric, String dimension, String dimensionValue, double value) {
        powertools.flushMetrics(m -> {
            m.addDimension(DimensionSet.of(dimension, dimensionValue));
            m.addMetric(metric.metricName(), value, unit(metric));
        });
    }

    private static MetricUnit unit(Metric metric) {
        return switch (metric.unit()) {
            case COUNT -> MetricUnit.COUNT;
            case MILLISECONDS -> MetricUnit.MILLISECONDS;
        };
    }
}
