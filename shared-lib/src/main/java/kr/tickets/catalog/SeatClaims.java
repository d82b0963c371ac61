package kr.tickets.catalog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a schedule's seat claims say, read at one moment (issue #11: no counter is written per
 * hold). The live claims give each seat's state; an expired {@code PENDING} claim (its
 * {@code holdUntil} passed) is a free seat. From them the schedule's counters are derived:
 * remaining seats per grade (the grade's seats, stored on the schedule, minus its live claims),
 * booked seats, and the seat map's version, a digest of the schedule's stored version (which
 * admin changes move) and of every live state, so it changes exactly when the seat map does.
 */
public final class SeatClaims {
    /** The version is a JSON integer: 48 bits of the digest stay exact in every client. */
    private static final long VERSION_BITS = (1L << 48) - 1;

    private final Instant now;
    private final Map<String, SeatStatus> states = new HashMap<>();
    private final Map<String, Integer> takenByGrade = new HashMap<>();
    private int booked;

    public SeatClaims(Instant now) {
        this.now = now;
    }

    /**
     * One stored claim. {@code gradeId} may be null (claims written before issue #11 carry none:
     * they count as taken seats but under no grade); {@code holdUntil} is null for a claim that
     * never expires (booked, paying, being refunded).
     */
    public void add(String seatId, SeatStatus status, String gradeId, Instant holdUntil) {
        // An expired hold is free at once (holdUntil), long before TTL (expiresAt) removes it.
        if (status == SeatStatus.PENDING && holdUntil != null && !holdUntil.isAfter(now)) {
            return;
        }
        states.put(seatId, status);
        if (status == SeatStatus.BOOKED) {
            booked++;
        }
        if (gradeId != null) {
            takenByGrade.merge(gradeId, 1, Integer::sum);
        }
    }

    /** Seat id → state of every seat that is not AVAILABLE. */
    public Map<String, SeatStatus> states() {
        return states;
    }

    /**
     * The schedule as readers see it: {@code stored.remainingByGrade()} is each grade's seat count
     * (holds no longer change it), from which the live claims are taken.
     */
    public Schedule derive(Schedule stored) {
        Map<String, Integer> remaining = new LinkedHashMap<>();
        stored.remainingByGrade().forEach((grade, seats) ->
                remaining.put(grade, Math.max(0, seats - takenByGrade.getOrDefault(grade, 0))));
        return new Schedule(stored.scheduleId(), stored.performanceId(), stored.startAt(), stored.endAt(), remaining,
                booked, version(stored.version(), states));
    }

    /**
     * The seat map's version: the same for the same stored version and states (in any order),
     * different (but for a 2^-48 chance) when either differs; never 0. Not ordered: a client
     * compares it for equality only (it is the ETag).
     */
    static long version(long storedVersion, Map<String, SeatStatus> states) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Long.toString(storedVersion).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, SeatStatus> e : new TreeMap<>(states).entrySet()) {
                sha.update((byte) '\n');
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '=');
                sha.update(e.getValue().name().getBytes(StandardCharsets.UTF_8));
            }
            long digest = ByteBuffer.wrap(sha.digest()).getLong() & VERSION_BITS;
            return digest == 0 ? 1 : digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
