package kr.tickets.booking;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
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
 * Toss's redirects (requirements §4.2). A confirm checks the amount and the hold, hands the
 * payment to the hold's saga (which confirms it with Toss and books the seat) and waits a little
 * for the outcome; a fail leaves the seat held for another try.
 *
 * <pre>{@code POST /payments/confirm {"holdId": "…", "paymentKey": "tgen_…", "orderId": "T-…", "amount": 134000}}</pre>
 */
@Singleton
@Requires(beans = {HoldRepository.class, BookingSagaClient.class, PolicyService.class})
public class PaymentService {
    private static final Logger LOG = LoggerFactory.getLogger(PaymentService.class);
    private static final Duration TOKEN_WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);

    private final HoldRepository holds;
    private final BookingSagaClient saga;
    private final PolicyService policies;
    private final Clock clock;
    private final Metrics metrics;
    private final Duration outcomeWait;

    public PaymentService(HoldRepository holds, BookingSagaClient saga, PolicyService policies, Clock clock,
                          Metrics metrics, @Value("${payment.outcome.wait.seconds:10}") long outcomeWaitSeconds) {
        this.holds = holds;
        this.saga = saga;
        this.policies = policies;
        this.clock = clock;
        this.metrics = metrics;
        this.outcomeWait = Duration.ofSeconds(outcomeWaitSeconds);
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
        hold = withTaskToken(hold);
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
        // From here the hold is PAYING with its key on record: whatever happens to the hand-over,
        // the saga (its timeout path confirms a payment whose hand-over never arrived) or
        // reconciliation settles it with Toss. Nothing is put back.
        boolean handedOver;
        try {
            handedOver = saga.paymentSubmitted(hold.taskToken(), paymentKey, orderId, amount);
        } catch (RuntimeException e) {
            // A timeout or a lost answer may have reached Step Functions: never guess.
            LOG.error("payment hand-over to the saga had no clear answer holdId={}", holdId, e);
            return new Outcome(202, result(holdId, "PROCESSING"));
        }
        // Not handed over: the saga stopped waiting meanwhile, and its timeout path settles it.
        LOG.info("payment handed to the saga holdId={} handedOver={}", holdId, handedOver);
        return awaitOutcome(holdId);
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
        return answer(hold).orElseGet(() -> awaitOutcome(hold.holdId()));
    }

    private Outcome awaitOutcome(String holdId) {
        Instant deadline = Instant.now().plus(outcomeWait);
        while (true) {
            Hold hold = holds.find(holdId).orElseThrow();
            Optional<Outcome> answer = answer(hold);
            if (answer.isPresent()) {
                return answer.get();
            }
            if (Instant.now().isAfter(deadline)) {
                return new Outcome(202, result(holdId, "PROCESSING"));
            }
            sleep(POLL);
        }
    }

    /** The answer for a hold whose payment has an outcome; empty while the saga still works. */
    private static Optional<Outcome> answer(Hold hold) {
        return switch (hold.status()) {
            case CONFIRMED -> Optional.of(new Outcome(200, result(hold.holdId(), "CONFIRMED")));
            case FAILED -> throw failed(hold);
            case EXPIRED, RELEASED -> throw holdExpired();
            default -> Optional.empty();
        };
    }

    /** Why a hold's payment failed, as the client should hear it. */
    private static ApiException failed(Hold hold) {
        String code = hold.failureCode() == null ? "" : hold.failureCode();
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
            default -> ApiException.paymentRejected(code, hold.failureMessage() == null
                    ? "The payment was declined." : hold.failureMessage());
        };
    }

    private static Map<String, Object> result(String bookingId, String status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bookingId", bookingId);
        out.put("status", status);
        return out;
    }

    /** The saga stores its callback token a moment after the hold starts; a very quick payer may wait for it. */
    private Hold withTaskToken(Hold hold) {
        Instant deadline = Instant.now().plus(TOKEN_WAIT);
        while (hold.taskToken() == null) {
            if (Instant.now().isAfter(deadline)) {
                throw new ApiException(503, "SERVICE_UNAVAILABLE", "The payment cannot be taken yet; try again.");
            }
            sleep(POLL);
            hold = holds.find(hold.holdId()).orElseThrow();
        }
        return hold;
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

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
