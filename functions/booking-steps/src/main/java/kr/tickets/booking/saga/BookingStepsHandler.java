package kr.tickets.booking.saga;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import kr.tickets.booking.BookingSaga;
import kr.tickets.booking.HoldStatus;
import kr.tickets.web.JsonStreamFunction;

/**
 * The booking saga's Lambda task: {@code {"step": "confirmPayment", "holdId": "…"}} in, the
 * step's answer out (statemachines/booking.asl.json names the steps). An exception is the
 * state machine's to retry or catch, by its class name.
 */
public class BookingStepsHandler extends JsonStreamFunction {
    private final BookingSaga saga;

    public BookingStepsHandler() {
        this(System.getenv());
    }

    public BookingStepsHandler(Map<String, String> environment) {
        super(environment);
        this.saga = bean(BookingSaga.class);
    }

    @Override
    protected Map<String, Object> handle(JsonNode event) {
        String holdId = event.path("holdId").asText();
        String step = event.path("step").asText();
        int attempt = event.path("attempt").asInt(0);
        return switch (step) {
            case "awaitPayment" -> saga.awaitPayment(holdId, event.path("taskToken").asText());
            case "expire" -> saga.expire(holdId);
            case "confirmPayment" -> saga.confirmPayment(holdId, attempt);
            case "confirmBooking" -> saga.confirmBooking(holdId);
            case "cancelPayment" -> saga.cancelPayment(holdId, event.path("reason").asText("예매 확정 실패"), attempt);
            case "release" -> saga.release(holdId, HoldStatus.valueOf(event.path("outcome").asText()),
                    event.path("code").asText(""), event.path("message").asText(""));
            default -> throw new IllegalArgumentException("unknown step " + step);
        };
    }
}
