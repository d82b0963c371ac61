package kr.tickets.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * One time a performance is played (회차). {@code remainingByGrade} counts seats nobody holds or
 * owns; {@code bookedSeats} counts confirmed bookings, which freeze the schedule's time and
 * prices. {@code version} changes whenever a seat of this schedule changes state, and is the
 * seat map's ETag.
 */
public record Schedule(String scheduleId, String performanceId, Instant startAt, Instant endAt,
                       Map<String, Integer> remainingByGrade, int bookedSeats, long version) {

    public int remaining() {
        return remainingByGrade.values().stream().mapToInt(Integer::intValue).sum();
    }
}
