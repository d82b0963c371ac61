package kr.tickets.booking;

/** Starts the refund flow of a booking whose cancel was accepted (statemachines/refund.asl.json). */
public interface RefundFlowClient {

    /**
     * Starts the booking's one refund execution; starting it again while it runs, or after it
     * ended, changes nothing.
     */
    void start(String bookingId);

    /** True while the booking's refund execution runs. */
    boolean running(String bookingId);
}
