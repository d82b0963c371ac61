package kr.tickets.booking;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The booking saga as the API functions see it, in memory. It records what it was asked; a
 * test decides whether starting fails and what happens when a payment is handed over (by
 * default the saga takes it and is still working on it). Callback tokens are
 * {@code "token-<holdId>"}, as {@link BookingFixtures#placeHold} stores them.
 */
final class FakeBookingSagaClient implements BookingSagaClient {

    /** What the saga does with a payment handed to it; false when it no longer waits. */
    interface PaymentHandler {
        boolean submitted(String holdId, String paymentKey);
    }

    /** Every hold whose saga was asked to start, also those that did not start. */
    final List<Hold> startAttempts = new ArrayList<>();
    final List<Hold> started = new ArrayList<>();
    final List<Long> startedHoldSeconds = new ArrayList<>();
    final List<String> submittedPaymentKeys = new ArrayList<>();
    final List<String> releasedTokens = new ArrayList<>();
    RuntimeException startFailure;
    PaymentHandler onPayment = (holdId, paymentKey) -> true;
    /** Holds whose saga is still running, as reconciliation asks. */
    final Set<String> running = new HashSet<>();

    @Override
    public void start(Hold hold, long holdSeconds) {
        startAttempts.add(hold);
        if (startFailure != null) {
            throw startFailure;
        }
        started.add(hold);
        startedHoldSeconds.add(holdSeconds);
    }

    @Override
    public boolean paymentSubmitted(String taskToken, String paymentKey, String orderId, long amount) {
        submittedPaymentKeys.add(paymentKey);
        return onPayment.submitted(taskToken.substring("token-".length()), paymentKey);
    }

    @Override
    public boolean running(String holdId) {
        return running.contains(holdId);
    }

    @Override
    public boolean holdReleased(String taskToken) {
        releasedTokens.add(taskToken);
        return true;
    }
}
