package kr.tickets.booking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@link BookingRepository} in memory, ordered by the same sort keys as DynamoDB
 * ({@link BookingKeys}), so the service's rules can be tested without moto. Cursors are sort keys,
 * as in {@link DynamoBookingRepository}; a page is full or the last one.
 */
final class InMemoryBookingRepository implements BookingRepository {
    private final List<Booking> bookings = new ArrayList<>();
    /** How many list reads were made, for "one read a page". */
    int reads;

    void add(Booking booking) {
        bookings.add(booking);
    }

    @Override
    public Page<BookingLine> userBookings(UserBookingsQuery query) {
        boolean byDate = query.sort() == Sort.BOOKED_AT;
        Function<Booking, String> key = byDate ? b -> BookingKeys.dateSk(b.bookedAt(), b.bookingId())
                : b -> BookingKeys.titleEntry(b.userId(), b.performanceTitle(), b.bookedAt(), b.bookingId()).get("sk").s();
        if (query.cursor() != null && !(byDate ? BookingKeys.isDateSk(query.cursor())
                : BookingKeys.isTitleSk(query.cursor()))) {
            throw new InvalidCursor();
        }
        Page<Booking> page = page(b -> b.userId().equals(query.userId()) && !b.bookedAt().isBefore(query.bookedFrom()),
                key, query.ascending(), query.size(), query.cursor());
        return new Page<>(page.items().stream().map(b -> new BookingLine(b.bookingId(), b.bookingNumber(),
                b.bookedAt(), b.performanceTitle(), b.thumbnailUrl(), b.venueName(), b.scheduleStartAt(),
                b.status())).toList(), page.nextCursor());
    }

    @Override
    public Page<Booking> scheduleBookings(ScheduleBookingsQuery query) {
        if (query.cursor() != null && !BookingKeys.isScheduleSk(query.cursor(), query.status())) {
            throw new InvalidCursor();
        }
        return page(b -> b.scheduleId().equals(query.scheduleId())
                        && (query.status() == null || b.status() == query.status()),
                b -> BookingKeys.scheduleSk(b.status(), b.bookedAt(), b.bookingId()), true, query.size(),
                query.cursor());
    }

    private Page<Booking> page(Predicate<Booking> in, Function<Booking, String> key, boolean ascending, int size,
                               String cursor) {
        reads++;
        Comparator<String> order = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
        List<Booking> after = bookings.stream().filter(in)
                .filter(b -> cursor == null || order.compare(key.apply(b), cursor) > 0)
                .sorted(Comparator.comparing(key, order)).toList();
        List<Booking> shown = after.subList(0, Math.min(size, after.size()));
        return new Page<>(shown, after.size() > size ? key.apply(shown.get(size - 1)) : null);
    }
}
