package kr.tickets.payment;

/** What this service keeps of a Toss payment object (amounts in KRW). */
public record TossPayment(String paymentKey, String orderId, String status, String method, long totalAmount,
                          String approvedAt, String receiptUrl) {
}
