package kr.tickets.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A confirmed (later possibly cancelled) booking: one seat of one schedule, paid through Toss. It
 * copies what the receipt and the booking pages show, so they never depend on catalog changes
 * made after the purchase. {@code cancellation} is null until a cancel is accepted;
 * {@code history} lists every status the booking went through, oldest first.
 */
public record Booking(String bookingId, String bookingNumber, String userId, String customerName,
                      String customerEmail, String holdId, String scheduleId, String performanceId,
                      String performanceTitle, String thumbnailUrl, String venueName, Instant scheduleStartAt,
                      String seatId, String seatLabel, String gradeName, PriceBreakdown price,
                      PaymentInfo payment, Status status, Instant bookedAt, Cancellation cancellation,
                      List<StatusChange> history) {

    public Booking {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A booking just confirmed: no cancellation, its history the confirmation. */
    public Booking(String bookingId, String bookingNumber, String userId, String customerName,
                   String customerEmail, String holdId, String scheduleId, String performanceId,
                   String performanceTitle, String thumbnailUrl, String venueName, Instant scheduleStartAt,
                   String seatId, String seatLabel, String gradeName, PriceBreakdown price,
                   PaymentInfo payment, Status status, Instant bookedAt) {
        this(bookingId, bookingNumber, userId, customerName, customerEmail, holdId, scheduleId, performanceId,
                performanceTitle, thumbnailUrl, venueName, scheduleStartAt, seatId, seatLabel, gradeName, price,
                payment, status, bookedAt, null, List.of(new StatusChange(status, bookedAt, null)));
    }

    /**
     * CONFIRMED: paid and the seat BOOKED. REFUND_PENDING: a cancel was accepted and Toss has not
     * confirmed the refund yet; the seat is PENDING (대기중) and nobody can take it. CANCELLED: Toss
     * refunded the whole payment and the seat is on sale again.
     */
    public enum Status { CONFIRMED, REFUND_PENDING, CANCELLED }

    /** Where the refund of an accepted cancel is: PENDING (being tried), FAILED (retries ran out: an operator's), DONE. */
    public enum RefundStatus { PENDING, FAILED, DONE }

    /** One step of the booking's life: the status it entered, when, and why (a cancel reason, a refund error). */
    public record StatusChange(Status status, Instant at, String note) {
    }

    /**
     * An accepted cancel and its refund. {@code requestedBy} is the user id of whoever cancelled
     * ({@code byAdmin} when an admin did, with their recorded {@code reason}); {@code attempts} and
     * {@code lastError} count Toss's failed refund calls; {@code refundedAt} and
     * {@code refundedAmount} are Toss's, once DONE.
     */
    public record Cancellation(Instant requestedAt, String requestedBy, boolean byAdmin, String reason,
                               RefundStatus refundStatus, int attempts, String lastError, Instant refundedAt,
                               long refundedAmount) {

        public static Cancellation requested(Instant at, String by, boolean byAdmin, String reason) {
            return new Cancellation(at, by, byAdmin, reason, RefundStatus.PENDING, 0, null, null, 0);
        }

        public Cancellation failedAttempt(String error) {
            return new Cancellation(requestedAt, requestedBy, byAdmin, reason, refundStatus, attempts + 1, error,
                    refundedAt, refundedAmount);
        }

        public Cancellation gaveUp() {
            return new Cancellation(requestedAt, requestedBy, byAdmin, reason, RefundStatus.FAILED, attempts,
                    lastError, refundedAt, refundedAmount);
        }

        public Cancellation refunded(Instant at, long amount) {
            return new Cancellation(requestedAt, requestedBy, byAdmin, reason, RefundStatus.DONE, attempts,
                    lastError, at, amount);
        }
    }

    /**
     * How it was paid. {@code method} is ours (CARD or EASY_PAY); {@code methodLabel} is what Toss
     * calls it ("카드", "간편결제"), {@code receiptUrl} Toss's own receipt page.
     */
    public record PaymentInfo(String method, String methodLabel, String paymentKey, Instant approvedAt,
                              String receiptUrl) {
    }

    /** This booking in {@code next}, with the change appended to its history. */
    public Booking moved(Status next, Instant at, String note, Cancellation cancellationNow) {
        List<StatusChange> more = new ArrayList<>(history);
        more.add(new StatusChange(next, at, note));
        return new Booking(bookingId, bookingNumber, userId, customerName, customerEmail, holdId, scheduleId,
                performanceId, performanceTitle, thumbnailUrl, venueName, scheduleStartAt, seatId, seatLabel,
                gradeName, price, payment, next, bookedAt, cancellationNow, more);
    }

    /** This booking with its cancellation replaced, status unchanged (a failed refund attempt). */
    public Booking withCancellation(Cancellation cancellationNow) {
        return new Booking(bookingId, bookingNumber, userId, customerName, customerEmail, holdId, scheduleId,
                performanceId, performanceTitle, thumbnailUrl, venueName, scheduleStartAt, seatId, seatLabel,
                gradeName, price, payment, status, bookedAt, cancellationNow, history);
    }
}
