package kr.tickets.ratelimit;

import java.util.HashMap;
import java.util.Map;

/** The RateCounter port in memory. */
public final class InMemoryRateCounter implements RateCounter {
    private final Map<String, Long> counts = new HashMap<>();

    @Override
    public synchronized long increment(RateLimitedRoute route, RateSubject subject, String subjectId, RateWindow window) {
        return counts.merge(route + "|" + subject + "|" + subjectId + "|" + window.start(), 1L, Long::sum);
    }

    /** The count of one window, 0 when nothing was counted in it. */
    public synchronized long count(RateLimitedRoute route, RateSubject subject, String subjectId, RateWindow window) {
        return counts.getOrDefault(route + "|" + subject + "|" + subjectId + "|" + window.start(), 0L);
    }
}
