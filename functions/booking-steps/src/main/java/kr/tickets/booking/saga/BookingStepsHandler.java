package kr.tickets.booking.saga;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import kr.tickets.booking.BookingRefunds;
import kr.tickets.booking.BookingSaga;
import kr.tickets.booking.HoldStatus;
import kr.tickets.web.JsonStreamFunction;

/**
 * The Lambda task of the booking saga and of the refund flow: {@code {"step": "confirmPayment",
 * "holdId": "…"}} or {@code {"step": "refundPayment", "bookingId": "…"}} in, the step's answer out
 * (statemachines/booking.asl.json and refund.asl.json name the steps). An exception is the state
 * machine's to retry or catch, by its class name.
 */
public class BookingStepsHandler extends JsonStreamFunction {
    private final BookingSaga saga;
    private final BookingRefunds refunds;

    public BookingStepsHandler() {
        this(System.getenv());
    }

    public BookingStepsHandler(Map<String, String> environment) {
        super(environment);
        this.saga = bean(BookingSaga.class);
        this.refunds = bean(BookingRefunds.class);
    }

    @Override
    protected Map<String, Object> handle(JsonNode event) {
        String holdId = event.path("holdId").asText();
        String bookingId = event.path("bookingId").asText();
        String step = event.path("step").asText();
        int attempt = event.path("attempt").asInt(0);
        return switch (step) {
            case "expire" -> saga.expire(holdId);
            case "confirmPayment" -> saga.confirmPayment(holdId, attempt);
            case "confirmBooking" -> saga.confirmBooking(holdId);
            case "cancelPayment" -> saga.cancelPayment(holdId, event.path("reason").asText("예매 확정 실패"), attempt);
            case "release" -> saga.release(holdId, HoldStatus.valueOf(event.path("outcome").asText()),
                    event.path("code").asText(""), event.path("message").asText(""));
            case "refundPayment" -> refunds.refundPayment(bookingId);
            case "scheduleRefundRetry" -> refunds.scheduleRetry(bookingId);
            case "refundFailed" -> refunds.giveUp(bookingId);
            case "completeRefund" -> refunds.completeRefund(bookingId);
            default -> throw new IllegalArgumentException("unknown step " + step);
        };
    }
}
