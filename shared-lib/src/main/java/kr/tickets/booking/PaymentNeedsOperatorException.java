package kr.tickets.booking;

/**
 * Toss's record of a payment cannot be settled by rule (it captured another amount for the order,
 * or refused a cancel for good): retrying would not help and guessing could lose money, so the
 * saga ends as a failed execution and an operator settles it.
 */
public class PaymentNeedsOperatorException extends RuntimeException {
    public PaymentNeedsOperatorException(String message) {
        super(message);
    }
}
