package kr.tickets.ops;

import java.time.Instant;
import java.util.List;

/** The outcome of one clock check: an offset measured against one server, or no server answered. */
public sealed interface ClockCheckResult permits ClockCheckResult.Measured, ClockCheckResult.Unreachable {
    /** When the check ran, by the server clock (UTC). */
    Instant at();

    ClockStatus status();

    /** {@code offsetMs} = server clock − NTP time (signed); {@code delayMs} = round trip to {@code server}. */
    record Measured(long offsetMs, String server, long delayMs, Instant at) implements ClockCheckResult {
        @Override
        public ClockStatus status() {
            return ClockStatus.MEASURED;
        }
    }

    /** Every server in {@code tried} (in order) failed to answer. */
    record Unreachable(Instant at, List<String> tried) implements ClockCheckResult {
        public Unreachable {
            tried = List.copyOf(tried);
        }

        @Override
        public ClockStatus status() {
            return ClockStatus.UNREACHABLE;
        }
    }
}
