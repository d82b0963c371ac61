package kr.tickets.booking.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import java.util.Map;
import kr.tickets.auth.Authenticator;
import kr.tickets.auth.Principal;
import kr.tickets.booking.BookingQueryService;
import kr.tickets.users.Role;

/** {@code /bookings/{bookingId}} and its screen receipt: the owner's, or any for an admin. */
@Controller("/bookings")
@Consumes(MediaType.ALL)
public class BookingsController {
    private final BookingQueryService bookings;
    private final Authenticator authenticator;

    public BookingsController(BookingQueryService bookings, Authenticator authenticator) {
        this.bookings = bookings;
        this.authenticator = authenticator;
    }

    @Get("/{bookingId}")
    public Map<String, Object> booking(@PathVariable String bookingId,
                                       @Header("Authorization") @Nullable String authorization) {
        return bookings.booking(authenticator.require(authorization, Role.USER), bookingId);
    }

    /** JSON, or the printable HTML page when the client prefers {@code text/html}. */
    @Get("/{bookingId}/receipt")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    public HttpResponse<?> receipt(@PathVariable String bookingId, @Header("Accept") @Nullable String accept,
                                   @Header("Authorization") @Nullable String authorization) {
        Principal who = authenticator.require(authorization, Role.USER);
        if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
            return HttpResponse.ok(bookings.receiptHtml(who, bookingId))
                    .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=UTF-8");
        }
        return HttpResponse.ok(bookings.receipt(who, bookingId));
    }
}
