package kr.tickets.booking;

import java.time.Instant;

/**
 * A confirmed (or later cancelled) booking: one seat of one schedule, paid through Toss. It
 * copies what the receipt and the booking pages show, so they never depend on catalog changes
 * made after the purchase.
 */
public record Booking(String bookingId, String bookingNumber, String userId, String customerName,
                      String customerEmail, String holdId, String scheduleId, String performanceId,
                      String performanceTitle, String thumbnailUrl, String venueName, Instant scheduleStartAt,
                      String seatId, String seatLabel, String gradeName, PriceBreakdown price,
                      PaymentInfo payment, Status status, Instant bookedAt) {

    public enum Status { CONFIRMED, CANCELLED }

    /**
     * How it was paid. {@code method} is ours (CARD or EASY_PAY); {@code methodLabel} is what Toss
     * calls it ("카드", "간편결제"), {@code receiptUrl} Toss's own receipt page.
     */
    public record PaymentInfo(String method, String methodLabel, String paymentKey, Instant approvedAt,
                              String receiptUrl) {
    }
}
