package kr.tickets.booking;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.tickets.auth.Principal;
import kr.tickets.booking.receipt.ReceiptRenderer;
import kr.tickets.common.ApiException;

/**
 * A user's booking and its screen receipt (requirements §4.2, §5.1). A booking keeps its hold's
 * id, so while the saga still confirms the payment the same id answers with the hold's state.
 *
 * <pre>{@code GET /bookings/{bookingId}/receipt  (Accept: text/html for the printable page)}</pre>
 */
@Singleton
@Requires(beans = HoldRepository.class)
public class BookingQueryService {
    private final HoldRepository holds;
    private final ReceiptRenderer receipts;
    private final Clock clock;

    public BookingQueryService(HoldRepository holds, ReceiptRenderer receipts, Clock clock) {
        this.holds = holds;
        this.receipts = receipts;
        this.clock = clock;
    }

    /** The booking, or {@code {bookingId, status}} (PROCESSING, FAILED, EXPIRED) before or instead of one. */
    public Map<String, Object> booking(Principal who, String bookingId) {
        return holds.findBooking(bookingId).filter(b -> b.userId().equals(who.userId()))
                .map(BookingQueryService::view)
                .orElseGet(() -> {
                    Hold hold = holds.find(bookingId).filter(h -> h.userId().equals(who.userId()))
                            .orElseThrow(() -> ApiException.notFound("No booking " + bookingId + "."));
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("bookingId", bookingId);
                    HoldStatus status = HoldViews.statusAt(hold, clock.instant());
                    out.put("status", status == HoldStatus.PAYING ? "PROCESSING" : status.name());
                    if (hold.failureCode() != null && status == HoldStatus.FAILED) {
                        out.put("failure", Map.of("code", hold.failureCode(), "message", hold.failureMessage()));
                    }
                    return out;
                });
    }

    public Booking owned(Principal who, String bookingId) {
        return holds.findBooking(bookingId).filter(b -> b.userId().equals(who.userId()))
                .orElseThrow(() -> ApiException.notFound("No booking " + bookingId + "."));
    }

    public Map<String, Object> receipt(Principal who, String bookingId) {
        return receipts.screen(owned(who, bookingId));
    }

    public String receiptHtml(Principal who, String bookingId) {
        return receipts.html(owned(who, bookingId));
    }

    static Map<String, Object> view(Booking b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bookingId", b.bookingId());
        out.put("bookingNumber", b.bookingNumber());
        out.put("bookedAt", b.bookedAt().toString());
        out.put("status", b.status().name());
        out.put("scheduleId", b.scheduleId());
        out.put("scheduleStartAt", b.scheduleStartAt().toString());
        Map<String, Object> seat = new LinkedHashMap<>();
        seat.put("seatId", b.seatId());
        seat.put("label", b.seatLabel());
        seat.put("gradeName", b.gradeName());
        seat.put("price", b.price().seatPrice());
        out.put("seat", seat);
        out.put("amount", HoldViews.amount(b.price()));
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("method", b.payment().method());
        payment.put("methodLabel", b.payment().methodLabel());
        payment.put("approvedAt", b.payment().approvedAt().toString());
        payment.put("receiptUrl", b.payment().receiptUrl());
        out.put("payment", payment);
        Map<String, Object> performance = new LinkedHashMap<>();
        performance.put("performanceId", b.performanceId());
        performance.put("title", b.performanceTitle());
        performance.put("thumbnailUrl", b.thumbnailUrl());
        performance.put("venueName", b.venueName());
        out.put("performance", performance);
        return out;
    }
}
