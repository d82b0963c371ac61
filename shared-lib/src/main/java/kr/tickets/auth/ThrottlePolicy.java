package kr.tickets.auth;

import java.time.Duration;

/**
 * How many failed logins a key (one account, or one client address) may have within a
 * window before it is locked out for a while.
 */
public record ThrottlePolicy(int maxFailures, Duration window, Duration lock) {
    /** Per account: 5 failures in 15 minutes lock it for 15 minutes. */
    public static final ThrottlePolicy ACCOUNT = new ThrottlePolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15));
    /** Per client address: generous enough for a shared office NAT, tight enough to stop spraying. */
    public static final ThrottlePolicy CLIENT = new ThrottlePolicy(20, Duration.ofMinutes(15), Duration.ofMinutes(15));
}
