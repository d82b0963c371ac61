package kr.tickets.booking.receipt;

import java.time.Instant;
import kr.tickets.booking.Booking;
import kr.tickets.booking.PriceBreakdown;

/** Bookings to render in tests. */
final class Receipts {
    static final Instant SHOW = Instant.parse("2025-05-23T10:30:00Z");
    static final Instant BOOKED = Instant.parse("2025-05-01T03:04:05Z");
    static final Instant APPROVED = Instant.parse("2025-05-01T03:05:00Z");

    private Receipts() {
    }

    static Booking booking(String bookingId, String title, String email) {
        return new Booking(bookingId, "T20250501-0001", "user-1", "홍길동", email, "hold-1", "sched-1", "perf-1",
                title, "https://img.tickets.example/perf-1.jpg", "올림픽공원 KSPO DOME", SHOW,
                "A-1-7", "A구역 1열 7번", "VIP석", new PriceBreakdown(132_000, 2_000, 5_000),
                new Booking.PaymentInfo("CARD", "카드", "pay-key-1", APPROVED,
                        "https://dashboard.tosspayments.com/receipt/redirection?transactionId=tx_1&ref=PX"),
                Booking.Status.CONFIRMED, BOOKED);
    }

    static Booking booking() {
        return booking("0196a1b2-0000-7000-8000-000000000001", "아이유 콘서트 〈HEREH〉", "buyer@example.com");
    }

    static Booking cancelled(Booking b) {
        return new Booking(b.bookingId(), b.bookingNumber(), b.userId(), b.customerName(), b.customerEmail(),
                b.holdId(), b.scheduleId(), b.performanceId(), b.performanceTitle(), b.thumbnailUrl(), b.venueName(),
                b.scheduleStartAt(), b.seatId(), b.seatLabel(), b.gradeName(), b.price(), b.payment(),
                Booking.Status.CANCELLED, b.bookedAt());
    }
}
