package kr.tickets.booking;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** How holds and prices look in the API (DESIGN "Booking and payment"). */
public final class HoldViews {
    private HoldViews() {
    }

    public static Map<String, Object> amount(PriceBreakdown price) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seatPrice", price.seatPrice());
        out.put("fee", price.fee());
        out.put("discount", price.discount());
        out.put("total", price.total());
        out.put("currency", "KRW");
        return out;
    }

    /** A PENDING hold whose time ran out is EXPIRED to its owner at once, before the saga records it. */
    public static HoldStatus statusAt(Hold hold, Instant now) {
        return hold.status() == HoldStatus.PENDING && !hold.liveAt(now) ? HoldStatus.EXPIRED : hold.status();
    }

    public static Map<String, Object> hold(Hold hold, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        HoldStatus status = statusAt(hold, now);
        out.put("holdId", hold.holdId());
        out.put("scheduleId", hold.scheduleId());
        out.put("performanceId", hold.performanceId());
        out.put("seatId", hold.seatId());
        out.put("seatLabel", hold.seatLabel());
        out.put("gradeName", hold.gradeName());
        out.put("status", status.name());
        out.put("expiresAt", hold.holdUntil().toString());
        out.put("orderId", hold.orderId());
        out.put("orderName", hold.orderName());
        out.put("amount", amount(hold.price()));
        if (hold.method() != null) {
            out.put("method", hold.method());
        }
        if (status == HoldStatus.CONFIRMED) {
            out.put("bookingId", hold.holdId());
        }
        if (hold.failureCode() != null) {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("code", hold.failureCode());
            failure.put("message", hold.failureMessage());
            out.put("lastPaymentFailure", failure);
        }
        return out;
    }
}
