package kr.tickets.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The DiscountThrottle port in memory, with {@link DynamoDiscountThrottle}'s fixed window. */
public final class InMemoryDiscountThrottle implements DiscountThrottle {
    private record Window(int failures, long endsAt) {
    }

    private final Map<String, Window> windows = new HashMap<>();

    @Override
    public Optional<Duration> lockedFor(String userId, Instant now) {
        Window window = windows.get(userId);
        long left = window == null ? 0 : window.endsAt() - now.getEpochSecond();
        return window != null && window.failures() >= HoldRules.WRONG_CODES && left > 0
                ? Optional.of(Duration.ofSeconds(left)) : Optional.empty();
    }

    @Override
    public void recordWrongCode(String userId, Instant now) {
        Window window = windows.get(userId);
        if (window == null || window.endsAt() <= now.getEpochSecond()) {
            windows.put(userId, new Window(1, now.plus(HoldRules.WRONG_CODE_WINDOW).getEpochSecond()));
        } else {
            windows.put(userId, new Window(window.failures() + 1, window.endsAt()));
        }
    }
}
