package kr.tickets.ratelimit;

/** Atomic request counters per route, subject and window. */
public interface RateCounter {
    /** Counts one request of {@code subjectId} on {@code route} in {@code window}; the window's count, this one included. */
    long increment(RateLimitedRoute route, RateSubject subject, String subjectId, RateWindow window);
}
