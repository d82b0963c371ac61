package kr.tickets.ops;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Publishes each data point at once as one EMF log line through Powertools, so a metric is never
 * lost with an invocation that ends in an exception before a flush.
 *
 * <p>Namespace and service come from the function's configuration (the template's Globals
 * {@code POWERTOOLS_METRICS_NAMESPACE}, {@code POWERTOOLS_SERVICE_NAME}), not from the process
 * environment Powertools would read: the local runner hosts every function in one JVM and hands
 * each its environment as a map. The lines always go to standard output, as in Lambda, where
 * CloudWatch Logs turns them into metrics: outside Lambda the EMF library would otherwise probe
 * the EC2 metadata endpoint, warn about an unknown service name and send to an agent socket on a
 * non-daemon thread that nobody listens to.
 */
@Singleton
public class PowertoolsMetrics implements Metrics {
    /** The dimension Powertools adds to every metric, named as the alarms name it. */
    static final String SERVICE_DIMENSION = "Service";

    private final software.amazon.lambda.powertools.metrics.Metrics powertools;

    @Inject
    public PowertoolsMetrics(@Value("${powertools.metrics.namespace:}") String namespace,
                             @Value("${powertools.service.name:}") String service) {
        powertools = new EmfMetricsLogger(new StandardOutput(), new MetricsContext());
        powertools.setNamespace(namespace.isBlank() ? System.getenv("POWERTOOLS_METRICS_NAMESPACE") : namespace);
        String serviceName = service.isBlank() ? System.getenv("POWERTOOLS_SERVICE_NAME") : service;
        if (serviceName != null && !serviceName.isBlank()) {
            powertools.setDefaultDimensions(DimensionSet.of(SERVICE_DIMENSION, serviceName));
        }
    }

    @Override
    public void add(Metric metric, double value) {
        powertools.flushMetrics(m -> m.addMetric(metric.metricName(), value, unit(metric)));
    }

    @Override
    public void add(Metric metric, String dimension, String dimensionValue, double value) {
        // One dimension set [Service, <dimension>]: added on its own, EMF would publish the
        // metric twice, under [Service] and under [<dimension>], and neither matches an alarm.
        DimensionSet dimensions = DimensionSet.of(powertools.getDefaultDimensions().getDimensions());
        dimensions.addDimension(dimension, dimensionValue);
        powertools.flushMetrics(m -> {
            m.setDefaultDimensions(dimensions);
            m.addMetric(metric.metricName(), value, unit(metric));
        });
    }

    private static MetricUnit unit(Metric metric) {
        return switch (metric.unit()) {
            case COUNT -> MetricUnit.COUNT;
            case MILLISECONDS -> MetricUnit.MILLISECONDS;
        };
    }

    /** Lambda's environment everywhere: its sink prints each EMF document on standard output. */
    private static final class StandardOutput extends EnvironmentProvider {
        private final CompletableFuture<Environment> lambda = CompletableFuture.completedFuture(new LambdaEnvironment());

        @Override
        public CompletableFuture<Environment> resolveEnvironment() {
            return lambda;
        }
    }
}
