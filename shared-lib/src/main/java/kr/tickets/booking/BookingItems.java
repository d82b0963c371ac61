package kr.tickets.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A {@link Booking} as a DynamoDB item and back (keys are the repository's to add). */
final class BookingItems {
    private BookingItems() {
    }

    static Map<String, AttributeValue> item(Booking b) {
        Map<String, AttributeValue> item = new HashMap<>();
        put(item, "bookingId", b.bookingId());
        put(item, "bookingNumber", b.bookingNumber());
        put(item, "userId", b.userId());
        put(item, "customerName", b.customerName());
        put(item, "customerEmail", b.customerEmail());
        put(item, "holdId", b.holdId());
        put(item, "scheduleId", b.scheduleId());
        put(item, "performanceId", b.performanceId());
        put(item, "performanceTitle", b.performanceTitle());
        put(item, "thumbnailUrl", b.thumbnailUrl());
        put(item, "venueName", b.venueName());
        put(item, "scheduleStartAt", b.scheduleStartAt().toString());
        put(item, "seatId", b.seatId());
        put(item, "seatLabel", b.seatLabel());
        put(item, "gradeName", b.gradeName());
        item.put("seatPrice", DynamoHoldRepository.n(b.price().seatPrice()));
        item.put("fee", DynamoHoldRepository.n(b.price().fee()));
        item.put("discount", DynamoHoldRepository.n(b.price().discount()));
        put(item, "method", b.payment().method());
        put(item, "methodLabel", b.payment().methodLabel());
        put(item, "paymentKey", b.payment().paymentKey());
        put(item, "approvedAt", b.payment().approvedAt().toString());
        put(item, "receiptUrl", b.payment().receiptUrl());
        put(item, "status", b.status().name());
        put(item, "bookedAt", b.bookedAt().toString());
        Booking.Cancellation c = b.cancellation();
        if (c != null) {
            put(item, "cancelRequestedAt", c.requestedAt().toString());
            put(item, "cancelRequestedBy", c.requestedBy());
            item.put("cancelByAdmin", AttributeValue.fromBool(c.byAdmin()));
            put(item, "cancelReason", c.reason());
            put(item, "refundStatus", c.refundStatus().name());
            item.put("refundAttempts", DynamoHoldRepository.n(c.attempts()));
            put(item, "refundLastError", c.lastError());
            put(item, "refundedAt", c.refundedAt() == null ? null : c.refundedAt().toString());
            item.put("refundedAmount", DynamoHoldRepository.n(c.refundedAmount()));
        }
        item.put("history", history(b.history()));
        return item;
    }

    static AttributeValue history(List<Booking.StatusChange> history) {
        List<AttributeValue> out = new ArrayList<>();
        for (Booking.StatusChange change : history) {
            Map<String, AttributeValue> entry = new HashMap<>();
            put(entry, "status", change.status().name());
            put(entry, "at", change.at().toString());
            put(entry, "note", change.note());
            out.add(AttributeValue.fromM(entry));
        }
        return AttributeValue.fromL(out);
    }

    /**
     * The title entry of a booking (BookingKeys.titleEntry): what a line of GET /me/bookings shows,
     * with {@code bookedAtMs} for the 365-day cut while DynamoDB's TTL has not removed it yet.
     */
    static Map<String, AttributeValue> titleEntry(Booking b) {
        Map<String, AttributeValue> item = BookingKeys.titleEntry(b.userId(), b.performanceTitle(), b.bookedAt(),
                b.bookingId());
        put(item, "bookingId", b.bookingId());
        put(item, "bookingNumber", b.bookingNumber());
        put(item, "bookedAt", b.bookedAt().toString());
        item.put("bookedAtMs", DynamoHoldRepository.n(b.bookedAt().toEpochMilli()));
        put(item, "performanceId", b.performanceId());
        put(item, "performanceTitle", b.performanceTitle());
        put(item, "thumbnailUrl", b.thumbnailUrl());
        put(item, "venueName", b.venueName());
        put(item, "scheduleId", b.scheduleId());
        put(item, "scheduleStartAt", b.scheduleStartAt().toString());
        put(item, "status", b.status().name());
        item.put("expiresAt", DynamoHoldRepository.n(BookingKeys.titleEntryExpiry(b.bookedAt())));
        return item;
    }

    static Booking booking(Map<String, AttributeValue> item) {
        return new Booking(str(item, "bookingId"), str(item, "bookingNumber"), str(item, "userId"),
                str(item, "customerName"), str(item, "customerEmail"), str(item, "holdId"), str(item, "scheduleId"),
                str(item, "performanceId"), str(item, "performanceTitle"), str(item, "thumbnailUrl"),
                str(item, "venueName"), Instant.parse(str(item, "scheduleStartAt")), str(item, "seatId"),
                str(item, "seatLabel"), str(item, "gradeName"),
                new PriceBreakdown(DynamoHoldRepository.num(item, "seatPrice"), DynamoHoldRepository.num(item, "fee"),
                        DynamoHoldRepository.num(item, "discount")),
                DynamoHoldRepository.payment(item), Booking.Status.valueOf(str(item, "status")),
                Instant.parse(str(item, "bookedAt")), cancellation(item), history(item));
    }

    private static Booking.Cancellation cancellation(Map<String, AttributeValue> item) {
        if (!item.containsKey("cancelRequestedAt")) {
            return null;
        }
        AttributeValue byAdmin = item.get("cancelByAdmin");
        String refundedAt = str(item, "refundedAt");
        return new Booking.Cancellation(Instant.parse(str(item, "cancelRequestedAt")), str(item, "cancelRequestedBy"),
                byAdmin != null && Boolean.TRUE.equals(byAdmin.bool()), str(item, "cancelReason"),
                Booking.RefundStatus.valueOf(str(item, "refundStatus")),
                (int) DynamoHoldRepository.num(item, "refundAttempts"), str(item, "refundLastError"),
                refundedAt == null ? null : Instant.parse(refundedAt), DynamoHoldRepository.num(item, "refundedAmount"));
    }

    private static List<Booking.StatusChange> history(Map<String, AttributeValue> item) {
        AttributeValue history = item.get("history");
        if (history == null || !history.hasL()) {
            return List.of();
        }
        List<Booking.StatusChange> out = new ArrayList<>();
        for (AttributeValue entry : history.l()) {
            Map<String, AttributeValue> m = entry.m();
            out.add(new Booking.StatusChange(Booking.Status.valueOf(str(m, "status")), Instant.parse(str(m, "at")),
                    str(m, "note")));
        }
        return out;
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        return DynamoHoldRepository.str(item, name);
    }
}
