package kr.tickets.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * A fixed counting window: every request in {@code [start, start + length)} counts against the same
 * limit, and a new window starts from zero. Windows are aligned on the epoch, so every container
 * agrees on them with no coordination.
 */
public record RateWindow(Instant start, Duration length) {
    /** The window of the application rate limit; the limits in the policy table are per window. */
    public static final Duration LENGTH = Duration.ofSeconds(10);

    public RateWindow {
        wholeSeconds(length);
    }

    /** The window of {@code length} that {@code now} falls in. */
    public static RateWindow containing(Instant now, Duration length) {
        long seconds = wholeSeconds(length);
        return new RateWindow(Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), seconds) * seconds), length);
    }

    private static long wholeSeconds(Duration length) {
        if (length.toSeconds() < 1 || !length.equals(Duration.ofSeconds(length.toSeconds()))) {
            throw new IllegalArgumentException("a window lasts a whole number of seconds: " + length);
        }
        return length.toSeconds();
    }

    public Instant end() {
        return start.plus(length);
    }

    /** Whole seconds from {@code now} until this window ends, at least 1 (what Retry-After says). */
    public long secondsLeft(Instant now) {
        long millis = Duration.between(now, end()).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
