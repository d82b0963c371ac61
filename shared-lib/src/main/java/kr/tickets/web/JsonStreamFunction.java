package kr.tickets.web;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The handler of a function no API route calls (the saga's steps, a queue's consumer): JSON in,
 * JSON out, with a Micronaut context built once per container from the environment, as
 * {@link ApiFunction} builds it, and every log line carrying the Lambda context and the hold or booking
 * id the event names. An exception
 * leaves the handler as it is, so Step Functions and the SQS event source see its class.
 */
public abstract class JsonStreamFunction implements RequestStreamHandler {
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final ApplicationContext context;
    private final InvocationLogging logging;

    /**
     * @param environment the function's variables: {@code System.getenv()} in Lambda, the
     *                    template's map in the local runner
     */
    protected JsonStreamFunction(Map<String, String> environment) {
        this.context = ApiFunction.contextFor(environment).start();
        this.logging = InvocationLogging.of(environment);
    }

    protected <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The answer to one event; it is written back as JSON. */
    protected abstract Object handle(JsonNode event);

    /** The hold and booking ids a step's event names (a queue's batch names them per record). */
    private static Map<String, String> ids(JsonNode event) {
        Map<String, String> ids = new HashMap<>();
        for (String field : List.of("holdId", "bookingId")) {
            if (event.path(field).isTextual()) {
                ids.put(field, event.path(field).asText());
            }
        }
        return ids;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        JsonNode event = JSON.readTree(input);
        Object answer = logging.around(lambda, null, ids(event), () -> handle(event));
        JSON.writeValue(output, answer);
    }
}
