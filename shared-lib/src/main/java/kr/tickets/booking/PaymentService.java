package kr.tickets.booking;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.tickets.auth.Principal;
import kr.tickets.common.ApiException;
import kr.tickets.common.FieldError;
import kr.tickets.common.IdRules;
import kr.tickets.common.JsonRequest;
import kr.tickets.ops.LogKeys;
import kr.tickets.ops.Metric;
import kr.tickets.ops.Metrics;
import kr.tickets.policy.PolicyKey;
import kr.tickets.policy.PolicyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Toss's redirects (requirements §4.2). A confirm checks the amount and the hold, makes the hold
 * PAYING with the payment on record, then runs the hold's payment steps (statemachines/payment.asl.json:
 * Toss confirm, booking, receipt, or the compensation) synchronously and answers their outcome, with
 * no polling; a fail leaves the seat held for another try.
 *
 * <pre>{@code POST /payments/confirm {"holdId": "…", "paymentKey": "tgen_…", "orderId": "T-…", "amount": 134000}}</pre>
 */
@Singleton
@Requires(beans = {HoldRepository.class, BookingSagaClient.class, PolicyService.class})
public class PaymentService {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentService.class);

    private final HoldRepository holds;
    private final BookingSagaClient saga;
    private final PolicyService policies;
    private final Clock clock;
    private final Metrics metrics;

    public PaymentService(HoldRepository holds, BookingSagaClient saga, PolicyService policies, Clock clock,
                          Metrics metrics) {
        this.holds = holds;
        this.saga = saga;
        this.policies = policies;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What a confirm answered: 200 CONFIRMED or 202 PROCESSING (anything else is an {@link ApiException}). */
    public record Outcome(int status, Map<String, Object> body) {
    }

    public Outcome confirm(Principal who, JsonRequest body) {
        String holdId = body.requiredString("holdId", 64);
        body.rejectIf("holdId", holdId == null || IdRules.isId(holdId) ? null : IdRules.ID_RULE);
        String paymentKey = body.requiredString("paymentKey", IdRules.MAX_PAYMENT_KEY_LENGTH);
        body.rejectIf("paymentKey", paymentKey == null || IdRules.isPaymentKey(paymentKey) ? null
                : IdRules.PAYMENT_KEY_RULE);
        String orderId = body.requiredString("orderId", 64);
        Long amount = null;
        if (body.node("amount") == null || !body.node("amount").isIntegralNumber()
                || !body.node("amount").canConvertToLong()) {
            body.reject("amount", "must be an integer amount in KRW");
        } else {
            amount = body.node("amount").asLong();
        }
        body.throwIfInvalid();
        Hold hold = owned(who, holdId);
        MDC.put(LogKeys.HOLD_ID, holdId);
        if (!hold.orderId().equals(orderId)) {
            throw ApiException.validation(List.of(new FieldError("orderId", "is not this hold's order")));
        }
        if (hold.status() != HoldStatus.PENDING) {
            return resubmitted(hold, paymentKey);
        }
        if (amount != hold.price().total()) {
            LOG.warn("amount mismatch holdId={} expected={} got={}", holdId, hold.price().total(), amount);
            throw new ApiException(400, "AMOUNT_MISMATCH", "The amount is not this order's amount ("
                    + hold.price().total() + " KRW); nothing was charged.");
        }
        Instant now = clock.instant();
        if (!hold.liveAt(now)) {
            throw holdExpired();
        }
        HoldRepository.DiscountUse discount = discountUse(hold, now);
        try {
            holds.startPayment(hold, paymentKey, now, discount);
        } catch (HoldRepository.HoldConflict conflict) {
            if (conflict.conflict() == HoldRepository.Conflict.PAYMENT_KEY) {
                LOG.warn("payment key already attached to another hold holdId={}", holdId);
                throw paymentKeyUsed();
            }
            if (conflict.conflict() == HoldRepository.Conflict.DISCOUNT) {
                LOG.info("discount code used up before the payment holdId={} code={}", holdId, hold.discountCode());
                throw HoldRules.discountUnavailable();
            }
            return resubmitted(holds.find(holdId).orElseThrow(), paymentKey);
        }
        // From here the hold is PAYING with its key on record: whatever happens to this run, the
        // hold's timer (it runs the same steps for a hold still PAYING when its time is up) or
        // reconciliation settles it with Toss. Nothing is put back.
        return pay(holdId);
    }

    /**
     * Runs the hold's payment steps and answers their outcome. Every step is idempotent (Toss's
     * Idempotency-Key, conditional writes), so a replayed confirm runs them again and gets the
     * same booking. A hold that ended stops its timer.
     */
    private Outcome pay(String holdId) {
        PaymentRun run;
        try {
            run = saga.runPayment(holdId);
        } catch (RuntimeException e) {
            // The start may have reached Step Functions: never guess.
            LOG.error("payment steps had no clear answer holdId={}", holdId, e);
            return processing(holdId);
        }
        PaymentRun.Verdict verdict = run.verdict();
        LOG.info("payment steps ended holdId={} status={} outcome={} code={}", holdId, run.status(), verdict.outcome(),
                verdict.code());
        if (verdict.outcome() == PaymentRun.Outcome.PROCESSING) {
            return processing(holdId);
        }
        if (verdict.outcome() == PaymentRun.Outcome.HOLD_ENDED) {
            // The run found the hold no longer paying: one read of the hold says how it ended.
            Hold hold = holds.find(holdId).orElseThrow();
            if (TimerDecision.at(hold.status()) != TimerDecision.END) {
                return processing(holdId);
            }
            saga.stopTimer(holdId);
            return answer(hold).orElseGet(() -> processing(holdId));
        }
        // The hold has ended: its timer has nothing left to do.
        saga.stopTimer(holdId);
        return switch (verdict.outcome()) {
            case BOOKED -> new Outcome(200, result(holdId, "CONFIRMED"));
            case FAILED -> throw failed(verdict.code(), verdict.message());
            default -> throw holdExpired();
        };
    }

    private static Outcome processing(String holdId) {
        return new Outcome(202, result(holdId, "PROCESSING"));
    }

    /**
     * The use of the hold's discount code that starting its payment counts; 409
     * DISCOUNT_UNAVAILABLE when the code was withdrawn or expired since the checkout.
     */
    private HoldRepository.DiscountUse discountUse(Hold hold, Instant now) {
        if (hold.discountCode() == null) {
            return null;
        }
        DiscountCode code = DiscountCode.find(policies.current().get(PolicyKey.DISCOUNT_CODES), hold.discountCode())
                .filter(c -> !c.expiredAt(now))
                .orElseThrow(HoldRules::discountUnavailable);
        return new HoldRepository.DiscountUse(code.code(), code.maxUses());
    }

    /**
     * The fail redirect: the payer closed or failed the Toss window. The seat stays held until the
     * hold expires, so they can try again.
     */
    public Map<String, Object> fail(Principal who, JsonRequest body) {
        String holdId = body.requiredString("holdId", 64);
        body.rejectIf("holdId", holdId == null || IdRules.isId(holdId) ? null : IdRules.ID_RULE);
        String code = body.requiredString("code", 64);
        String message = body.optionalString("message", 500);
        body.throwIfInvalid();
        Hold hold = owned(who, holdId);
        MDC.put(LogKeys.HOLD_ID, holdId);
        if (hold.status() == HoldStatus.PENDING) {
            holds.recordPaymentFailure(holdId, code, message == null ? code : message);
            LOG.warn("payment failed in the Toss window holdId={} code={}", holdId, code);
            hold = holds.find(holdId).orElseThrow();
        }
        return HoldViews.hold(hold, clock.instant());
    }

    /** A second submit of the same payment gets the same answer; another payment for a used hold gets 409. */
    private Outcome resubmitted(Hold hold, String paymentKey) {
        boolean samePayment = paymentKey.equals(hold.paymentKey());
        if (!samePayment) {
            if (hold.status() == HoldStatus.PAYING || hold.status() == HoldStatus.CONFIRMED) {
                throw ApiException.conflict("ALREADY_PROCESSED", "This order was already paid.");
            }
            throw holdExpired();
        }
        metrics.count(Metric.DUPLICATE_SUBMIT);
        LOG.info("duplicate payment submit answered from the first holdId={} status={}", hold.holdId(), hold.status());
        // Still PAYING: the steps run again (idempotent) and answer the payment's outcome.
        return answer(hold).orElseGet(() -> pay(hold.holdId()));
    }

    /** The answer for a hold whose payment has an outcome; empty while the saga still works. */
    private static Optional<Outcome> answer(Hold hold) {
        return switch (hold.status()) {
            case CONFIRMED -> Optional.of(new Outcome(200, result(hold.holdId(), "CONFIRMED")));
            case FAILED -> throw failed(hold.failureCode(), hold.failureMessage());
            case EXPIRED, RELEASED -> throw holdExpired();
            default -> Optional.empty();
        };
    }

    /** Why a hold's payment failed, as the client should hear it. */
    private static ApiException failed(String failureCode, String failureMessage) {
        String code = failureCode == null ? "" : failureCode;
        return switch (code) {
            case HoldRules.BOOKING_FAILED -> ApiException.conflict(HoldRules.BOOKING_FAILED,
                    "The seat could not be booked; the payment was cancelled and refunded.");
            case HoldRules.REFUND_PENDING -> ApiException.conflict(HoldRules.BOOKING_FAILED,
                    "The seat could not be booked; the refund is being completed by our staff.");
            case HoldRules.PAYMENT_ERROR -> new ApiException(502, HoldRules.PAYMENT_ERROR,
                    "The payment service refused the request; nothing was charged.");
            case HoldRules.PAYMENT_KEY_USED -> paymentKeyUsed();
            case HoldRules.PAYMENT_NOT_COMPLETED -> new ApiException(502, HoldRules.PAYMENT_ERROR,
                    "The payment was not completed; nothing was charged.");
            default -> ApiException.paymentRejected(code, failureMessage == null || failureMessage.isBlank()
                    ? "The payment was declined." : failureMessage);
        };
    }

    private static Map<String, Object> result(String bookingId, String status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bookingId", bookingId);
        out.put("status", status);
        return out;
    }

    private Hold owned(Principal who, String holdId) {
        return holds.find(holdId).filter(h -> h.userId().equals(who.userId()))
                .orElseThrow(() -> ApiException.notFound("No hold " + holdId + "."));
    }

    private static ApiException paymentKeyUsed() {
        return ApiException.conflict(HoldRules.PAYMENT_KEY_USED,
                "이 결제는 다른 주문에 사용되었습니다. 결제창에서 다시 결제해 주세요.");
    }

    private static ApiException holdExpired() {
        return new ApiException(410, "HOLD_EXPIRED", "The hold has ended; nothing was charged. Pick the seat again.");
    }
}
