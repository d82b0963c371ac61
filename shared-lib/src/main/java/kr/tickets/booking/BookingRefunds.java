package kr.tickets.booking;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kr.tickets.ops.Metric;
import kr.tickets.ops.Metrics;
import kr.tickets.payment.TossException;
import kr.tickets.payment.TossPayment;
import kr.tickets.payment.TossPaymentsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the refund flow (statemachines/refund.asl.json), one execution per cancelled
 * booking. Each step is idempotent and decides from the booking and from Toss's own record of
 * the payment: the seat goes back on sale only after Toss answered that the payment is refunded
 * ({@link #completeRefund}), and Toss is asked to refund only a captured payment of exactly this
 * booking's order and amount. A failed Toss call is counted on the booking (REFUND_PENDING with
 * its last error) and retried after the waits of {@code booking.refund.retry.delays} (seconds,
 * env REFUND_RETRY_DELAYS); when they run out the booking's refund is FAILED, the seat stays held
 * back and the execution fails for an operator.
 */
@Singleton
@Requires(beans = {HoldRepository.class, TossPaymentsClient.class})
public class BookingRefunds {
    private static final Logger LOG = LoggerFactory.getLogger(BookingRefunds.class);
    static final String DEFAULT_REASON = "고객 요청에 의한 예매 취소";

    private final HoldRepository holds;
    private final TossPaymentsClient toss;
    private final Clock clock;
    private final Metrics metrics;
    private final List<Long> delays;

    public BookingRefunds(HoldRepository holds, TossPaymentsClient toss, Clock clock, Metrics metrics,
                          @Value("${booking.refund.retry.delays:10,30,60,120,300,600,900,1800}") String delays) {
        this.holds = holds;
        this.toss = toss;
        this.clock = clock;
        this.metrics = metrics;
        this.delays = Arrays.stream(delays.split(",")).map(String::strip).map(Long::parseLong).toList();
    }

    /**
     * Refunds the booking's payment at Toss, unless Toss already did. REFUNDED (recorded on the
     * booking, still REFUND_PENDING until {@link #completeRefund}), ALREADY_CANCELLED (the booking
     * is CANCELLED: nothing to do) or NOT_REQUESTED (no cancel was accepted: nothing to do).
     *
     * @throws RetryableStepException Toss failed for now (the attempt is counted on the booking)
     * @throws PaymentNeedsOperatorException Toss's record is not this booking's payment, or Toss
     *                                       refused the refund for good
     */
    public Map<String, Object> refundPayment(String bookingId) {
        Booking booking = booking(bookingId);
        if (booking.status() != Booking.Status.REFUND_PENDING) {
            return BookingSaga.answer(booking.status() == Booking.Status.CANCELLED ? "ALREADY_CANCELLED"
                    : "NOT_REQUESTED", "", "");
        }
        if (booking.cancellation().refundStatus() == Booking.RefundStatus.DONE) {
            return BookingSaga.answer("REFUNDED", "", "");
        }
        String paymentKey = booking.payment().paymentKey();
        TossPayment payment = lookUp(booking, paymentKey);
        if (!HoldRules.orderId(booking.holdId()).equals(payment.orderId())
                || payment.totalAmount() != booking.price().total()) {
            throw operator(booking, "MISMATCH", "Toss has order " + payment.orderId() + " for "
                    + payment.totalAmount() + " KRW under the booking's key");
        }
        if (!refunded(payment)) {
            if (!payment.charged()) {
                throw operator(booking, payment.status(), "Toss's payment is " + payment.status());
            }
            String reason = booking.cancellation().reason() == null ? DEFAULT_REASON : booking.cancellation().reason();
            try {
                payment = toss.cancel(paymentKey, reason,
                        "refund-" + bookingId + "-" + booking.cancellation().attempts());
            } catch (TossException e) {
                switch (e.kind()) {
                    case TRANSIENT -> throw retry(booking, e.code(), e);
                    case ALREADY_PROCESSED -> payment = lookUp(booking, paymentKey);
                    default -> throw operator(booking, e.code(), "Toss refused the refund: " + e.getMessage());
                }
            }
            if (!refunded(payment)) {
                throw retry(booking, payment.status(), null);
            }
        }
        // Refunded means Toss's balance is 0: the whole amount came back.
        long amount = payment.totalAmount();
        Instant now = clock.instant();
        holds.saveRefundProgress(booking.withCancellation(booking.cancellation().refunded(now, amount)));
        LOG.info("payment refunded bookingId={} amount={}", bookingId, amount);
        return BookingSaga.answer("REFUNDED", "", "");
    }

    /** After a failed attempt: WAIT with {@code waitSeconds} before the next, or EXHAUSTED. */
    public Map<String, Object> scheduleRetry(String bookingId) {
        Booking booking = booking(bookingId);
        int attempts = booking.cancellation() == null ? 0 : booking.cancellation().attempts();
        if (booking.status() != Booking.Status.REFUND_PENDING || attempts > delays.size()) {
            return BookingSaga.answer("EXHAUSTED", "", "");
        }
        long waitSeconds = delays.get(Math.max(0, attempts - 1));
        metrics.count(Metric.REFUND_PENDING);
        LOG.warn("refund retry scheduled bookingId={} attempts={} waitSeconds={}", bookingId, attempts, waitSeconds);
        Map<String, Object> out = BookingSaga.answer("WAIT", "", "");
        out.put("waitSeconds", waitSeconds);
        return out;
    }

    /** Retries ran out or Toss refused: the refund is FAILED for an operator; the seat stays held back. */
    public Map<String, Object> giveUp(String bookingId) {
        Booking booking = booking(bookingId);
        if (booking.status() == Booking.Status.REFUND_PENDING
                && booking.cancellation().refundStatus() != Booking.RefundStatus.FAILED) {
            holds.saveRefundProgress(booking.withCancellation(booking.cancellation().gaveUp()));
            metrics.count(Metric.REFUND_FAILED);
            LOG.error("refund failed, an operator must act bookingId={} attempts={} lastError={}", bookingId,
                    booking.cancellation().attempts(), booking.cancellation().lastError());
        }
        return BookingSaga.answer("FAILED", "", "");
    }

    /**
     * Toss refunded: the booking becomes CANCELLED with its refund, and its seat AVAILABLE. CANCELLED
     * (now or before); NOT_REFUNDED when the booking has no refund Toss confirmed (never released).
     */
    public Map<String, Object> completeRefund(String bookingId) {
        Booking booking = booking(bookingId);
        if (booking.status() == Booking.Status.CANCELLED) {
            return BookingSaga.answer("CANCELLED", "", "");
        }
        if (booking.status() != Booking.Status.REFUND_PENDING
                || booking.cancellation().refundStatus() != Booking.RefundStatus.DONE) {
            return BookingSaga.answer("NOT_REFUNDED", "", "");
        }
        Hold hold = holds.find(booking.holdId()).orElseThrow();
        Instant now = clock.instant();
        Booking cancelled = booking.moved(Booking.Status.CANCELLED, now, null, booking.cancellation());
        // False only when a retried step completed it first: the same outcome, counted once.
        if (holds.completeRefund(hold, cancelled)) {
            metrics.count(Metric.REFUND_DONE);
        }
        LOG.info("booking cancelled, seat back on sale bookingId={} seatId={}", bookingId, booking.seatId());
        return BookingSaga.answer("CANCELLED", "", "");
    }

    private Booking booking(String bookingId) {
        return holds.findBooking(bookingId).orElseThrow(() -> new IllegalStateException("no booking " + bookingId));
    }

    private TossPayment lookUp(Booking booking, String paymentKey) {
        try {
            return toss.get(paymentKey);
        } catch (TossException e) {
            throw retry(booking, e.code(), e);
        }
    }

    private static boolean refunded(TossPayment payment) {
        return "CANCELED".equals(payment.status()) && payment.balanceAmount() == 0;
    }

    private RetryableStepException retry(Booking booking, String code, Exception cause) {
        Booking.Cancellation counted = booking.cancellation().failedAttempt(code);
        holds.saveRefundProgress(booking.withCancellation(counted));
        LOG.warn("refund attempt failed bookingId={} attempts={} code={}", booking.bookingId(), counted.attempts(),
                code);
        return new RetryableStepException("Toss refund failed for now: " + code, cause);
    }

    private PaymentNeedsOperatorException operator(Booking booking, String code, String message) {
        holds.saveRefundProgress(booking.withCancellation(booking.cancellation().failedAttempt(code)));
        return new PaymentNeedsOperatorException(message + " (booking " + booking.bookingId() + ")");
    }
}
