package kr.tickets.booking.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import kr.tickets.auth.Authenticator;
import kr.tickets.auth.Principal;
import kr.tickets.booking.Booking;
import kr.tickets.booking.BookingCancelService;
import kr.tickets.booking.BookingCancelService.CancelCommand;
import kr.tickets.booking.BookingCancelService.CancelResult;
import kr.tickets.common.JsonRequest;
import kr.tickets.users.Role;
import kr.tickets.web.Requests;

/**
 * {@code POST /bookings/{id}/cancel} (the buyer, until the deadline) and
 * {@code POST /admin/bookings/{id}/cancel} (an admin, any booking, with a reason): 200 once Toss
 * refunded (CANCELLED), 202 while the refund is still pending (REFUND_PENDING).
 */
@Controller
@Consumes(MediaType.ALL)
public class BookingCancelController {
    private static final int REASON_MAX = 200;

    private final BookingCancelService cancels;
    private final Authenticator authenticator;

    public BookingCancelController(BookingCancelService cancels, Authenticator authenticator) {
        this.cancels = cancels;
        this.authenticator = authenticator;
    }

    @Post("/bookings/{bookingId}/cancel")
    public HttpResponse<Map<String, Object>> cancel(HttpRequest<?> request, @PathVariable String bookingId,
                                                    @Header("Authorization") @Nullable String authorization,
                                                    @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        return cancel(request, bookingId, authenticator.require(authorization, Role.USER), idempotencyKey, false);
    }

    @Post("/admin/bookings/{bookingId}/cancel")
    public HttpResponse<Map<String, Object>> adminCancel(HttpRequest<?> request, @PathVariable String bookingId,
                                                         @Header("Authorization") @Nullable String authorization,
                                                         @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        return cancel(request, bookingId, authenticator.require(authorization, Role.ADMIN), idempotencyKey, true);
    }

    private HttpResponse<Map<String, Object>> cancel(HttpRequest<?> request, String bookingId, Principal who,
                                                     String idempotencyKey, boolean asAdmin) {
        return answer(cancels.cancel(new CancelCommand(who, bookingId, reason(request), idempotencyKey, asAdmin)));
    }

    private static String reason(HttpRequest<?> request) {
        Optional<JsonRequest> body = Requests.optionalJson(request);
        if (body.isEmpty()) {
            return null;
        }
        String reason = body.get().optionalString("reason", REASON_MAX);
        body.get().throwIfInvalid();
        return reason;
    }

    private static HttpResponse<Map<String, Object>> answer(CancelResult result) {
        Booking b = result.booking();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bookingId", b.bookingId());
        out.put("bookingNumber", b.bookingNumber());
        out.put("status", b.status().name());
        out.put("cancellableUntil", result.cancellableUntil().toString());
        Booking.Cancellation c = b.cancellation();
        if (c != null) {
            Map<String, Object> refund = new LinkedHashMap<>();
            refund.put("status", c.refundStatus().name());
            refund.put("amount", b.price().total());
            refund.put("refundedAmount", c.refundedAmount());
            refund.put("refundedAt", c.refundedAt() == null ? null : c.refundedAt().toString());
            refund.put("attempts", c.attempts());
            out.put("refund", refund);
            out.put("cancelRequestedAt", c.requestedAt().toString());
            out.put("reason", c.reason());
        }
        return HttpResponse.<Map<String, Object>>status(result.refunded() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(out);
    }
}
