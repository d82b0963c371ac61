package kr.tickets.ops;

import java.util.Optional;

/** Unit-test fake: keeps the last result in memory. */
public class InMemoryClockCheckStore implements ClockCheckStore {
    private ClockCheckResult last;

    @Override
    public synchronized void save(ClockCheckResult result) {
        last = result;
    }

    @Override
    public synchronized Optional<ClockCheckResult> last() {
        return Optional.ofNullable(last);
    }
}
