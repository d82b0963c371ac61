package kr.tickets.booking;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kr.tickets.catalog.CatalogRepository;
import kr.tickets.catalog.Performance;
import kr.tickets.catalog.Schedule;
import kr.tickets.ops.Metric;
import kr.tickets.ops.Metrics;
import kr.tickets.payment.TossException;
import kr.tickets.payment.TossPayment;
import kr.tickets.payment.TossPaymentsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the booking saga (statemachines/booking.asl.json): the state machine decides the
 * order, retries and timeouts; each step here is idempotent, so a retried step changes nothing
 * twice. A step's answer is {@code {"outcome", "code", "message"}}; it throws
 * {@link RetryableStepException} only when trying again may help.
 */
@Singleton
@Requires(beans = {HoldRepository.class, TossPaymentsClient.class, CatalogRepository.class})
public class BookingSaga {
    private static final Logger LOG = LoggerFactory.getLogger(BookingSaga.class);
    /** Booking numbers drawn before giving up; 40 random bits a day make even a second one rare. */
    private static final int BOOKING_NUMBER_ATTEMPTS = 4;
    /** Release codes that end a hold for another reason than Toss refusing its payment. */
    private static final Set<String> NOT_A_DECLINE = Set.of(HoldRules.BOOKING_FAILED, HoldRules.REFUND_PENDING,
            HoldRules.PAYMENT_NOT_COMPLETED);

    private final HoldRepository holds;
    private final TossPaymentsClient toss;
    private final CatalogRepository catalog;
    private final Clock clock;
    private final Metrics metrics;

    public BookingSaga(HoldRepository holds, TossPaymentsClient toss, CatalogRepository catalog, Clock clock,
                       Metrics metrics) {
        this.holds = holds;
        this.toss = toss;
        this.catalog = catalog;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The hold timer's step once the hold's time ran out (statemachines/booking.asl.json): what
     * {@link TimerDecision#at} says for the hold's status. A PENDING hold is released as EXPIRED
     * only if still PENDING (the condition of the write, so a payment started at the last moment is
     * never released here) and answers EXPIRED; ENDED when the hold had ended already (or is gone).
     *
     * @throws PaymentStartedException when the hold is PAYING: a payment was started whose confirm
     *                                 never finished; the timer runs the payment steps next
     */
    public Map<String, Object> expire(String holdId) {
        Optional<Hold> found = holds.find(holdId);
        if (found.isEmpty()) {
            // Gone (its item outlived its cleanup time): nothing is left to end.
            return answer("ENDED", "", "");
        }
        Hold hold = found.get();
        if (TimerDecision.at(hold.status()) == TimerDecision.RELEASE
                && holds.release(hold, EnumSet.of(HoldStatus.PENDING), HoldStatus.EXPIRED, null, null)) {
            metrics.count(Metric.HOLD_EXPIRED);
            LOG.info("hold released by timeout holdId={} seatId={}", holdId, hold.seatId());
            return answer("EXPIRED", "", "");
        }
        HoldStatus now = holds.find(holdId).map(Hold::status).orElse(hold.status());
        if (TimerDecision.at(now) == TimerDecision.RECOVER_PAYMENT) {
            LOG.warn("hold timed out with a payment started; running its payment steps holdId={}", holdId);
            throw new PaymentStartedException(holdId);
        }
        return answer("ENDED", "", "");
    }

    /**
     * Asks Toss to approve the payment handed over. APPROVED (the approval is stored on the
     * hold), REJECTED (with Toss's code; {@code PAYMENT_KEY_USED} when the key is another order's
     * payment), EXPIRED (Toss's session ran out), MISMATCH (Toss's record of this order differs
     * from the hold: the compensation decides from Toss's record) or FAILED (our request was
     * refused; nothing charged).
     */
    public Map<String, Object> confirmPayment(String holdId, int attempt) {
        Hold hold = holds.find(holdId).orElseThrow(() -> new IllegalStateException("no hold " + holdId));
        if (hold.status() != HoldStatus.PAYING) {
            return answer(hold.status() == HoldStatus.CONFIRMED ? "APPROVED" : "NOT_PAYING", "", "");
        }
        long amount = hold.price().total();
        TossPayment payment;
        try {
            payment = toss.confirm(hold.paymentKey(), hold.orderId(), amount, idempotencyKey("confirm", holdId, attempt));
        } catch (TossException e) {
            switch (e.kind()) {
                case TRANSIENT -> {
                    LOG.warn("Toss confirm failed for now, the step is retried holdId={} attempt={} code={}", holdId,
                            attempt, e.code());
                    throw new RetryableStepException("Toss confirm failed for now: " + e.code(), e);
                }
                case REJECTED -> {
                    LOG.warn("payment declined by Toss holdId={} code={}", holdId, e.code());
                    return answer("REJECTED", e.code(), e.getMessage());
                }
                case SESSION_EXPIRED -> {
                    LOG.warn("payment session expired at Toss holdId={} code={}", holdId, e.code());
                    return answer("EXPIRED", e.code(), e.getMessage());
                }
                case ALREADY_PROCESSED -> payment = lookUp(hold.paymentKey());
                default -> {
                    LOG.error("payment confirm refused holdId={} code={} message={}", holdId, e.code(), e.getMessage());
                    return answer("FAILED", HoldRules.PAYMENT_ERROR, e.code());
                }
            }
            if (!hold.orderId().equals(payment.orderId())) {
                // Toss processed this key for another order: this confirm is refused, and that
                // payment is none of this hold's business (never cancelled from here).
                LOG.warn("payment key belongs to another order holdId={}", holdId);
                return answer("REJECTED", HoldRules.PAYMENT_KEY_USED, "The payment belongs to another order.");
            }
        }
        if (!HoldRules.paidFor(hold, payment)) {
            LOG.error("Toss's record differs from the hold holdId={} status={} amount={} expected={}", holdId,
                    payment.status(), payment.totalAmount(), amount);
            return answer("MISMATCH", "AMOUNT_MISMATCH", "Toss has " + payment.status() + " " + payment.totalAmount()
                    + " KRW");
        }
        if (hold.approval() == null) {
            // A retried step finds the approval stored: Toss approved this payment once.
            metrics.count(Metric.PAYMENT_APPROVED);
        }
        holds.savePayment(holdId, approval(hold, payment));
        LOG.info("payment approved by Toss holdId={}", holdId);
        return answer("APPROVED", "", "");
    }

    /**
     * Books the seat: BOOKED, the booking written and the hold CONFIRMED in one transaction.
     * CONFLICT when the seat is no longer this hold's (the payment must then be cancelled).
     */
    public Map<String, Object> confirmBooking(String holdId) {
        Hold hold = holds.find(holdId).orElseThrow(() -> new IllegalStateException("no hold " + holdId));
        if (hold.status() == HoldStatus.CONFIRMED) {
            return answer("CONFIRMED", "", "");
        }
        Booking.PaymentInfo payment = hold.approval();
        if (hold.status() != HoldStatus.PAYING || payment == null) {
            return answer("CONFLICT", "NOT_PAYING", "The hold is " + hold.status());
        }
        Performance performance = catalog.findPerformance(hold.performanceId()).orElse(null);
        Schedule schedule = catalog.findSchedule(hold.scheduleId()).orElse(null);
        if (performance == null || schedule == null) {
            return answer("CONFLICT", "SCHEDULE_GONE", "The schedule no longer exists.");
        }
        Instant now = clock.instant();
        Booking booking = null;
        for (int attempt = 0; booking == null; attempt++) {
            Booking candidate = new Booking(holdId, HoldRules.bookingNumber(holdId, now, attempt), hold.userId(),
                    hold.customerName(), hold.customerEmail(), holdId, hold.scheduleId(), hold.performanceId(),
                    performance.title(), performance.thumbnailUrl(), performance.venueName(), schedule.startAt(),
                    hold.seatId(), hold.seatLabel(), hold.gradeName(), hold.price(), payment, Booking.Status.CONFIRMED,
                    now);
            try {
                holds.confirm(hold, candidate);
                booking = candidate;
            } catch (HoldRepository.HoldConflict conflict) {
                if (conflict.conflict() == HoldRepository.Conflict.BOOKING_NUMBER && attempt < BOOKING_NUMBER_ATTEMPTS) {
                    LOG.warn("booking number taken, drawing another holdId={} attempt={}", holdId, attempt);
                    continue;
                }
                if (holds.find(holdId).map(h -> h.status() == HoldStatus.CONFIRMED).orElse(false)) {
                    return answer("CONFIRMED", "", "");
                }
                LOG.error("booking could not be written after approval holdId={} conflict={}", holdId,
                        conflict.conflict());
                return answer("CONFLICT", "BOOKING_FAILED", "The seat could not be booked.");
            }
        }
        metrics.count(Metric.BOOKING_CONFIRMED);
        LOG.info("booking confirmed bookingId={} bookingNumber={} seatId={}", holdId, booking.bookingNumber(),
                hold.seatId());
        return answer("CONFIRMED", "", "");
    }

    /**
     * Compensation: refunds this hold's payment if Toss has one. Decides only from Toss's own
     * record, looked up by the hold's payment key, or by its order id when no key is on record
     * (or the key is another order's): CANCELLED (refunded now or before), NOTHING_TO_CANCEL
     * (Toss has no captured payment for this order) or BOOKED (the hold was booked after all:
     * never refunded from here). A record of this order with another amount is for an operator.
     */
    public Map<String, Object> cancelPayment(String holdId, String reason, int attempt) {
        return refund(holdId, reason, idempotencyKey("cancel", holdId, attempt));
    }

    /** {@link #cancelPayment} with the caller's Idempotency-Key (reconciliation has its own). */
    Map<String, Object> refund(String holdId, String reason, String idempotencyKey) {
        Hold hold = holds.find(holdId).orElseThrow(() -> new IllegalStateException("no hold " + holdId));
        if (hold.status() == HoldStatus.CONFIRMED) {
            LOG.warn("compensation found the hold booked; nothing refunded holdId={}", holdId);
            return answer("BOOKED", "", "");
        }
        Optional<TossPayment> found = paymentOf(hold);
        if (found.isEmpty() || !found.get().charged()) {
            LOG.info("Toss has no captured payment for the order holdId={} status={}", holdId,
                    found.map(TossPayment::status).orElse("NONE"));
            return answer(found.map(p -> "CANCELED".equals(p.status())).orElse(false) ? "CANCELLED"
                    : "NOTHING_TO_CANCEL", "", "");
        }
        TossPayment payment = found.get();
        if (payment.totalAmount() != hold.price().total()) {
            throw new PaymentNeedsOperatorException("Toss captured " + payment.totalAmount() + " KRW for order "
                    + hold.orderId() + ", the hold's amount is " + hold.price().total());
        }
        try {
            toss.cancel(payment.paymentKey(), reason, idempotencyKey);
        } catch (TossException e) {
            switch (e.kind()) {
                case TRANSIENT -> throw new RetryableStepException("Toss cancel failed for now: " + e.code(), e);
                case ALREADY_PROCESSED -> {
                    LOG.info("payment already cancelled holdId={}", holdId);
                    return answer("CANCELLED", "", "");
                }
                default -> {
                    LOG.error("Toss refused the compensating cancel holdId={} code={}", holdId, e.code());
                    throw new PaymentNeedsOperatorException("Toss refused to cancel " + holdId + ": " + e.code());
                }
            }
        }
        metrics.count(Metric.COMPENSATION);
        LOG.warn("payment cancelled (compensation) holdId={} reason={}", holdId, reason);
        return answer("CANCELLED", "", "");
    }

    /**
     * Toss's record of the hold's order: by the key on record when it is this order's, else by
     * the order id. Empty only when Toss answered that it has none.
     */
    Optional<TossPayment> paymentOf(Hold hold) {
        try {
            if (hold.paymentKey() != null) {
                try {
                    TossPayment byKey = toss.get(hold.paymentKey());
                    if (hold.orderId().equals(byKey.orderId())) {
                        return Optional.of(byKey);
                    }
                } catch (TossException e) {
                    if (!"NOT_FOUND_PAYMENT".equals(e.code())) {
                        throw e;
                    }
                }
            }
            return toss.getByOrderId(hold.orderId());
        } catch (TossException e) {
            throw new RetryableStepException("Toss lookup failed: " + e.code(), e);
        }
    }

    /** Ends the hold with {@code outcome} (EXPIRED or FAILED) and frees its seat, if it had not ended already. */
    public Map<String, Object> release(String holdId, HoldStatus outcome, String code, String message) {
        Hold hold = holds.find(holdId).orElseThrow(() -> new IllegalStateException("no hold " + holdId));
        boolean released = holds.release(hold, outcome, blankToNull(code), blankToNull(message));
        if (released) {
            countPaymentFailure(holdId, outcome, blankToNull(code));
        }
        // The code and message the hold ended with: the confirm answers the buyer from them.
        return released ? answer(outcome.name(), code, message) : answer("ALREADY_ENDED", "", "");
    }

    /**
     * The saga's end of a payment that did not book, counted once (only the release that ended the
     * hold counts): a Toss error (PAYMENT_ERROR: unreachable, 5xx or our request refused, also once
     * the retries ran out) or a refusal (the card declined, the key another order's, Toss's window
     * expired). A payment refunded because the seat could not be booked was approved and counted
     * as a compensation; an unpaid hold reconciliation released is its repair.
     */
    private void countPaymentFailure(String holdId, HoldStatus outcome, String code) {
        if (HoldRules.PAYMENT_ERROR.equals(code)) {
            metrics.count(Metric.PAYMENT_ERRORED);
            LOG.error("payment failed, Toss errored holdId={} outcome={} code={}", holdId, outcome, code);
        } else if (outcome == HoldStatus.EXPIRED || code != null && !NOT_A_DECLINE.contains(code)) {
            metrics.count(Metric.PAYMENT_DECLINED);
            LOG.warn("payment failed, declined holdId={} outcome={} code={}", holdId, outcome, code);
        } else {
            LOG.info("hold ended holdId={} outcome={} code={}", holdId, outcome, code);
        }
    }

    /**
     * One key per attempt of a step: a retry after a lost answer cannot charge or refund twice
     * anyway (Toss answers ALREADY_PROCESSED_PAYMENT / ALREADY_CANCELED_PAYMENT, handled above),
     * and a fresh key keeps Toss from replaying a remembered provider error to every retry.
     */
    static String idempotencyKey(String action, String holdId, int attempt) {
        return action + "-" + holdId + "-" + attempt;
    }

    private TossPayment lookUp(String paymentKey) {
        try {
            return toss.get(paymentKey);
        } catch (TossException e) {
            throw new RetryableStepException("Toss lookup failed: " + e.code(), e);
        }
    }

    /** How Toss approved the hold's payment, as the booking keeps it. */
    Booking.PaymentInfo approval(Hold hold, TossPayment payment) {
        return new Booking.PaymentInfo(hold.method() == null ? "CARD" : hold.method(), payment.method(),
                payment.paymentKey(), approvedAt(payment), payment.receiptUrl());
    }

    private Instant approvedAt(TossPayment payment) {
        return payment.approvedAt() == null ? clock.instant() : OffsetDateTime.parse(payment.approvedAt()).toInstant();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static Map<String, Object> answer(String outcome, String code, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", outcome);
        out.put("code", code == null ? "" : code);
        out.put("message", message == null ? "" : message);
        return out;
    }
}
