package kr.tickets.booking;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The refund flow as the cancel and reconciliation see it, in memory: what was started, what runs. */
final class FakeRefundFlowClient implements RefundFlowClient {
    final List<String> started = new ArrayList<>();
    final Set<String> running = new HashSet<>();
    RuntimeException startFailure;

    @Override
    public void start(String bookingId) {
        if (startFailure != null) {
            throw startFailure;
        }
        started.add(bookingId);
    }

    @Override
    public boolean running(String bookingId) {
        return running.contains(bookingId);
    }
}
