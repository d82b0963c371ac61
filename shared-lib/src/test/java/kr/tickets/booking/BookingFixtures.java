package kr.tickets.booking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kr.tickets.auth.Principal;
import kr.tickets.catalog.CatalogKeys;
import kr.tickets.catalog.Genre;
import kr.tickets.catalog.Grade;
import kr.tickets.catalog.InMemoryCatalogRepository;
import kr.tickets.catalog.Performance;
import kr.tickets.catalog.Schedule;
import kr.tickets.catalog.Seat;
import kr.tickets.catalog.Venue;
import kr.tickets.users.Role;
import kr.tickets.users.User;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One performance for the booking tests: 레미제라블 at 블루스퀘어, ticketing open from
 * 2030-04-10 01:00Z to 2030-05-31, one schedule on 2030-05-01 10:00Z; 1층 row A (VIP,
 * 150,000 KRW) has seats 1층-A-1 and 1층-A-2, 1층 row B (R, 100,000 KRW) seat 1층-B-1.
 */
final class BookingFixtures {
    static final Instant TICKETING_OPENS = Instant.parse("2030-04-10T01:00:00Z");
    static final Instant NOW = Instant.parse("2030-04-10T02:00:00Z");
    static final String PERFORMANCE = "perf-1";
    static final String SCHEDULE = "sched-1";
    static final String SEAT = "1층-A-1";
    static final String OTHER_SEAT = "1층-A-2";
    static final String R_SEAT = "1층-B-1";
    static final long VIP_PRICE = 150_000;
    /** The default booking fee (policy booking.feeKrw). */
    static final long FEE = 2_000;
    static final Duration HOLD_TIME = Duration.ofMinutes(10);

    private BookingFixtures() {
    }

    static InMemoryCatalogRepository catalog() {
        InMemoryCatalogRepository catalog = new InMemoryCatalogRepository();
        catalog.createVenue(new Venue("venue-1", "블루스퀘어", "서울 용산구 이태원로 294", 3, List.of("1층"), NOW),
                List.of(new Seat(SEAT, "1층 A열 1번", "1층", "A", 1, 0, 0),
                        new Seat(OTHER_SEAT, "1층 A열 2번", "1층", "A", 2, 1, 0),
                        new Seat(R_SEAT, "1층 B열 1번", "1층", "B", 1, 0, 1)));
        Instant show = Instant.parse("2030-05-01T10:00:00Z");
        catalog.createPerformance(new Performance(PERFORMANCE, "레미제라블", Genre.MUSICAL, "venue-1", "블루스퀘어", 180,
                        "https://img.example/les.jpg", "민중의 노래", TICKETING_OPENS, Instant.parse("2030-05-31T00:00:00Z"),
                        List.of(new Grade("G1", "VIP", "#aa0000", VIP_PRICE, 2), new Grade("G2", "R", "#00aa00", 100_000, 1)),
                        show, show, List.of("2030-05-01"), NOW.minus(Duration.ofDays(30)), 1),
                Map.of(SEAT, "G1", OTHER_SEAT, "G1", R_SEAT, "G2"),
                List.of(new Schedule(SCHEDULE, PERFORMANCE, show, show, Map.of("G1", 2, "G2", 1), 0, 1)));
        return catalog;
    }

    static User user(String userId, String name) {
        return new User(userId, name, userId + "@example.com", "010-0000-" + Math.abs(userId.hashCode() % 10000),
                Role.USER, "not-a-hash", NOW, NOW, 1);
    }

    static Principal principal(String userId) {
        return new Principal(userId, Role.USER, "token-of-" + userId, "family-of-" + userId, NOW.plusSeconds(900));
    }

    /** A PENDING hold of a VIP seat for {@code userId} made at {@code now}, as SeatHoldService makes it. */
    static Hold newHold(String holdId, String userId, String seatId, Instant now) {
        String label = "1층 A열 " + seatId.substring(seatId.lastIndexOf('-') + 1) + "번";
        return new Hold(holdId, userId, "김민지", userId + "@example.com", SCHEDULE, PERFORMANCE, seatId, label, "G1",
                "VIP", HoldStatus.PENDING, now, now.plus(HOLD_TIME), HoldRules.orderId(holdId),
                HoldRules.orderName("레미제라블", label), new PriceBreakdown(VIP_PRICE, FEE, 0), null, null, null,
                null, null, null, 1);
    }

    /** Places a hold of {@link #SEAT} (see {@link #placeHold(InMemoryHoldRepository, String, String, String, Instant)}). */
    static Hold placeHold(InMemoryHoldRepository holds, String holdId, String userId, Instant now) {
        return placeHold(holds, holdId, userId, SEAT, now);
    }

    /** Places {@link #newHold} in {@code holds}, as the hold use case does. */
    static Hold placeHold(InMemoryHoldRepository holds, String holdId, String userId, String seatId, Instant now) {
        Hold hold = newHold(holdId, userId, seatId, now);
        holds.place(hold, null, holds.userSeats(userId, SCHEDULE), null, now);
        return holds.find(holdId).orElseThrow();
    }

    /** The booking the saga writes for a hold whose payment was approved. */
    static Booking booking(Hold hold, Booking.PaymentInfo payment, Instant now) {
        return new Booking(hold.holdId(), HoldRules.bookingNumber(hold.holdId(), now, 0), hold.userId(),
                hold.customerName(), hold.customerEmail(), hold.holdId(), hold.scheduleId(), hold.performanceId(),
                "레미제라블", null, "블루스퀘어", Instant.parse("2030-05-01T10:00:00Z"), hold.seatId(), hold.seatLabel(),
                hold.gradeName(), hold.price(), payment, Booking.Status.CONFIRMED, now);
    }

    /** A schedule's counters item as the catalog writes it: nothing held or booked, 1,000 seats of G1. */
    static Map<String, AttributeValue> freshScheduleCounters(String scheduleId) {
        Map<String, AttributeValue> counters = CatalogKeys.schedule(scheduleId);
        counters.put("heldSeats", AttributeValue.fromN("0"));
        counters.put("bookedSeats", AttributeValue.fromN("0"));
        counters.put("version", AttributeValue.fromN("0"));
        counters.put("remainingByGrade", AttributeValue.fromM(Map.of("G1", AttributeValue.fromN("1000"))));
        return counters;
    }
}
