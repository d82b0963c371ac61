package kr.tickets.payment;

/**
 * What this service keeps of a Toss payment object (amounts in KRW). {@code status} is Toss's:
 * READY and IN_PROGRESS (a window was opened or authenticated, nothing charged yet), DONE,
 * CANCELED, PARTIAL_CANCELED, ABORTED, EXPIRED (never approved). {@code balanceAmount} is what
 * is still charged after cancels; {@code approvedAt}, {@code method} and {@code receiptUrl} are
 * null while the payment was never approved.
 */
public record TossPayment(String paymentKey, String orderId, String status, String method, long totalAmount,
                          String approvedAt, String receiptUrl, long balanceAmount) {

    /** Without the balance: Toss's balance is the total until a cancel, and 0 after a full one. */
    public TossPayment(String paymentKey, String orderId, String status, String method, long totalAmount,
                       String approvedAt, String receiptUrl) {
        this(paymentKey, orderId, status, method, totalAmount, approvedAt, receiptUrl,
                "CANCELED".equals(status) ? 0 : totalAmount);
    }

    /** True when Toss holds money for this payment now: approved and not fully refunded. */
    public boolean charged() {
        return ("DONE".equals(status) || "PARTIAL_CANCELED".equals(status)) && balanceAmount > 0;
    }
}
