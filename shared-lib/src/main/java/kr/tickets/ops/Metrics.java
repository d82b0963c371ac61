package kr.tickets.ops;

/**
 * Publishes business metrics. Domain classes take this interface so unit tests can count what
 * they report without CloudWatch; the functions publish through Powertools as embedded metric
 * format (EMF) log lines.
 */
public interface Metrics {
    /** Adds {@code value} to {@code metric}. */
    void add(Metric metric, double value);

    /** Adds {@code value} to {@code metric} under one extra low-cardinality dimension. */
    void add(Metric metric, String dimension, String dimensionValue, double value);

    default void count(Metric metric) {
        add(metric, 1);
    }
}
