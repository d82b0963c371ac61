package kr.tickets.booking;

import java.time.Instant;
import java.util.List;

/**
 * The booking lists (requirements §5.1 and the admin's schedule list), each page one DynamoDB
 * Query on a key made for its order (docs/data-model.md, "BookingTable"). Cursors here are the
 * store's plain positions; {@link BookingListService} signs them on the way out and checks them
 * on the way in.
 */
public interface BookingRepository {

    /** How a user's list is ordered: by booking date, or by show title (then booking date). */
    enum Sort { BOOKED_AT, TITLE }

    /**
     * A page of the user's bookings made at or after {@code bookedFrom}, {@code size} at most,
     * after {@code cursor} (null: the first page).
     */
    record UserBookingsQuery(String userId, Sort sort, boolean ascending, Instant bookedFrom, int size,
                             String cursor) {
    }

    /** A page of a schedule's bookings, of one {@code status} or (null) all, grouped by status then by date. */
    record ScheduleBookingsQuery(String scheduleId, Booking.Status status, int size, String cursor) {
    }

    /** A line of "my bookings": what the list shows of a booking. */
    record BookingLine(String bookingId, String bookingNumber, Instant bookedAt, String performanceTitle,
                       String thumbnailUrl, String venueName, Instant scheduleStartAt, Booking.Status status) {
    }

    /** One page and the position after it (null on the last page). */
    record Page<T>(List<T> items, String nextCursor) {
    }

    /** A cursor this list did not hand out: its shape or its partition is not this query's. */
    final class InvalidCursor extends RuntimeException {
        public InvalidCursor() {
            super("invalid cursor");
        }
    }

    Page<BookingLine> userBookings(UserBookingsQuery query);

    Page<Booking> scheduleBookings(ScheduleBookingsQuery query);
}
