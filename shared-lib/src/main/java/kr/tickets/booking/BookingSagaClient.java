package kr.tickets.booking;

/** The booking saga (Step Functions) as the API functions drive it. */
public interface BookingSagaClient {
    /** Error the saga catches when the user released the hold themselves. */
    String HOLD_RELEASED = "HoldReleased";

    /** Starts the hold's execution; its name comes from the hold id, so a retry cannot start a second one. */
    void start(Hold hold, long holdSeconds);

    /** Hands the payment to the waiting saga; false when it no longer waits (the hold timed out). */
    boolean paymentSubmitted(String taskToken, String paymentKey, String orderId, long amount);

    /** Ends the saga's wait because the user released the hold; false when it no longer waits. */
    boolean holdReleased(String taskToken);

    /** Whether the hold's saga is still running (and so will settle its payment itself). */
    boolean running(String holdId);
}
