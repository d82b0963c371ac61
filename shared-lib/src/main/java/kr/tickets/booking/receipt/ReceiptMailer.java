package kr.tickets.booking.receipt;

import kr.tickets.booking.Booking;

/** Sends a booking's receipt to its customer. */
public interface ReceiptMailer {

    /**
     * Sends the receipt of {@code booking} to {@code booking.customerEmail()}.
     *
     * @return the mail service's id of the message
     * @throws ReceiptDeliveryException when the message was not accepted; the caller retries
     */
    String send(Booking booking);
}
