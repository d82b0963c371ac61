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
        // CRC-32("A-1-3") mod 16 = 9, the same in any language (Python: zlib.crc32(b"A-1-3") % 16).
        assertEquals("SCHED#s1#9 / SEAT#A-1-3", key(CatalogKeys.seat("s1", "A-1-3")));
    }

    @Test
    void seatClaimsSpreadEvenlyOverTheShardsAndEveryShardIsListed() {
        int[] perShard = new int[CatalogKeys.SEAT_SHARDS];
        for (char section = 'A'; section <= 'D'; section++) {
            for (int row = 1; row <= 10; row++) {
                for (int number = 1; number <= 25; number++) {
                    String seatId = section + "-" + row + "-" + number;
                    int shard = CatalogKeys.seatShard(seatId);
                    perShard[shard]++;
                    assertEquals(CatalogKeys.seatShardPk("s1", shard), CatalogKeys.seat("s1", seatId).get("pk").s());
                }
            }
        }
        // 1,000 seats over 16 shards: 62.5 each on average; none far from it.
        for (int count : perShard) {
            assertTrue(count >= 45 && count <= 80, java.util.Arrays.toString(perShard));
        }
        assertEquals(CatalogKeys.SEAT_SHARDS, CatalogKeys.seatShardPks("s1").size());
        assertEquals("SCHED#s1#0", CatalogKeys.seatShardPks("s1").get(0));
        assertEquals("SCHED#s1#15", CatalogKeys.seatShardPks("s1").get(15));
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
