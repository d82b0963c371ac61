package kr.tickets.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Counts failed logins per key and locks a key that failed too often. */
public interface LoginThrottle {
    /** How long the longest lock among {@code keys} still lasts, if any is locked. */
    Optional<Duration> lockedFor(List<String> keys, Instant now);

    void recordFailure(String key, ThrottlePolicy policy, Instant now);

    void reset(String key);
}
