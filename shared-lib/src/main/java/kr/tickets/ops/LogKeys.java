package kr.tickets.ops;

/**
 * The keys every log line of an invocation carries once known (Powertools prints the logging
 * context as top-level JSON fields): set with {@code MDC.put}, cleared by Powertools when the
 * invocation ends. One name per id, so a search by {@code hold_id} finds a purchase across the
 * API, the saga's steps and reconciliation.
 */
public final class LogKeys {
    public static final String USER_ID = "user_id";
    public static final String HOLD_ID = "hold_id";
    public static final String BOOKING_ID = "booking_id";
    /**
     * Powertools' own key for the correlation id (PowertoolsLoggedFields.CORRELATION_ID), set from
     * API Gateway's request id directly rather than through Powertools' JMESPath lookup, which
     * would load a JMESPath engine (~280 classes) into every cold start.
     */
    public static final String CORRELATION_ID = "correlation_id";

    private LogKeys() {
    }
}
