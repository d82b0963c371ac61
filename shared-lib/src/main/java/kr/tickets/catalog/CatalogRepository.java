package kr.tickets.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Venues, performances and schedules. Every multi-item change is one transaction. */
public interface CatalogRepository {
    void createVenue(Venue venue, List<Seat> seats);

    Optional<Venue> findVenue(String venueId);

    /** Every seat of the venue, in layout order. */
    List<Seat> venueSeats(String venueId);

    void createPerformance(Performance performance, Map<String, String> gradeOfSeat, List<Schedule> schedules);

    Optional<Performance> findPerformance(String performanceId);

    /** Seat id → grade id for the performance. */
    Map<String, String> gradeOfSeat(String performanceId);

    /** The performance's schedules by start time, optionally only those starting in [from, to). */
    List<Schedule> schedules(String performanceId, Instant from, Instant to);

    Optional<Schedule> findSchedule(String scheduleId);

    /** Seat id → state for the seats of a schedule that are not AVAILABLE. */
    Map<String, SeatStatus> seatStates(String scheduleId, Instant now);

    /**
     * The schedule and its seats' states ({@link #seatStates}) as of one moment, or empty for an
     * unknown schedule. A store that can should read both in one request: this is what the
     * seat-status document reads once a second per schedule.
     */
    default Optional<ScheduleSeats> scheduleSeats(String scheduleId, Instant now) {
        return findSchedule(scheduleId).map(schedule -> new ScheduleSeats(schedule, seatStates(scheduleId, now)));
    }

    /**
     * {@code stored} (as {@link #findSchedule} or {@link #schedules} read it) with the remaining
     * seats, booked seats and version its seats have at {@code now}. A store whose schedules carry
     * live counters answers {@code stored}; one that derives them from the seat claims (DynamoDB,
     * issue #11) reads the claims.
     */
    default Schedule withLiveCounts(Schedule stored, Instant now) {
        return stored;
    }

    /** A schedule and seat id → state for its seats that are not AVAILABLE. */
    record ScheduleSeats(Schedule schedule, Map<String, SeatStatus> states) {
    }

    /**
     * Replaces a performance (guarded by its version) and applies schedule changes in the same
     * transaction: {@code put} schedules are written, {@code removed} deleted, and every schedule
     * in {@code mustBeUnsold} (as it was read) must still have that version and no held or booked
     * seat, or nothing is written and {@link CatalogConflict} is thrown.
     */
    void savePerformance(Performance current, Performance updated, Map<String, String> newGradeOfSeat,
                         List<Schedule> put, List<Schedule> removed, List<Schedule> mustBeUnsold);

    /** Removes the performance, its grade map and schedules, if none has a held or booked seat. */
    void deletePerformance(Performance performance, List<Schedule> schedules);

    /**
     * One page of the list, in the given order, starting after {@code cursor} (null: the first
     * page). Cursors here are the store's plain positions; the service signs them on the way out
     * and checks the signature on the way in, so only positions this store made come back.
     */
    PerformancePage listPerformances(PerformanceQuery query);

    /** A cursor this list did not hand out (or one of the other sort order). */
    final class InvalidCursor extends RuntimeException {
        public InvalidCursor() {
            super("invalid cursor");
        }
    }

    /** A change refused because of a concurrent edit or of seats already held or sold. */
    final class CatalogConflict extends RuntimeException {
        private final boolean sold;

        public CatalogConflict(boolean sold) {
            super(sold ? "seats already held or booked" : "changed concurrently");
            this.sold = sold;
        }

        public boolean sold() {
            return sold;
        }
    }
}
