package kr.tickets.booking.receipt;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import kr.tickets.booking.Booking;
import kr.tickets.catalog.CatalogTime;

/**
 * A booking as the receipt shows it: every value already formatted for Korean readers, not yet
 * escaped for any output. Times are UTC (DESIGN "Time"), so the strings say so. A value the
 * booking does not have (no receipt URL yet, say) is {@code null}; the renderer shows "-".
 */
public record ReceiptView(String bookingNumber, boolean cancelled, String statusLabel, String customerName,
                          String performanceTitle, String venueName, String showDateTime, String seatLabel,
                          String gradeName, String seatPrice, String fee, String discount, String total,
                          String paymentMethod, String approvedAt, String receiptUrl, String bookedAt,
                          String refundedAmount, String refundedAt) {

    static final String CONFIRMED_LABEL = "예매 완료";
    static final String CANCELLED_LABEL = "취소됨";
    static final String REFUND_PENDING_LABEL = "취소 접수 (환불 진행 중)";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    public static ReceiptView of(Booking booking) {
        boolean cancelled = booking.status() == Booking.Status.CANCELLED;
        Booking.PaymentInfo payment = booking.payment();
        Booking.Cancellation refund = cancelled ? booking.cancellation() : null;
        return new ReceiptView(
                booking.bookingNumber(),
                cancelled,
                switch (booking.status()) {
                    case CONFIRMED -> CONFIRMED_LABEL;
                    case REFUND_PENDING -> REFUND_PENDING_LABEL;
                    case CANCELLED -> CANCELLED_LABEL;
                },
                booking.customerName(),
                booking.performanceTitle(),
                booking.venueName(),
                dateTime(booking.scheduleStartAt()),
                booking.seatLabel(),
                booking.gradeName(),
                won(booking.price().seatPrice()),
                won(booking.price().fee()),
                booking.price().discount() == 0 ? won(0) : "-" + won(booking.price().discount()),
                won(booking.price().total()),
                payment == null ? null : payment.methodLabel(),
                payment == null ? null : dateTime(payment.approvedAt()),
                payment == null ? null : payment.receiptUrl(),
                dateTime(booking.bookedAt()),
                refund == null ? null : won(refund.refundedAmount()),
                refund == null ? null : dateTime(refund.refundedAt()));
    }

    /** {@code 132,000원}. */
    public static String won(long amount) {
        return String.format(Locale.ROOT, "%,d원", amount);
    }

    /** {@code 2025년 05월 23일 19:30 (UTC)}, or null for no instant. */
    public static String dateTime(Instant instant) {
        if (instant == null) {
            return null;
        }
        return CatalogTime.display(instant) + " " + CLOCK.format(instant.atOffset(ZoneOffset.UTC)) + " (UTC)";
    }
}
