package kr.tickets.booking;

/**
 * A saga step failed for now (Toss or the network): the state machine retries it with backoff.
 * statemachines/booking.asl.json names this class in its Retry rules, as Lambda's Java runtime
 * reports a thrown exception's class name as the error.
 */
public class RetryableStepException extends RuntimeException {
    public RetryableStepException(String message, Throwable cause) {
        super(message, cause);
    }
}
