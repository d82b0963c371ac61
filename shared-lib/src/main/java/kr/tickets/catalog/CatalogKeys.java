package kr.tickets.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The keys of CatalogTable (docs/data-model.md, "CatalogTable"): the one place that spells them,
 * for the catalog repository, the hold repository (seats and schedule counters), tests and
 * benchmarks.
 *
 * <ul>
 * <li>venue: {@code VENUE#<id> / META}, its layout in chunks {@code VENUE#<id> / SEATS#<nnnn>};</li>
 * <li>performance: {@code PERF#<id> / META} (GSI1 {@code PERFS / <createdAt ms>#<id>} for
 *     "latest", GSI2 {@code PERFS / <title sort key>\u0001<id>} for "name"), its grades in chunks
 *     {@code PERF#<id> / GRADES#<nnnn>}, the ids of its schedules {@code PERF#<id> / SCHEDULES};</li>
 * <li>schedule: {@code SCHED#<id> / META} (GSI1 {@code PERF#<performanceId> / SCHED#<startAt>#<id>}
 *     for a performance's calendar);</li>
 * <li>a seat held or booked (its claim): {@code SCHED#<id>#<shard> / SEAT#<seatId>}, the shard
 *     {@link #seatShard} of the seat id, so a schedule's claims spread over {@value #SEAT_SHARDS}
 *     partitions.</li>
 * </ul>
 */
public final class CatalogKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String META = "META";
    /** GSI1PK and GSI2PK of every performance: the catalog's lists. */
    public static final String PERFORMANCES = "PERFS";
    public static final String VENUE_SEATS_PREFIX = "SEATS#";
    public static final String GRADES_PREFIX = "GRADES#";
    public static final String SEAT_PREFIX = "SEAT#";
    private static final String SCHEDULE = "SCHED#";
    /**
     * How many partitions a schedule's seat claims are spread over. A ticket open must take 5,000
     * holds a second on one schedule (issue #11): each hold writes its claim transactionally (2 WCU
     * for an item under 1 KB), 10,000 WCU/s, and one partition takes at most 1,000 WCU/s, so at
     * least 10 partitions; 16 leaves each 625 WCU/s of claims, room for the payment start and the
     * confirm that write the same claims later, and a reader of every seat (the seat status, once a
     * second per schedule) makes 16 small Queries. Fixed for good: a seat's shard must never move
     * while claims exist, so changing it means moving every claim.
     */
    public static final int SEAT_SHARDS = 16;
    private static final String PERFORMANCE = "PERF#";

    private CatalogKeys() {
    }

    public static String venuePk(String venueId) {
        return "VENUE#" + venueId;
    }

    public static Map<String, AttributeValue> venue(String venueId) {
        return key(venuePk(venueId), META);
    }

    public static Map<String, AttributeValue> venueSeats(String venueId, int chunk) {
        return key(venuePk(venueId), chunk(VENUE_SEATS_PREFIX, chunk));
    }

    public static String performancePk(String performanceId) {
        return PERFORMANCE + performanceId;
    }

    public static Map<String, AttributeValue> performance(String performanceId) {
        return key(performancePk(performanceId), META);
    }

    public static Map<String, AttributeValue> grades(String performanceId, int chunk) {
        return key(performancePk(performanceId), chunk(GRADES_PREFIX, chunk));
    }

    /** The ids of a performance's schedules, in one item. */
    public static Map<String, AttributeValue> performanceSchedules(String performanceId) {
        return key(performancePk(performanceId), "SCHEDULES");
    }

    public static String schedulePk(String scheduleId) {
        return SCHEDULE + scheduleId;
    }

    /** A schedule: its times, counters and the seat map's version. */
    public static Map<String, AttributeValue> schedule(String scheduleId) {
        return key(schedulePk(scheduleId), META);
    }

    /** A seat of a schedule that is held or booked (its claim); an available seat has no item. */
    public static Map<String, AttributeValue> seat(String scheduleId, String seatId) {
        return key(seatShardPk(scheduleId, seatShard(seatId)), SEAT_PREFIX + seatId);
    }

    /**
     * The shard of a seat's claim, 0 to {@value #SEAT_SHARDS} - 1: CRC-32 of the seat id's UTF-8
     * bytes, so it is the same in every JVM and language (String.hashCode would do in Java alone)
     * and spreads neighbouring seats ({@code A-1-1}, {@code A-1-2}) over different partitions.
     */
    public static int seatShard(String seatId) {
        CRC32 crc = new CRC32();
        crc.update(seatId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % SEAT_SHARDS);
    }

    /** The partition of a schedule's seat claims of one shard. */
    public static String seatShardPk(String scheduleId, int shard) {
        if (shard < 0 || shard >= SEAT_SHARDS) {
            throw new IllegalArgumentException("no seat shard " + shard);
        }
        return schedulePk(scheduleId) + "#" + shard;
    }

    /** Every partition of a schedule's seat claims, what a reader of all its seats Queries. */
    public static List<String> seatShardPks(String scheduleId) {
        List<String> out = new ArrayList<>(SEAT_SHARDS);
        for (int shard = 0; shard < SEAT_SHARDS; shard++) {
            out.add(seatShardPk(scheduleId, shard));
        }
        return out;
    }

    /** The seat id of a {@link #seat} item's sort key. */
    public static String seatIdOf(String sk) {
        return sk.substring(SEAT_PREFIX.length());
    }

    public static boolean isSeatSk(String sk) {
        return sk.startsWith(SEAT_PREFIX);
    }

    /** GSI1SK of a schedule: a performance's schedules in time order. */
    public static String scheduleByTimeSk(Instant startAt, String scheduleId) {
        return SCHEDULE + startAt + "#" + scheduleId;
    }

    /** The lowest GSI1SK of a schedule starting at or after {@code from} (every schedule when null). */
    public static String scheduleByTimeFrom(Instant from) {
        return SCHEDULE + (from == null ? "" : from.toString());
    }

    /** Above every GSI1SK of a schedule starting before {@code to} (every schedule when null). */
    public static String scheduleByTimeTo(Instant to) {
        return SCHEDULE + (to == null ? "~" : to.toString());
    }

    /** A mutable key map, so an item can be built on it. */
    public static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(PK, AttributeValue.fromS(pk));
        key.put(SK, AttributeValue.fromS(sk));
        return key;
    }

    private static String chunk(String prefix, int chunk) {
        return prefix + String.format("%04d", chunk);
    }
}
