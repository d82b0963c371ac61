package kr.tickets.web;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
import java.util.function.Supplier;
import kr.tickets.ops.LogKeys;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Powertools logging around one invocation: the Lambda context, the correlation id (API
 * Gateway's request id), the service name and the ids the event names, as keys of every JSON
 * line until the invocation ends (Powertools clears them then).
 *
 * <p>Powertools reads {@code POWERTOOLS_SERVICE_NAME} and {@code POWERTOOLS_LOG_LEVEL} from the
 * process environment, which in Lambda is the function's. The local runner hosts every function
 * in one JVM and gives each its environment as a map instead; {@link #of(Map)} applies that map,
 * so a line says {@code "service":"ticketing"} locally as in AWS, never {@code service_undefined}.
 */
final class InvocationLogging {
    /** Powertools' own key for the service (PowertoolsLoggedFields.SERVICE). */
    private static final String SERVICE = "service";
    /** The event fields that name a hold or a booking, and the log key each becomes. */
    private static final Map<String, String> ID_FIELDS = Map.of("holdId", LogKeys.HOLD_ID,
            "bookingId", LogKeys.BOOKING_ID);

    /** The service name to log, or null to keep what Powertools read from the process environment. */
    private final String service;

    private InvocationLogging(String service) {
        this.service = service;
    }

    /** What Powertools reads from the process environment, as Lambda sets it. */
    static InvocationLogging fromProcess() {
        return new InvocationLogging(null);
    }

    /** The settings of {@code environment} (the local runner's map of the function's variables). */
    static InvocationLogging of(Map<String, String> environment) {
        String level = environment.get("POWERTOOLS_LOG_LEVEL");
        if (level != null && !level.isBlank()) {
            // Only this function's logging context: each function has its own class loader and log4j.
            Configurator.setLevel("kr.tickets", Level.toLevel(level, Level.INFO));
        }
        String service = environment.get("POWERTOOLS_SERVICE_NAME");
        return new InvocationLogging(service == null || service.isBlank() ? null : service);
    }

    /**
     * Runs {@code work} with the invocation's logging context.
     *
     * @param correlationId the event's correlation id (API Gateway's request id), or null
     * @param ids           the event's ids by field name ({@code holdId}, {@code bookingId}); others ignored
     */
    <T> T around(Context context, String correlationId, Map<String, String> ids, Supplier<T> work) {
        return PowertoolsLogging.withLogging(context, () -> {
            if (service != null) {
                MDC.put(SERVICE, service);
            }
            if (correlationId != null && !correlationId.isBlank()) {
                MDC.put(LogKeys.CORRELATION_ID, correlationId);
            }
            ids.forEach((field, value) -> {
                String key = ID_FIELDS.get(field);
                if (key != null && value != null && !value.isBlank()) {
                    MDC.put(key, value);
                }
            });
            return work.get();
        });
    }
}
