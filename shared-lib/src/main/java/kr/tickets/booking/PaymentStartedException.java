package kr.tickets.booking;

/**
 * The hold timer's expiry step found the hold PAYING: a payment was started whose confirm never
 * finished. statemachines/booking.asl.json catches this class by name (Lambda's Java runtime
 * reports a thrown exception's class name as the error) and runs the payment steps. An error
 * rather than an answer, so that the common ends (released, already ended) end the execution in
 * the step itself: a Choice and a Succeed state fewer, two Standard transitions per unpaid hold.
 */
public class PaymentStartedException extends RuntimeException {
    public PaymentStartedException(String holdId) {
        super("hold " + holdId + " is PAYING: its payment steps run next");
    }
}
