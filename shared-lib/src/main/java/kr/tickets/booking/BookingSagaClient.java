package kr.tickets.booking;

/**
 * A hold's two flows in Step Functions, as the API functions drive them: the hold timer
 * (statemachines/booking.asl.json, one Standard execution per hold) and the payment steps
 * (statemachines/payment.asl.json, Express, run synchronously by the confirm).
 */
public interface BookingSagaClient {

    /**
     * Starts the hold's timer, which ends the hold at its {@code holdUntil} unless it was paid; its
     * name comes from the hold id, so a retry cannot start a second one.
     */
    void start(Hold hold);

    /**
     * Runs the payment steps of a PAYING hold and waits for their end; {@link PaymentRun#unanswered()}
     * when no answer came in time (the run may go on: the hold stays PAYING for its timer).
     */
    PaymentRun runPayment(String holdId);

    /** Stops the hold's timer once the hold has ended (best effort: a timer that fires finds it ended). */
    void stopTimer(String holdId);

    /** Whether the hold's timer is still running (and so will settle a payment left PAYING itself). */
    boolean running(String holdId);
}
