package kr.tickets.booking.receipt;

/**
 * A receipt the mail service did not accept (rejected sender, throttling, network). The SQS
 * consumer reports its record as failed, so SQS redelivers it and, after the last attempt, moves
 * it to the dead-letter queue.
 */
public class ReceiptDeliveryException extends RuntimeException {
    private final String bookingId;
    private final String errorCode;

    public ReceiptDeliveryException(String bookingId, String errorCode, String message, Throwable cause) {
        super("receipt of booking " + bookingId + " not sent: " + message, cause);
        this.bookingId = bookingId;
        this.errorCode = errorCode;
    }

    public String bookingId() {
        return bookingId;
    }

    /** The service's error code ("MessageRejected", "TooManyRequestsException", …), or null without a reply. */
    public String errorCode() {
        return errorCode;
    }
}
