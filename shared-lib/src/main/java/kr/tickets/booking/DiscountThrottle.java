package kr.tickets.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Wrong discount codes per user at checkout: after {@link HoldRules#WRONG_CODES} within
 * {@link HoldRules#WRONG_CODE_WINDOW}, codes are refused with 429 until the window ends, so a
 * user cannot guess codes by trying them.
 */
public interface DiscountThrottle {
    /** How long the user must still wait before trying a code, if they are locked out. */
    Optional<Duration> lockedFor(String userId, Instant now);

    void recordWrongCode(String userId, Instant now);
}
