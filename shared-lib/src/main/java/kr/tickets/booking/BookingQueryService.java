package kr.tickets.booking;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.tickets.auth.Principal;
import kr.tickets.booking.receipt.ReceiptRenderer;
import kr.tickets.common.ApiException;
import kr.tickets.policy.PolicyKey;
import kr.tickets.policy.PolicyService;
import kr.tickets.users.Role;

/**
 * A user's booking and its screen receipt (requirements §4.2, §5.1). A booking keeps its hold's
 * id, so while the saga still confirms the payment the same id answers with the hold's state.
 * Another user's booking is 404, as if it did not exist; an admin may read any.
 *
 * <pre>{@code GET /bookings/{bookingId}/receipt  (Accept: text/html for the printable page)}</pre>
 */
@Singleton
@Requires(beans = {HoldRepository.class, PolicyService.class})
public class BookingQueryService {
    private final HoldRepository holds;
    private final ReceiptRenderer receipts;
    private final PolicyService policies;
    private final Clock clock;

    public BookingQueryService(HoldRepository holds, ReceiptRenderer receipts, PolicyService policies, Clock clock) {
        this.holds = holds;
        this.receipts = receipts;
        this.policies = policies;
        this.clock = clock;
    }

    /** The booking, or {@code {bookingId, status}} (PROCESSING, FAILED, EXPIRED) before or instead of one. */
    public Map<String, Object> booking(Principal who, String bookingId) {
        return holds.findBooking(bookingId).filter(b -> readable(who, b.userId()))
                .map(b -> view(b, CancellationRules.cancellableUntil(b.scheduleStartAt(),
                        policies.current().get(PolicyKey.CANCELLATION_HOURS).asInt())))
                .orElseGet(() -> {
                    Hold hold = holds.find(bookingId).filter(h -> readable(who, h.userId()))
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

    /** The booking if {@code who} may read it (its owner, or an admin); 404 otherwise. */
    public Booking owned(Principal who, String bookingId) {
        return holds.findBooking(bookingId).filter(b -> readable(who, b.userId()))
                .orElseThrow(() -> ApiException.notFound("No booking " + bookingId + "."));
    }

    private static boolean readable(Principal who, String ownerId) {
        return who.role() == Role.ADMIN || ownerId.equals(who.userId());
    }

    public Map<String, Object> receipt(Principal who, String bookingId) {
        return receipts.screen(owned(who, bookingId));
    }

    public String receiptHtml(Principal who, String bookingId) {
        return receipts.html(owned(who, bookingId));
    }

    /**
     * Everything §5.1 lists, the payment, and the cancel: {@code cancellableUntil} (the policy's
     * deadline before the show), {@code cancellation} (null until a cancel is accepted; its
     * {@code refund.amount} is what Toss refunded once DONE, the whole total before) and the
     * status {@code history}, oldest first.
     */
    static Map<String, Object> view(Booking b, Instant cancellableUntil) {
        Map<String, Object> out = head(b);
        out.put("scheduleId", b.scheduleId());
        out.put("scheduleStartAt", b.scheduleStartAt().toString());
        out.put("grade", b.gradeName());
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
        out.put("cancellableUntil", cancellableUntil.toString());
        out.put("cancellation", cancellation(b));
        out.put("history", history(b.history()));
        return out;
    }

    /** What every view of a booking begins with: id, number, date, status and buyer (the detail, the admin's list). */
    public static Map<String, Object> head(Booking b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bookingId", b.bookingId());
        out.put("bookingNumber", b.bookingNumber());
        out.put("bookedAt", b.bookedAt().toString());
        out.put("status", b.status().name());
        out.put("userId", b.userId());
        return out;
    }

    private static Map<String, Object> cancellation(Booking b) {
        Booking.Cancellation c = b.cancellation();
        if (c == null) {
            return null;
        }
        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("status", c.refundStatus().name());
        refund.put("amount", c.refundStatus() == Booking.RefundStatus.DONE ? c.refundedAmount() : b.price().total());
        refund.put("refundedAt", c.refundedAt() == null ? null : c.refundedAt().toString());
        refund.put("attempts", c.attempts());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requestedAt", c.requestedAt().toString());
        out.put("byAdmin", c.byAdmin());
        out.put("reason", c.reason());
        out.put("refund", refund);
        return out;
    }

    private static List<Map<String, Object>> history(List<Booking.StatusChange> history) {
        return history.stream().map(change -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("status", change.status().name());
            entry.put("at", change.at().toString());
            entry.put("note", change.note());
            return entry;
        }).toList();
    }
}
