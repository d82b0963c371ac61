package kr.tickets.booking;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.tickets.common.ApiException;
import kr.tickets.common.CursorSigner;
import kr.tickets.common.FieldError;

/**
 * The booking lists: a user's own bookings of the last 365 days (requirements §5.1), by booking
 * date or by show title, and an admin's list of one schedule's bookings. Parameters sent empty
 * mean "not given", as forms send them. Cursors are signed for the list they were made for (the
 * user or the schedule, the sort, the order, the status filter), so an edited one, another
 * user's, or one of another order is a 400 before it reaches DynamoDB.
 *
 * <pre>{@code GET /me/bookings?sort=title&order=asc&size=20
 * GET /admin/schedules/{scheduleId}/bookings?status=CONFIRMED&size=50}</pre>
 */
@Singleton
@Requires(beans = {BookingRepository.class, CursorSigner.class})
public class BookingListService {
    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 50;
    static final String INVALID_CURSOR = "is not a cursor this list handed out for this sort";

    private final BookingRepository bookings;
    private final Clock clock;
    private final BeanProvider<CursorSigner> cursors;

    public BookingListService(BookingRepository bookings, Clock clock, BeanProvider<CursorSigner> cursors) {
        this.bookings = bookings;
        this.clock = clock;
        this.cursors = cursors;
    }

    /**
     * A page of the caller's bookings, as the client asked for it (each value null or blank when not
     * given): {@code sort} bookedAt|title (default bookedAt), {@code order} asc|desc (default desc),
     * {@code size} 1–50 (20), {@code cursor} from the previous page.
     */
    public record MyBookingsRequest(String userId, String sort, String order, String size, String cursor) {
    }

    /** A page of a schedule's bookings: {@code status} one of {@link Booking.Status} (default all), {@code size}, {@code cursor}. */
    public record ScheduleBookingsRequest(String scheduleId, String status, String size, String cursor) {
    }

    public BookingRepository.Page<BookingRepository.BookingLine> mine(MyBookingsRequest request) {
        String userId = request.userId();
        Map<String, String> params = given("sort", request.sort(), "order", request.order(), "size", request.size(),
                "cursor", request.cursor());
        List<FieldError> errors = new ArrayList<>();
        BookingRepository.Sort sort = switch (params.getOrDefault("sort", "bookedAt")) {
            case "bookedAt" -> BookingRepository.Sort.BOOKED_AT;
            case "title" -> BookingRepository.Sort.TITLE;
            default -> {
                errors.add(new FieldError("sort", "must be bookedAt or title"));
                yield null;
            }
        };
        String order = params.getOrDefault("order", "desc");
        if (!order.equals("asc") && !order.equals("desc")) {
            errors.add(new FieldError("order", "must be asc or desc"));
        }
        int size = size(params, errors);
        String purpose = "bookings:" + userId + ":" + sort + ":" + order;
        String position = position(purpose, params, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        try {
            return signed(purpose, bookings.userBookings(new BookingRepository.UserBookingsQuery(userId, sort,
                    order.equals("asc"), clock.instant().minus(BookingKeys.LIST_WINDOW), size, position)));
        } catch (BookingRepository.InvalidCursor e) {
            throw ApiException.validation("cursor", INVALID_CURSOR);
        }
    }

    /** The caller checked the role. */
    public BookingRepository.Page<Booking> ofSchedule(ScheduleBookingsRequest request) {
        String scheduleId = request.scheduleId();
        Map<String, String> params = given("status", request.status(), "size", request.size(), "cursor",
                request.cursor());
        List<FieldError> errors = new ArrayList<>();
        Booking.Status status = null;
        if (params.containsKey("status")) {
            try {
                status = Booking.Status.valueOf(params.get("status"));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "must be one of " + Arrays.toString(Booking.Status.values())));
            }
        }
        int size = size(params, errors);
        String purpose = "schedule-bookings:" + scheduleId + ":" + (status == null ? "ALL" : status.name());
        String position = position(purpose, params, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        try {
            return signed(purpose, bookings.scheduleBookings(new BookingRepository.ScheduleBookingsQuery(scheduleId,
                    status, size, position)));
        } catch (BookingRepository.InvalidCursor e) {
            throw ApiException.validation("cursor", INVALID_CURSOR);
        }
    }

    /** The parameters given, from name-value pairs: empty ones count as not given, as forms send them. */
    private static Map<String, String> given(String... pairs) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].isBlank()) {
                params.put(pairs[i], pairs[i + 1]);
            }
        }
        return params;
    }

    private static int size(Map<String, String> params, List<FieldError> errors) {
        String text = params.get("size");
        if (text == null) {
            return DEFAULT_PAGE;
        }
        try {
            int size = Integer.parseInt(text);
            if (size >= 1 && size <= MAX_PAGE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        errors.add(new FieldError("size", "must be a whole number from 1 to " + MAX_PAGE));
        return DEFAULT_PAGE;
    }

    /** The store's position a cursor stands for; a cursor not signed for {@code purpose} is an error. */
    private String position(String purpose, Map<String, String> params, List<FieldError> errors) {
        String cursor = params.get("cursor");
        if (cursor == null) {
            return null;
        }
        String position = cursors.get().verify(purpose, cursor).orElse(null);
        if (position == null) {
            errors.add(new FieldError("cursor", INVALID_CURSOR));
        }
        return position;
    }

    private <T> BookingRepository.Page<T> signed(String purpose, BookingRepository.Page<T> page) {
        return new BookingRepository.Page<>(page.items(),
                page.nextCursor() == null ? null : cursors.get().sign(purpose, page.nextCursor()));
    }
}
