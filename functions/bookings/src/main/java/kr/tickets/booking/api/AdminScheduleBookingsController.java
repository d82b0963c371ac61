package kr.tickets.booking.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.tickets.auth.Authenticator;
import kr.tickets.booking.Booking;
import kr.tickets.booking.BookingListService;
import kr.tickets.booking.BookingQueryService;
import kr.tickets.booking.BookingRepository;
import kr.tickets.users.Role;
import kr.tickets.web.Requests;

/** {@code GET /admin/schedules/{scheduleId}/bookings}: a schedule's bookings, for admins. */
@Controller("/admin/schedules")
@Consumes(MediaType.ALL)
public class AdminScheduleBookingsController {
    private final BookingListService lists;
    private final Authenticator authenticator;

    public AdminScheduleBookingsController(BookingListService lists, Authenticator authenticator) {
        this.lists = lists;
        this.authenticator = authenticator;
    }

    @Get("/{scheduleId}/bookings")
    public Map<String, Object> list(@PathVariable String scheduleId, HttpRequest<?> request,
                                    @Header("Authorization") @Nullable String authorization) {
        authenticator.require(authorization, Role.ADMIN);
        Map<String, String> query = Requests.lastQueryValues(request);
        BookingRepository.Page<Booking> page = lists.ofSchedule(new BookingListService.ScheduleBookingsRequest(
                scheduleId, query.get("status"), query.get("size"), query.get("cursor")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(AdminScheduleBookingsController::line).toList());
        out.put("nextCursor", page.nextCursor());
        return out;
    }

    private static Map<String, Object> line(Booking b) {
        Map<String, Object> out = BookingQueryService.head(b);
        out.put("customerName", b.customerName());
        out.put("seatId", b.seatId());
        out.put("seatLabel", b.seatLabel());
        out.put("gradeName", b.gradeName());
        out.put("total", b.price().total());
        return out;
    }
}
