package kr.tickets.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * The live state of a schedule's seats, small enough to poll every second: the layout version
 * it is drawn on, every seat's state as {@link SeatStateBits}, the remaining seats per grade, and
 * the schedule's version (which moves on with every change of a seat), read at {@code asOf}.
 */
public record SeatStatusSnapshot(String scheduleId, String performanceId, long layoutVersion, long version,
                                 int seatCount, String states, Map<String, Integer> remainingByGrade, Instant asOf) {

    public int remainingSeats() {
        return remainingByGrade.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Changes with the seats (schedule version) and with the layout they are drawn on. */
    public String etag() {
        return "\"status:" + scheduleId + ":" + version + ":" + layoutVersion + "\"";
    }
}
