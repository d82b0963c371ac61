package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import kr.tickets.catalog.CatalogKeys;
import kr.tickets.booking.BookingKeys;
import kr.tickets.localstack.AwsLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Toss and DynamoDB agree about an order, read from both sides as they are stored (the Toss
 * sandbox over Toss's API, the tables directly), not through the service's answers:
 * <ul>
 *   <li>Toss DONE ⇔ the booking is CONFIRMED, the hold CONFIRMED and the seat BOOKED by it, or the
 *       booking's cancel is accepted but not refunded (REFUND_PENDING, the seat PENDING for it);</li>
 *   <li>the booking CANCELLED ⇒ Toss CANCELED and the seat no longer its own;</li>
 *   <li>Toss CANCELED or no payment ⇔ no confirmed booking and the seat not BOOKED by it;</li>
 *   <li>the schedule's counters equal its seat items, and its remaining seats the rest.</li>
 * </ul>
 */
final class MoneyInvariants {

    private MoneyInvariants() {
    }

    /** What was found for one order, for the matrix's "observed" column. */
    record Observed(String toss, String hold, String booking, String seat) {
        @Override
        public String toString() {
            return "Toss " + toss + ", hold " + hold + ", booking " + booking + ", seat " + seat;
        }
    }

    static Observed check(Http http, Purchase purchase) {
        return check(http, purchase.scheduleId(), purchase.seatId(), purchase.holdId(), purchase.orderId());
    }

    static Observed check(Http http, String scheduleId, String seatId, String holdId, String orderId) {
        String tossStatus = tossStatus(orderId);
        try (DynamoDbClient dynamo = AwsLocal.dynamo(LocalService.shared().stack().endpoint())) {
            Map<String, AttributeValue> hold = item(dynamo, "BookingTable", BookingKeys.hold(holdId));
            Map<String, AttributeValue> booking = item(dynamo, "BookingTable", BookingKeys.booking(holdId));
            Map<String, AttributeValue> seat = item(dynamo, "CatalogTable", CatalogKeys.seat(scheduleId, seatId));
            String holdStatus = text(hold, "status");
            String bookingStatus = text(booking, "status");
            boolean seatBookedByIt = "BOOKED".equals(text(seat, "status")) && holdId.equals(text(seat, "bookingId"));
            // A cancel accepted but not yet refunded keeps both the money and the seat (PENDING, held back).
            boolean refunding = "REFUND_PENDING".equals(bookingStatus) && "PENDING".equals(text(seat, "status"))
                    && holdId.equals(text(seat, "refundOf"));
            boolean booked = "CONFIRMED".equals(bookingStatus) && "CONFIRMED".equals(holdStatus) && seatBookedByIt
                    || refunding;
            boolean paid = "DONE".equals(tossStatus);
            String where = "order " + orderId + ": Toss " + tossStatus + ", hold " + holdStatus + ", booking "
                    + bookingStatus + ", seat " + text(seat, "status") + " by " + text(seat, "holdId");
            assertEquals(paid, booked, "paid ⇔ booked, " + where);
            if ("CANCELLED".equals(bookingStatus)) {
                assertEquals("CANCELED", tossStatus, "refunded ⇔ cancelled, " + where);
                assertFalse(holdId.equals(text(seat, "holdId")), "a cancelled booking's seat is released, " + where);
            }
            if (!paid) {
                assertFalse("CONFIRMED".equals(bookingStatus), "no booking without a payment, " + where);
                assertFalse(seatBookedByIt, "the seat is not sold without a payment, " + where);
            }
            countersMatchSeats(http, dynamo, scheduleId);
            String seatState = seat.isEmpty() ? "AVAILABLE" : text(seat, "status")
                    + (holdId.equals(text(seat, "holdId")) ? "" : " (another hold)");
            return new Observed(tossStatus, holdStatus, bookingStatus == null ? "none" : bookingStatus, seatState);
        }
    }

    /**
     * The seat map's remaining seats are the schedule's seats without a live claim: the claims are
     * read from every shard (a PENDING claim whose holdUntil passed is free), and the remaining
     * seats the API derives from them (issue #11: no counter is stored) must agree.
     */
    static void countersMatchSeats(Http http, DynamoDbClient dynamo, String scheduleId) {
        long now = java.time.Instant.now().getEpochSecond();
        int live = 0;
        for (String shard : CatalogKeys.seatShardPks(scheduleId)) {
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> page = start;
                var result = dynamo.query(r -> r.tableName("CatalogTable").consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :seat)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(shard),
                                ":seat", AttributeValue.fromS(CatalogKeys.SEAT_PREFIX)))
                        .exclusiveStartKey(page));
                for (Map<String, AttributeValue> seat : result.items()) {
                    boolean expired = "PENDING".equals(text(seat, "status")) && seat.containsKey("holdUntil")
                            && Long.parseLong(seat.get("holdUntil").n()) <= now;
                    live += expired ? 0 : 1;
                }
                start = result.hasLastEvaluatedKey() && !result.lastEvaluatedKey().isEmpty() ? result.lastEvaluatedKey() : null;
            } while (start != null);
        }
        int total = 0;
        int remaining = 0;
        for (JsonNode grade : http.get("/schedules/" + scheduleId + "/seats").json().get("grades")) {
            total += grade.get("total").asInt();
            remaining += grade.get("remaining").asInt();
        }
        assertEquals(total - live, remaining, "remaining seats of " + scheduleId);
    }

    private static final Set<String> CHARGED = Set.of("DONE", "CANCELED", "PARTIAL_CANCELED");

    /**
     * What Toss holds for the order: its charged payment's status (DONE, CANCELED), else the
     * status of its last window (IN_PROGRESS, EXPIRED), else NONE.
     */
    static String tossStatus(String orderId) {
        String status = "NONE";
        for (JsonNode payment : LocalService.shared().tossSandbox().allPayments()) {
            if (orderId.equals(payment.path("orderId").asText())) {
                status = payment.path("status").asText();
                if (CHARGED.contains(status)) {
                    return status;
                }
            }
        }
        return status;
    }

    private static Map<String, AttributeValue> item(DynamoDbClient dynamo, String table,
                                                    Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key)).item();
        return item == null ? Map.of() : item;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
