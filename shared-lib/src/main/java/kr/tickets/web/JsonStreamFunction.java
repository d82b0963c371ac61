package kr.tickets.web;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The handler of a function no API route calls (the saga's steps, a queue's consumer): JSON in,
 * JSON out, with a Micronaut context built once per container from the environment, as
 * {@link ApiFunction} builds it, and every log line carrying the Lambda context. An exception
 * leaves the handler as it is, so Step Functions and the SQS event source see its class.
 */
public abstract class JsonStreamFunction implements RequestStreamHandler {
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final ApplicationContext context;

    protected JsonStreamFunction(Map<String, String> environment) {
        this.context = ApiFunction.contextFor(environment).start();
    }

    protected <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The answer to one event; it is written back as JSON. */
    protected abstract Object handle(JsonNode event);

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        JsonNode event = JSON.readTree(input);
        Object answer = PowertoolsLogging.withLogging(lambda, () -> handle(event));
        JSON.writeValue(output, answer);
    }
}
