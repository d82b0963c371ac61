package kr.tickets.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The key design of CatalogTable (docs/data-model.md), which the stored data already follows. */
class CatalogKeysTest {
    private static String key(Map<String, AttributeValue> key) {
        return key.get("pk").s() + " / " + key.get("sk").s();
    }

    @Test
    void eachItemKindHasItsKey() {
        assertEquals("VENUE#v1 / META", key(CatalogKeys.venue("v1")));
        assertEquals("VENUE#v1 / SEATS#0003", key(CatalogKeys.venueSeats("v1", 3)));
        assertEquals("PERF#p1 / META", key(CatalogKeys.performance("p1")));
        assertEquals("PERF#p1 / GRADES#0000", key(CatalogKeys.grades("p1", 0)));
        assertEquals("PERF#p1 / SCHEDULES", key(CatalogKeys.performanceSchedules("p1")));
        assertEquals("SCHED#s1 / META", key(CatalogKeys.schedule("s1")));
        assertEquals("SCHED#s1 / SEAT#A-1-3", key(CatalogKeys.seat("s1", "A-1-3")));
    }

    @Test
    void aSeatItemGivesBackItsSeatId() {
        String sk = CatalogKeys.seat("s1", "1층-A-3").get("sk").s();

        assertTrue(CatalogKeys.isSeatSk(sk));
        assertFalse(CatalogKeys.isSeatSk(CatalogKeys.META));
        assertEquals("1층-A-3", CatalogKeys.seatIdOf(sk));
    }

    @Test
    void aCalendarRangeHoldsTheSchedulesThatStartInIt() {
        Instant from = Instant.parse("2027-03-01T00:00:00Z");
        Instant to = Instant.parse("2027-04-01T00:00:00Z");
        String inside = CatalogKeys.scheduleByTimeSk(Instant.parse("2027-03-15T10:00:00Z"), "s1");
        String after = CatalogKeys.scheduleByTimeSk(to, "s2");

        assertTrue(CatalogKeys.scheduleByTimeFrom(from).compareTo(inside) <= 0);
        assertTrue(inside.compareTo(CatalogKeys.scheduleByTimeTo(to)) <= 0);
        assertTrue(after.compareTo(CatalogKeys.scheduleByTimeFrom(from)) > 0);
        assertTrue(CatalogKeys.scheduleByTimeFrom(null).compareTo(inside) < 0);
        assertTrue(inside.compareTo(CatalogKeys.scheduleByTimeTo(null)) < 0);
    }
}
