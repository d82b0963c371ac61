package kr.tickets.ops;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Publishes each data point at once as one EMF log line through Powertools, so a metric is never
 * lost with an invocation that ends in an exception before a flush.
 *
 * <p>Powertools reads its namespace and service from the process environment; the local runner
 * hosts every function in one JVM and hands each its template environment as properties, so the
 * namespace and service are also taken from there (in Lambda both say the same).
 */
@Singleton
public class PowertoolsMetrics implements Metrics {
    private final software.amazon.lambda.powertools.metrics.Metrics powertools =
            MetricsFactory.getMetricsInstance();

    public PowertoolsMetrics(@Nullable @Value("${powertools.metrics.namespace:}") String namespace,
                             @Nullable @Value("${powertools.service.name:}") String service) {
        if (namespace != null && !namespace.isBlank()) {
            powertools.setNamespace(namespace);
        }
        if (service != null && !service.isBlank()) {
            powertools.setDefaultDimensions(DimensionSet.of("Service", service));
        }
    }

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
