package kr.tickets.booking.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.tickets.auth.Authenticator;
import kr.tickets.booking.BookingListService;
import kr.tickets.booking.BookingRepository;
import kr.tickets.users.Role;
import kr.tickets.web.Requests;

/** {@code GET /me/bookings}: the caller's bookings of the last 365 days. */
@Controller("/me/bookings")
@Consumes(MediaType.ALL)
public class MyBookingsController {
    private final BookingListService lists;
    private final Authenticator authenticator;

    public MyBookingsController(BookingListService lists, Authenticator authenticator) {
        this.lists = lists;
        this.authenticator = authenticator;
    }

    @Get
    public Map<String, Object> list(HttpRequest<?> request, @Header("Authorization") @Nullable String authorization) {
        String userId = authenticator.require(authorization, Role.USER).userId();
        Map<String, String> query = Requests.lastQueryValues(request);
        BookingRepository.Page<BookingRepository.BookingLine> page = lists.mine(new BookingListService.MyBookingsRequest(
                userId, query.get("sort"), query.get("order"), query.get("size"), query.get("cursor")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(MyBookingsController::line).toList());
        out.put("nextCursor", page.nextCursor());
        return out;
    }

    private static Map<String, Object> line(BookingRepository.BookingLine b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bookingId", b.bookingId());
        out.put("bookingNumber", b.bookingNumber());
        out.put("bookedAt", b.bookedAt().toString());
        out.put("performanceTitle", b.performanceTitle());
        out.put("thumbnailUrl", b.thumbnailUrl());
        out.put("venueName", b.venueName());
        out.put("scheduleStartAt", b.scheduleStartAt().toString());
        out.put("status", b.status().name());
        return out;
    }
}
