package kr.tickets.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * How one run of a hold's payment steps (statemachines/payment.asl.json, run synchronously by the
 * confirm) ended, as Step Functions answered: its status, its output (the last state's input:
 * {@code {"holdId", "toss", "booking", "cancel", "release"}}, each a step's
 * {@code {"outcome", "code", "message"}}) and, for a failed run, its error. {@link #verdict()} is
 * what that means for the buyer.
 */
public record PaymentRun(Status status, String output, String error) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The payment steps' end for a payment approved but neither booked nor refunded (RefundFailed state). */
    static final String REFUND_FAILED = "RefundFailed";

    /** StartSyncExecution's statuses; UNANSWERED when no answer came (a timeout, a lost answer). */
    public enum Status {
        SUCCEEDED, FAILED, TIMED_OUT, UNANSWERED
    }

    /** What the buyer hears. */
    public enum Outcome {
        /** The seat is booked (now or by an earlier run). */
        BOOKED,
        /** The hold ended FAILED with {@link Verdict#code()} (a decline, a refund, nothing charged). */
        FAILED,
        /** Toss's payment session ran out: the hold ended EXPIRED, nothing charged. */
        EXPIRED,
        /** The run found the hold no longer paying or already ended: the hold itself says how it ended. */
        HOLD_ENDED,
        /** No outcome yet: the hold stays PAYING and its timer (or reconciliation) settles it. */
        PROCESSING
    }

    public record Verdict(Outcome outcome, String code, String message) {
        static Verdict of(Outcome outcome) {
            return new Verdict(outcome, "", "");
        }
    }

    public static PaymentRun unanswered() {
        return new PaymentRun(Status.UNANSWERED, null, null);
    }

    /** {@code status} as Step Functions spells it (SUCCEEDED, FAILED, TIMED_OUT); anything else is unanswered. */
    public static PaymentRun of(String status, String output, String error) {
        Status parsed;
        try {
            parsed = status == null ? Status.UNANSWERED : Status.valueOf(status);
        } catch (IllegalArgumentException unknown) {
            parsed = Status.UNANSWERED;
        }
        return new PaymentRun(parsed, output, error);
    }

    public Verdict verdict() {
        if (status == Status.FAILED && REFUND_FAILED.equals(error)) {
            // Approved, not booked, and the refund failed: the hold was released REFUND_PENDING first.
            return new Verdict(Outcome.FAILED, HoldRules.REFUND_PENDING, "");
        }
        if (status != Status.SUCCEEDED) {
            return Verdict.of(Outcome.PROCESSING);
        }
        JsonNode out = parse(output);
        if ("CONFIRMED".equals(outcome(out, "booking")) || "BOOKED".equals(outcome(out, "cancel"))) {
            return Verdict.of(Outcome.BOOKED);
        }
        String released = outcome(out, "release");
        if (HoldStatus.FAILED.name().equals(released)) {
            return new Verdict(Outcome.FAILED, out.path("release").path("code").asText(""),
                    out.path("release").path("message").asText(""));
        }
        if (HoldStatus.EXPIRED.name().equals(released)) {
            return Verdict.of(Outcome.EXPIRED);
        }
        return Verdict.of(Outcome.HOLD_ENDED);
    }

    private static String outcome(JsonNode out, String step) {
        return out.path(step).path("outcome").asText("");
    }

    private static JsonNode parse(String output) {
        if (output == null || output.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(output);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
