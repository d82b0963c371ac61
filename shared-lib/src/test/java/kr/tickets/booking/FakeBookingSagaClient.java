package kr.tickets.booking;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The hold timer and the payment steps as the API functions see them, in memory. It records what
 * it was asked; a test decides whether starting a timer fails and what a run of the payment steps
 * does and answers (by default no answer came in time: the steps are still working).
 */
final class FakeBookingSagaClient implements BookingSagaClient {

    /** What a run of the payment steps does to the hold, and how Step Functions answers it. */
    interface PaymentSteps {
        PaymentRun run(String holdId);
    }

    /** Every hold whose timer was asked to start, also those that did not start. */
    final List<Hold> startAttempts = new ArrayList<>();
    final List<Hold> started = new ArrayList<>();
    /** The hold of each run of the payment steps, in order. */
    final List<String> paymentRuns = new ArrayList<>();
    final List<String> stoppedTimers = new ArrayList<>();
    RuntimeException startFailure;
    PaymentSteps onPayment = holdId -> PaymentRun.unanswered();
    /** Holds whose timer is still running, as reconciliation asks. */
    final Set<String> running = new HashSet<>();

    @Override
    public void start(Hold hold) {
        startAttempts.add(hold);
        if (startFailure != null) {
            throw startFailure;
        }
        started.add(hold);
    }

    @Override
    public PaymentRun runPayment(String holdId) {
        paymentRuns.add(holdId);
        return onPayment.run(holdId);
    }

    @Override
    public void stopTimer(String holdId) {
        stoppedTimers.add(holdId);
    }

    @Override
    public boolean running(String holdId) {
        return running.contains(holdId);
    }
}
