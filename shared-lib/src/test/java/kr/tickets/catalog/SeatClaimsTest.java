package kr.tickets.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counters and the seat map's version derived from a schedule's claims (issue #11). */
class SeatClaimsTest {
    private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");
    private static final Schedule STORED = new Schedule("s1", "p1", Instant.parse("2027-04-01T10:00:00Z"),
            Instant.parse("2027-04-01T12:00:00Z"), grades(3, 2), 0, 4);

    private static Map<String, Integer> grades(int vip, int r) {
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("VIP", vip);
        out.put("R", r);
        return out;
    }

    @Test
    void liveClaimsTakeSeatsOfTheirGradeAndExpiredHoldsAreFree() {
        SeatClaims claims = new SeatClaims(NOW);
        claims.add("A-1", SeatStatus.PENDING, "VIP", NOW.plusSeconds(60));
        claims.add("A-2", SeatStatus.BOOKED, "VIP", null);
        claims.add("A-3", SeatStatus.PENDING, "VIP", NOW);
        claims.add("B-1", SeatStatus.PENDING, "R", null);

        Schedule derived = claims.derive(STORED);

        assertEquals(grades(1, 1), derived.remainingByGrade());
        assertEquals(1, derived.bookedSeats());
        assertEquals(Map.of("A-1", SeatStatus.PENDING, "A-2", SeatStatus.BOOKED, "B-1", SeatStatus.PENDING),
                claims.states());
        assertEquals(STORED.startAt(), derived.startAt());
    }

    @Test
    void aClaimWithoutGradeIsASeatStateButNoGradesCount() {
        SeatClaims claims = new SeatClaims(NOW);
        claims.add("A-1", SeatStatus.PENDING, null, NOW.plusSeconds(60));

        assertEquals(grades(3, 2), claims.derive(STORED).remainingByGrade());
        assertEquals(Map.of("A-1", SeatStatus.PENDING), claims.states());
    }

    @Test
    void theVersionChangesExactlyWhenTheStatesOrTheStoredVersionDo() {
        long empty = SeatClaims.version(4, Map.of());
        long held = SeatClaims.version(4, Map.of("A-1", SeatStatus.PENDING));
        long booked = SeatClaims.version(4, Map.of("A-1", SeatStatus.BOOKED));
        long heldElsewhere = SeatClaims.version(4, Map.of("A-2", SeatStatus.PENDING));
        long twoSeats = SeatClaims.version(4, new java.util.TreeMap<>(Map.of("A-1", SeatStatus.PENDING,
                "A-2", SeatStatus.BOOKED)));
        long twoSeatsOtherOrder = SeatClaims.version(4, new LinkedHashMap<>(Map.of("A-2", SeatStatus.BOOKED,
                "A-1", SeatStatus.PENDING)));

        assertEquals(5, java.util.Set.of(empty, held, booked, heldElsewhere, twoSeats).size());
        assertEquals(twoSeats, twoSeatsOtherOrder);
        assertEquals(empty, SeatClaims.version(4, Map.of()));
        assertNotEquals(empty, SeatClaims.version(5, Map.of()));
        assertTrue(empty > 0 && empty < (1L << 48));
    }

    @Test
    void aHoldThatRunsOutChangesTheVersion() {
        SeatClaims before = new SeatClaims(NOW);
        before.add("A-1", SeatStatus.PENDING, "VIP", NOW.plusSeconds(1));
        SeatClaims after = new SeatClaims(NOW.plusSeconds(1));
        after.add("A-1", SeatStatus.PENDING, "VIP", NOW.plusSeconds(1));

        assertNotEquals(before.derive(STORED).version(), after.derive(STORED).version());
        // Run out, the seat is as free as if it had never been held.
        assertEquals(new SeatClaims(NOW).derive(STORED).version(), after.derive(STORED).version());
    }
}
