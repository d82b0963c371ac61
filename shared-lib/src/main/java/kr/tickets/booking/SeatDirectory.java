package kr.tickets.booking;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kr.tickets.catalog.CatalogRepository;
import kr.tickets.catalog.Grade;
import kr.tickets.catalog.Performance;
import kr.tickets.catalog.Seat;

/**
 * A performance's seats with their labels and grades, kept per container. A ticket-open rush
 * asks for the same performance thousands of times; its layout and grade map are several large
 * items, and they only change with the performance's version (admins cannot regrade once a seat
 * is held), so the version is the cache key.
 */
@Singleton
@Requires(beans = CatalogRepository.class)
public class SeatDirectory {
    private static final int MAX_PERFORMANCES = 64;

    /** A seat as a hold needs it. */
    public record SeatInfo(String seatId, String label, Grade grade) {
    }

    private final CatalogRepository catalog;
    private final Map<String, Map<String, SeatInfo>> byPerformanceVersion = new ConcurrentHashMap<>();

    public SeatDirectory(CatalogRepository catalog) {
        this.catalog = catalog;
    }

    public Optional<SeatInfo> seat(Performance performance, String seatId) {
        String key = performance.performanceId() + "@" + performance.version();
        Map<String, SeatInfo> seats = byPerformanceVersion.get(key);
        if (seats == null) {
            seats = load(performance);
            if (byPerformanceVersion.size() >= MAX_PERFORMANCES) {
                byPerformanceVersion.clear();
            }
            byPerformanceVersion.put(key, seats);
        }
        return Optional.ofNullable(seats.get(seatId));
    }

    private Map<String, SeatInfo> load(Performance performance) {
        Map<String, Grade> grades = new HashMap<>();
        performance.grades().forEach(g -> grades.put(g.gradeId(), g));
        Map<String, String> gradeOfSeat = catalog.gradeOfSeat(performance.performanceId());
        Map<String, SeatInfo> out = new HashMap<>();
        for (Seat seat : catalog.venueSeats(performance.venueId())) {
            Grade grade = grades.get(gradeOfSeat.get(seat.seatId()));
            if (grade != null) {
                out.put(seat.seatId(), new SeatInfo(seat.seatId(), seat.label(), grade));
            }
        }
        return out;
    }
}
