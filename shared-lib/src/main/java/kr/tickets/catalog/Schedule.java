package kr.tickets.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * One time a performance is played (회차). As stored ({@link CatalogRepository#findSchedule}),
 * {@code remainingByGrade} is each grade's seat count and {@code version} moves with admin changes
 * only; with live counts ({@link CatalogRepository#withLiveCounts}, {@link SeatClaims}: derived
 * from the seat claims, issue #11) {@code remainingByGrade} counts seats nobody holds or owns,
 * {@code bookedSeats} confirmed bookings, and {@code version} changes whenever a seat of this
 * schedule changes state: the seat map's ETag.
 */
public record Schedule(String scheduleId, String performanceId, Instant startAt, Instant endAt,
                       Map<String, Integer> remainingByGrade, int bookedSeats, long version) {

    public int remaining() {
        return remainingByGrade.values().stream().mapToInt(Integer::intValue).sum();
    }
}
