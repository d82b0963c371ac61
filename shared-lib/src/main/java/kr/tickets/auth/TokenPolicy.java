package kr.tickets.auth;

import java.time.Duration;

/** Token lifetimes fixed by requirements §1.1: access 30 minutes, refresh 14 days. */
public final class TokenPolicy {
    public static final Duration ACCESS_TTL = Duration.ofMinutes(30);
    public static final Duration REFRESH_TTL = Duration.ofDays(14);
    public static final String ISSUER = "tickets";

    private TokenPolicy() {
    }
}
