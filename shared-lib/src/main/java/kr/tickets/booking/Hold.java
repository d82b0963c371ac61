package kr.tickets.booking;

import java.time.Instant;

/**
 * One user's claim on one seat of one schedule, and the payment of it. A hold's id is also the
 * id of the booking it becomes, so a 202 "PROCESSING" answer and the booking page share one id.
 * {@code holdUntil} is when the seat is free again unless paid (the hold timer's end); {@code approval}
 * is how Toss approved the payment (null before).
 */
public record Hold(String holdId, String userId, String customerName, String customerEmail, String scheduleId,
                   String performanceId, String seatId, String seatLabel, String gradeId, String gradeName,
                   HoldStatus status, Instant createdAt, Instant holdUntil, String orderId, String orderName,
                   PriceBreakdown price, String method, String discountCode, String paymentKey,
                   String failureCode, String failureMessage, Booking.PaymentInfo approval, long version) {

    public boolean liveAt(Instant now) {
        return now.isBefore(holdUntil);
    }
}
