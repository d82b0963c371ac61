package kr.tickets.payment;

import java.util.Set;

/**
 * A Toss API call that did not succeed: Toss's own {@code {code, message}} with the HTTP status,
 * or TIMEOUT / NETWORK_ERROR when no answer came. {@link #kind()} is what the booking saga acts on.
 */
public class TossException extends RuntimeException {
    private static final Set<String> REJECTED = Set.of("REJECT_CARD_PAYMENT", "REJECT_CARD_COMPANY",
            "REJECT_ACCOUNT_PAYMENT", "INVALID_CARD_EXPIRATION", "INVALID_STOPPED_CARD", "EXCEED_MAX_DAILY_PAYMENT_COUNT",
            "EXCEED_MAX_PAYMENT_AMOUNT", "EXCEED_MAX_AMOUNT", "FDS_ERROR", "INVALID_CARD_LOST_OR_STOLEN",
            "NOT_SUPPORTED_INSTALLMENT_PLAN_CARD_OR_MERCHANT", "INVALID_CARD_NUMBER", "PAY_PROCESS_CANCELED",
            "PAY_PROCESS_ABORTED");
    private static final Set<String> TRANSIENT = Set.of("PROVIDER_ERROR", "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING",
            "FAILED_INTERNAL_SYSTEM_PROCESSING", "UNKNOWN_PAYMENT_ERROR", "FORBIDDEN_CONSECUTIVE_REQUEST",
            "FAILED_REFUND_PROCESS", "TIMEOUT", "NETWORK_ERROR");

    private final int httpStatus;
    private final String code;

    public TossException(int httpStatus, String code, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        if (REJECTED.contains(code)) {
            return Kind.REJECTED;
        }
        if (TRANSIENT.contains(code) || httpStatus >= 500) {
            return Kind.TRANSIENT;
        }
        return switch (code) {
            case "NOT_FOUND_PAYMENT_SESSION" -> Kind.SESSION_EXPIRED;
            case "ALREADY_PROCESSED_PAYMENT", "ALREADY_CANCELED_PAYMENT" -> Kind.ALREADY_PROCESSED;
            case "UNAUTHORIZED_KEY" -> Kind.MISCONFIGURED;
            default -> Kind.INVALID;
        };
    }

    /** How the saga treats a failure. */
    public enum Kind {
        /** The customer's card or account said no: 402 PAYMENT_REJECTED, release the seat. */
        REJECTED,
        /** Toss or the network failed for now: retry with backoff (the Idempotency-Key makes it safe). */
        TRANSIENT,
        /** The confirm came after Toss's payment session expired: the timeout branch. */
        SESSION_EXPIRED,
        /** Toss already did this (a retry after a lost answer): read the payment instead. */
        ALREADY_PROCESSED,
        /** Our secret key is wrong: an operator must act; nothing is charged. */
        MISCONFIGURED,
        /** Our request was wrong (e.g. amount or order id): nothing is charged. */
        INVALID
    }
}
