package kr.tickets.auth;

import java.time.Duration;

/**
 * How many failed logins a key (one account from one client address, or one client address)
 * may have within a window before it is locked out for a while. There is deliberately no lock
 * per account alone: it would let anyone lock a chosen user out with five wrong passwords.
 */
public record ThrottlePolicy(int maxFailures, Duration window, Duration lock) {
    /** Per account and client address: 5 failures in 15 minutes lock that pair for 15 minutes. */
    public static final ThrottlePolicy ACCOUNT_AT_CLIENT = new ThrottlePolicy(5, Duration.ofMinutes(15), Duration.ofMinutes(15));
    /** Per client address: generous enough for a shared office NAT, tight enough to stop spraying. */
    public static final ThrottlePolicy CLIENT = new ThrottlePolicy(20, Duration.ofMinutes(15), Duration.ofMinutes(15));
}
