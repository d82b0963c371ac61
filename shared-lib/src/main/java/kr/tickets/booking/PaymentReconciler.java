package kr.tickets.booking;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import kr.tickets.ops.LogKeys;
import kr.tickets.ops.Metric;
import kr.tickets.ops.Metrics;
import kr.tickets.payment.TossPayment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Compares every hold whose payment started recently with Toss's record of its order and
 * settles each disagreement, so no path keeps money without a booking for long:
 * <ul>
 *   <li>approved at Toss, hold still PAYING (its saga ended without settling): book the seat if
 *       it is still this hold's, else refund;</li>
 *   <li>approved at Toss, hold ended without a booking: refund;</li>
 *   <li>PAYING and Toss has no captured payment: release the hold (nothing was charged — Toss
 *       said so);</li>
 *   <li>CONFIRMED and Toss's payment is not DONE: report (an operator decides; never undone here).</li>
 * </ul>
 * A hold whose saga still runs is left to it, and a hold younger than the grace is not looked at.
 * Every write is conditional and every refund carries an Idempotency-Key, so a second run (or one
 * overlapping the saga) changes nothing twice; a payment of a CONFIRMED booking is never cancelled.
 */
@Singleton
@Requires(beans = {HoldRepository.class, BookingSagaClient.class, BookingSaga.class, ReceiptQueue.class,
        RefundFlowClient.class})
public class PaymentReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentReconciler.class);

    /** What a run did with each hold it looked at. */
    public enum Action {
        /** Toss and the hold agree; the hold left reconciliation. */
        SETTLED,
        /** Its saga still runs. */
        SKIPPED,
        /** Approved at Toss and now booked. */
        BOOKED,
        /** Approved at Toss without a booking, and refunded. */
        REFUNDED,
        /** PAYING without a captured payment, and released. */
        RELEASED,
        /** A disagreement no rule may settle (booked but not paid, another amount): for an operator. */
        REPORTED,
        /** A cancelled booking whose refund flow was not running: started, so the refund goes on. */
        REFUND_STARTED,
        /** Toss or DynamoDB failed this time; the next run tries again. */
        FAILED
    }

    /** How many holds each action took. */
    public record Report(Map<Action, Integer> actions) {
        public int count(Action action) {
            return actions.getOrDefault(action, 0);
        }
    }

    private final HoldRepository holds;
    private final BookingSagaClient sagas;
    private final BookingSaga saga;
    private final ReceiptQueue receipts;
    private final RefundFlowClient refunds;
    private final Clock clock;
    private final Metrics metrics;

    public PaymentReconciler(HoldRepository holds, BookingSagaClient sagas, BookingSaga saga, ReceiptQueue receipts,
                             RefundFlowClient refunds, Clock clock, Metrics metrics) {
        this.holds = holds;
        this.sagas = sagas;
        this.saga = saga;
        this.receipts = receipts;
        this.refunds = refunds;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Looks at holds whose payment started between {@code lookback} and {@code grace} ago. */
    public Report run(Duration lookback, Duration grace) {
        Instant now = clock.instant();
        Map<Action, Integer> actions = new EnumMap<>(Action.class);
        for (Hold listed : holds.paymentsToReconcile(now.minus(lookback), now.minus(grace))) {
            Action action;
            MDC.put(LogKeys.HOLD_ID, listed.holdId());
            try {
                action = settle(listed.holdId());
            } catch (RuntimeException e) {
                LOG.error("reconciliation failed holdId={}", listed.holdId(), e);
                action = Action.FAILED;
            } finally {
                MDC.remove(LogKeys.HOLD_ID);
            }
            actions.merge(action, 1, Integer::sum);
            count(action);
        }
        LOG.info("reconciliation done {}", actions);
        return new Report(actions);
    }

    /** A repair: the run changed something so that Toss and the booking agree; a report: an operator must look. */
    private void count(Action action) {
        switch (action) {
            case BOOKED, REFUNDED, RELEASED, REFUND_STARTED -> metrics.count(Metric.RECONCILIATION_REPAIR);
            case REPORTED -> metrics.count(Metric.RECONCILIATION_REPORTED);
            default -> { }
        }
    }

    private Action settle(String holdId) {
        if (sagas.running(holdId)) {
            return Action.SKIPPED;
        }
        // The index is eventually consistent: decide on the hold as it is now.
        Hold hold = holds.find(holdId).orElseThrow(() -> new IllegalStateException("no hold " + holdId));
        Optional<TossPayment> payment = saga.paymentOf(hold);
        boolean paid = payment.filter(p -> HoldRules.paidFor(hold, p)).isPresent();
        boolean capturedOtherwise = !paid && payment.filter(TossPayment::charged).isPresent();
        if (capturedOtherwise) {
            LOG.error("Toss captured another amount for the order holdId={} status={} amount={} expected={}", holdId,
                    payment.get().status(), payment.get().totalAmount(), hold.price().total());
            return Action.REPORTED;
        }
        return switch (hold.status()) {
            case CONFIRMED -> {
                Booking cancelled = holds.findBooking(holdId).orElse(null);
                Booking.Status booking = cancelled == null ? null : cancelled.status();
                if (booking == Booking.Status.REFUND_PENDING) {
                    yield refunding(cancelled);
                }
                if (booking == Booking.Status.CANCELLED) {
                    if (payment.filter(TossPayment::charged).isPresent()) {
                        LOG.error("booking cancelled but Toss still holds its payment holdId={}", holdId);
                        yield Action.REPORTED;
                    }
                    yield settled(holdId);
                }
                if (!paid) {
                    LOG.error("booked but Toss's payment is not DONE holdId={} status={}", holdId,
                            payment.map(TossPayment::status).orElse("NONE"));
                    yield Action.REPORTED;
                }
                yield settled(holdId);
            }
            case PAYING -> paid ? book(hold, payment.get()) : releaseUnpaid(hold);
            default -> paid ? refund(hold) : settled(holdId);
        };
    }

    /**
     * A cancel was accepted: the refund flow owns the money and the seat. Left alone while it runs;
     * started if it is not running and the refund is still to be done (its start was lost);
     * reported when it ended without recording the refund (FAILED, or refunded but not completed).
     * The hold stays in the index until the booking is CANCELLED.
     */
    private Action refunding(Booking booking) {
        if (refunds.running(booking.bookingId())) {
            return Action.SKIPPED;
        }
        if (booking.cancellation().refundStatus() != Booking.RefundStatus.PENDING) {
            LOG.error("refund flow ended without cancelling the booking bookingId={} refundStatus={} lastError={}",
                    booking.bookingId(), booking.cancellation().refundStatus(), booking.cancellation().lastError());
            return Action.REPORTED;
        }
        refunds.start(booking.bookingId());
        LOG.warn("reconciliation started the refund flow of a cancelled booking bookingId={}", booking.bookingId());
        return Action.REFUND_STARTED;
    }

    /** Approved at Toss, and the saga ended without a booking: book it if the seat is still this hold's. */
    private Action book(Hold hold, TossPayment payment) {
        if (hold.approval() == null) {
            holds.savePayment(hold.holdId(), saga.approval(hold, payment));
        }
        if ("CONFIRMED".equals(saga.confirmBooking(hold.holdId()).get("outcome"))) {
            LOG.warn("reconciliation booked a paid hold holdId={}", hold.holdId());
            holds.markReconciled(hold.holdId());
            sendReceipt(hold.holdId());
            return Action.BOOKED;
        }
        Action refunded = refund(hold);
        saga.release(hold.holdId(), HoldStatus.FAILED, HoldRules.BOOKING_FAILED,
                "The payment was refunded because the seat could not be booked.");
        return refunded;
    }

    /** The receipt the saga would have queued; a queue that fails never undoes the booking. */
    private void sendReceipt(String bookingId) {
        try {
            receipts.send(bookingId);
        } catch (RuntimeException e) {
            LOG.error("receipt of a reconciled booking could not be queued bookingId={}", bookingId, e);
        }
    }

    private Action refund(Hold hold) {
        Object outcome = saga.refund(hold.holdId(), "예매 확정 실패로 인한 자동 취소 (정산)",
                "reconcile-cancel-" + hold.holdId()).get("outcome");
        if ("BOOKED".equals(outcome)) {
            // Booked meanwhile: the next run checks it as a booking.
            return Action.SETTLED;
        }
        holds.markReconciled(hold.holdId());
        if (!"CANCELLED".equals(outcome)) {
            return Action.SETTLED;
        }
        LOG.warn("reconciliation refunded a payment without a booking holdId={}", hold.holdId());
        return Action.REFUNDED;
    }

    private Action releaseUnpaid(Hold hold) {
        saga.release(hold.holdId(), HoldStatus.FAILED, HoldRules.PAYMENT_NOT_COMPLETED,
                "The payment was not completed; nothing was charged.");
        LOG.warn("reconciliation released an unpaid hold holdId={}", hold.holdId());
        holds.markReconciled(hold.holdId());
        return Action.RELEASED;
    }

    private Action settled(String holdId) {
        holds.markReconciled(holdId);
        return Action.SETTLED;
    }
}
