package kr.tickets.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The LoginThrottle port in memory, with the window logic of the DynamoDB adapter: failures
 * count within a fixed window that starts with the first one; reaching the policy's maximum
 * locks the key until {@code now + lock}; a new window starts once both have passed.
 */
public final class InMemoryLoginThrottle implements LoginThrottle {
    private final Map<String, Counter> counters = new HashMap<>();

    private static final class Counter {
        long failures;
        Instant windowEndsAt;
        Instant lockedUntil;
    }

    @Override
    public Optional<Duration> lockedFor(List<String> keys, Instant now) {
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            Counter counter = counters.get(key);
            if (counter != null && counter.lockedUntil != null) {
                Duration left = Duration.between(now, counter.lockedUntil);
                if (left.compareTo(longest) > 0) {
                    longest = left;
                }
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    @Override
    public void recordFailure(String key, ThrottlePolicy policy, Instant now) {
        Counter counter = counters.get(key);
        boolean windowOpen = counter != null && counter.windowEndsAt.isAfter(now);
        boolean locked = counter != null && counter.lockedUntil != null && counter.lockedUntil.isAfter(now);
        if (!windowOpen && !locked) {
            counter = new Counter();
            counter.windowEndsAt = now.plus(policy.window());
            counters.put(key, counter);
        }
        counter.failures++;
        if (counter.failures >= policy.maxFailures()) {
            counter.lockedUntil = now.plus(policy.lock());
        }
    }

    @Override
    public void reset(String key) {
        counters.remove(key);
    }

    public long failures(String key) {
        Counter counter = counters.get(key);
        return counter == null ? 0 : counter.failures;
    }
}
