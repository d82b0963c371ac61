package kr.tickets.booking.saga;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** Placeholder of the booking saga's task handler (issue #4): echoes its input. */
public class BookingStepsHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    public BookingStepsHandler() {
        this(System.getenv());
    }

    public BookingStepsHandler(Map<String, String> environment) {
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(input);
        if ("fail".equals(event.path("step").asText())) {
            throw new IllegalStateException("asked to fail");
        }
        JSON.writeValue(output, event);
    }
}
