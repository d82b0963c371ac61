package kr.tickets.booking.receipt;

/** One receipt email: a one-line subject and the same content as HTML and as plain text. */
public record ReceiptEmail(String subject, String html, String text) {
}
