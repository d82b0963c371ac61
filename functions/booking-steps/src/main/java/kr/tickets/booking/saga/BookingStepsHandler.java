package kr.tickets.booking.saga;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import kr.tickets.booking.BookingSaga;
import kr.tickets.booking.HoldStatus;
import kr.tickets.web.ApiFunction;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The booking saga's Lambda task: {@code {"step": "confirmPayment", "holdId": "…"}} in, the
 * step's answer out (statemachines/booking.asl.json names the steps). An exception is the
 * state machine's to retry or catch, by its class name.
 */
public class BookingStepsHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BookingSaga saga;

    public BookingStepsHandler() {
        this(System.getenv());
    }

    public BookingStepsHandler(Map<String, String> environment) {
        ApplicationContext context = ApiFunction.contextFor(environment).start();
        this.saga = context.getBean(BookingSaga.class);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        Map<String, Object> answer = PowertoolsLogging.withLogging(context, () -> run(event));
        JSON.writeValue(output, answer);
    }

    private Map<String, Object> run(JsonNode event) {
        String holdId = event.path("holdId").asText();
        String step = event.path("step").asText();
        return switch (step) {
            case "awaitPayment" -> saga.awaitPayment(holdId, event.path("taskToken").asText());
            case "confirmPayment" -> saga.confirmPayment(holdId);
            case "confirmBooking" -> saga.confirmBooking(holdId);
            case "cancelPayment" -> saga.cancelPayment(holdId, event.path("reason").asText("예매 확정 실패"));
            case "release" -> saga.release(holdId, HoldStatus.valueOf(event.path("outcome").asText()),
                    event.path("code").asText(""), event.path("message").asText(""));
            default -> throw new IllegalArgumentException("unknown step " + step);
        };
    }

}
