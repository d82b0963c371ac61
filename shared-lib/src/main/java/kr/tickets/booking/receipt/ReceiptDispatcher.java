package kr.tickets.booking.receipt;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import kr.tickets.booking.HoldRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the receipt of one booking named by a queue message ({@code {"bookingId": "…"}}). A
 * failure throws, so the message comes back and, after five tries, rests in the dead-letter
 * queue; the booking itself is never touched.
 */
@Singleton
@Requires(beans = {HoldRepository.class, ReceiptMailer.class})
public class ReceiptDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptDispatcher.class);

    private final HoldRepository holds;
    private final ReceiptMailer mailer;

    public ReceiptDispatcher(HoldRepository holds, ReceiptMailer mailer) {
        this.holds = holds;
        this.mailer = mailer;
    }

    public void send(String bookingId) {
        var booking = holds.findBooking(bookingId)
                .orElseThrow(() -> new IllegalStateException("no booking " + bookingId));
        String messageId = mailer.send(booking);
        LOG.info("receipt sent bookingId={} bookingNumber={} messageId={}", bookingId, booking.bookingNumber(), messageId);
    }
}
