package kr.tickets.booking;

import java.time.Instant;
import java.util.HashMap;
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
                Instant.parse(str(item, "bookedAt")));
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
