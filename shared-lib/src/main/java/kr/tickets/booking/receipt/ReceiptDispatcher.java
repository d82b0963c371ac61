package kr.tickets.booking.receipt;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import kr.tickets.booking.Booking;
import kr.tickets.booking.HoldRepository;
import kr.tickets.ops.LogKeys;
import kr.tickets.ops.Metric;
import kr.tickets.ops.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends the email one queue message names: {@code {"bookingId": "…"}} the receipt of a booking,
 * {@code {"bookingId": "…", "kind": "CANCELLATION"}} the notice of its cancellation and refund. A
 * failure throws, so the message comes back and, after five tries, rests in the dead-letter
 * queue; the booking itself is never touched.
 */
@Singleton
@Requires(beans = {HoldRepository.class, ReceiptMailer.class})
public class ReceiptDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptDispatcher.class);

    /** What a queue message asks for. */
    public enum Kind { RECEIPT, CANCELLATION }

    private final HoldRepository holds;
    private final ReceiptMailer mailer;
    private final Metrics metrics;

    public ReceiptDispatcher(HoldRepository holds, ReceiptMailer mailer, Metrics metrics) {
        this.holds = holds;
        this.mailer = mailer;
        this.metrics = metrics;
    }

    public void send(String bookingId) {
        send(bookingId, Kind.RECEIPT);
    }

    public void send(String bookingId, Kind kind) {
        MDC.put(LogKeys.BOOKING_ID, bookingId);
        Booking booking = holds.findBooking(bookingId)
                .orElseThrow(() -> new IllegalStateException("no booking " + bookingId));
        if (kind == Kind.RECEIPT && booking.status() != Booking.Status.CONFIRMED) {
            // Cancelled before its receipt went out: the cancellation email tells the customer.
            LOG.info("receipt skipped, booking no longer confirmed bookingId={} status={}", bookingId,
                    booking.status());
            return;
        }
        if (kind == Kind.CANCELLATION && booking.status() != Booking.Status.CANCELLED) {
            throw new IllegalStateException("booking " + bookingId + " is " + booking.status() + ", not CANCELLED");
        }
        String messageId;
        try {
            messageId = mailer.send(booking);
        } catch (RuntimeException e) {
            metrics.count(Metric.RECEIPT_SEND_FAILED);
            LOG.warn("booking email not sent, the message comes back kind={} bookingId={}", kind, bookingId, e);
            throw e;
        }
        LOG.info("booking email sent kind={} bookingId={} bookingNumber={} messageId={}", kind, bookingId,
                booking.bookingNumber(), messageId);
    }
}
