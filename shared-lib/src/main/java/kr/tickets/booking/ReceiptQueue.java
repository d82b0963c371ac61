package kr.tickets.booking;

/**
 * The receipt email's queue (ReceiptQueue → ReceiptsFunction → SES), for a booking made outside
 * the saga, whose own SendReceipt state sends the same message.
 */
public interface ReceiptQueue {
    /** Queues the receipt of {@code bookingId}; throws when the queue did not take it. */
    void send(String bookingId);
}
