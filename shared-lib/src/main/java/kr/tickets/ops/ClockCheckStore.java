package kr.tickets.ops;

import java.util.Optional;

/** Keeps the last clock check so that {@code /health} can report it. */
public interface ClockCheckStore {
    /** Replaces the last result. */
    void save(ClockCheckResult result);

    /** The last result, or empty when no check has run yet. */
    Optional<ClockCheckResult> last();
}
