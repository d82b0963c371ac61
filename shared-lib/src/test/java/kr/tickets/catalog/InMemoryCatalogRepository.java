package kr.tickets.catalog;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The CatalogRepository port in memory, with the contract of the DynamoDB adapter:
 * <ul>
 *   <li>a performance change or delete whose {@code current.version()} is not the stored one
 *       throws {@code CatalogConflict(false)};</li>
 *   <li>a schedule in {@code mustBeUnsold} or {@code removed} (or of a deleted performance)
 *       that has a booked or held seat, or (in {@code mustBeUnsold}) changed version since it was
 *       read, throws {@code CatalogConflict(true)};</li>
 *   <li>either way nothing at all is written (one transaction);</li>
 *   <li>the list filters, sorts ({@code LATEST}: createdAt then id, newest first;
 *       {@code NAME}: NFKC lower-cased title then id) and pages with an opaque cursor that
 *       only the same sort order accepts ({@code InvalidCursor} otherwise). Unlike the
 *       adapter's index keys, times are compared as instants and titles as whole values
 *       (see the disabled cases in DynamoCatalogRepositoryIT): the fake keeps the contract.</li>
 * </ul>
 * Test hooks ({@link #book}, {@link #hold}, {@link #release}, {@link #changeConcurrently},
 * {@link #beforeNextWrite}) stand for what other writers do; they are not counted in {@link #writes()}.
 */
public final class InMemoryCatalogRepository implements CatalogRepository {
    private static final String CURSOR_PREFIX = "in-memory-cursor:";

    private final Map<String, Venue> venues = new LinkedHashMap<>();
    private final Map<String, List<Seat>> seatsOfVenue = new HashMap<>();
    private final Map<String, Performance> performances = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> gradeOfSeat = new HashMap<>();
    private final Map<String, Schedule> schedules = new LinkedHashMap<>();
    private final Map<String, Integer> heldSeats = new HashMap<>();
    private final Map<String, Map<String, SeatState>> seatStates = new HashMap<>();
    private int writes;
    private int listCalls;
    private Runnable beforeNextWrite;

    private record SeatState(SeatStatus status, Instant expiresAt) {
    }

    // --- venues -------------------------------------------------------------------------------

    @Override
    public void createVenue(Venue venue, List<Seat> seats) {
        if (venues.containsKey(venue.venueId())) {
            throw new IllegalStateException("venue " + venue.venueId() + " exists");
        }
        venues.put(venue.venueId(), venue);
        seatsOfVenue.put(venue.venueId(), List.copyOf(seats));
        writes++;
    }

    @Override
    public Optional<Venue> findVenue(String venueId) {
        return Optional.ofNullable(venues.get(venueId));
    }

    @Override
    public List<Seat> venueSeats(String venueId) {
        return seatsOfVenue.getOrDefault(venueId, List.of());
    }

    // --- performances -------------------------------------------------------------------------

    @Override
    public void createPerformance(Performance performance, Map<String, String> grades, List<Schedule> added) {
        if (performances.containsKey(performance.performanceId())
                || added.stream().anyMatch(s -> schedules.containsKey(s.scheduleId()))) {
            throw new IllegalStateException("performance or schedule exists");
        }
        performances.put(performance.performanceId(), performance);
        gradeOfSeat.put(performance.performanceId(), Map.copyOf(grades));
        added.forEach(s -> schedules.put(s.scheduleId(), s));
        writes++;
    }

    @Override
    public Optional<Performance> findPerformance(String performanceId) {
        return Optional.ofNullable(performances.get(performanceId));
    }

    @Override
    public Map<String, String> gradeOfSeat(String performanceId) {
        return gradeOfSeat.getOrDefault(performanceId, Map.of());
    }

    @Override
    public void savePerformance(Performance current, Performance updated, Map<String, String> newGradeOfSeat,
                                List<Schedule> put, List<Schedule> removed, List<Schedule> mustBeUnsold) {
        runBeforeWrite();
        checkVersion(current);
        checkUnsoldAtVersion(mustBeUnsold);
        checkUnsold(removed);
        performances.put(updated.performanceId(), updated);
        if (newGradeOfSeat != null) {
            gradeOfSeat.put(updated.performanceId(), Map.copyOf(newGradeOfSeat));
        }
        put.forEach(s -> schedules.put(s.scheduleId(), s));
        removed.forEach(s -> schedules.remove(s.scheduleId()));
        writes++;
    }

    @Override
    public void deletePerformance(Performance performance, List<Schedule> toDelete) {
        runBeforeWrite();
        checkVersion(performance);
        checkUnsold(toDelete);
        performances.remove(performance.performanceId());
        gradeOfSeat.remove(performance.performanceId());
        toDelete.forEach(s -> schedules.remove(s.scheduleId()));
        writes++;
    }

    private void runBeforeWrite() {
        Runnable change = beforeNextWrite;
        beforeNextWrite = null;
        if (change != null) {
            change.run();
        }
    }

    private void checkVersion(Performance current) {
        Performance stored = performances.get(current.performanceId());
        if (stored == null || stored.version() != current.version()) {
            throw new CatalogConflict(false);
        }
    }

    /** As the adapter's conditions for schedules read before the change: unsold and unchanged since. */
    private void checkUnsoldAtVersion(List<Schedule> read) {
        checkUnsold(read);
        for (Schedule schedule : read) {
            if (schedules.get(schedule.scheduleId()).version() != schedule.version()) {
                throw new CatalogConflict(true);
            }
        }
    }

    /** As the adapter's conditions: a schedule that is gone, or has a held or booked seat, fails. */
    private void checkUnsold(List<Schedule> guarded) {
        for (Schedule schedule : guarded) {
            Schedule stored = schedules.get(schedule.scheduleId());
            if (stored == null || stored.bookedSeats() > 0 || heldSeats.getOrDefault(stored.scheduleId(), 0) > 0) {
                throw new CatalogConflict(true);
            }
        }
    }

    // --- schedules ----------------------------------------------------------------------------

    @Override
    public List<Schedule> schedules(String performanceId, Instant from, Instant to) {
        return schedules.values().stream()
                .filter(s -> s.performanceId().equals(performanceId))
                .filter(s -> from == null || !s.startAt().isBefore(from))
                .filter(s -> to == null || s.startAt().isBefore(to))
                .sorted(Comparator.comparing(Schedule::startAt).thenComparing(Schedule::scheduleId))
                .toList();
    }

    @Override
    public Optional<Schedule> findSchedule(String scheduleId) {
        return Optional.ofNullable(schedules.get(scheduleId));
    }

    @Override
    public Map<String, SeatStatus> seatStates(String scheduleId, Instant now) {
        Map<String, SeatStatus> out = new HashMap<>();
        seatStates.getOrDefault(scheduleId, Map.of()).forEach((seatId, state) -> {
            boolean expiredHold = state.status() == SeatStatus.PENDING && state.expiresAt() != null
                    && !state.expiresAt().isAfter(now);
            if (!expiredHold) {
                out.put(seatId, state.status());
            }
        });
        return out;
    }

    // --- the list -----------------------------------------------------------------------------

    /** Where a performance stands in a sort order: the sorted value, then the id to break ties. */
    private record Position(String value, String performanceId) {
    }

    @Override
    public PerformancePage listPerformances(PerformanceQuery query) {
        listCalls++;
        if (query.size() < 1) {
            throw new IllegalArgumentException("page size " + query.size());
        }
        boolean latest = query.sort() == PerformanceQuery.Sort.LATEST;
        // LATEST: newest createdAt first (compared as instants); NAME: title A→Z; ties by id.
        Function<Performance, Position> position = latest
                ? p -> new Position(p.createdAt().toString(), p.performanceId())
                : p -> new Position(searchable(p.title()), p.performanceId());
        Comparator<Position> ascending = latest
                ? Comparator.<Position, Instant>comparing(k -> Instant.parse(k.value()))
                        .thenComparing(Position::performanceId)
                : Comparator.comparing(Position::value).thenComparing(Position::performanceId);
        Comparator<Position> order = latest ? ascending.reversed() : ascending;
        Position after = decodeCursor(query.cursor(), query.sort());
        List<Performance> matches = performances.values().stream()
                .filter(p -> matches(p, query))
                .filter(p -> after == null || order.compare(position.apply(p), after) > 0)
                .sorted(Comparator.comparing(position, order))
                .toList();
        boolean hasNext = matches.size() > query.size();
        List<Performance> page = hasNext ? matches.subList(0, query.size()) : matches;
        return new PerformancePage(List.copyOf(page),
                hasNext ? encodeCursor(query.sort(), position.apply(page.get(page.size() - 1))) : null);
    }

    private static boolean matches(Performance p, PerformanceQuery query) {
        if (query.q() != null && !searchable(p.title()).contains(searchable(query.q()))) {
            return false;
        }
        if (query.genre() != null && p.genre() != query.genre()) {
            return false;
        }
        if (query.venueId() != null && !p.venueId().equals(query.venueId())) {
            return false;
        }
        if (query.minPrice() != null && p.maxPrice() < query.minPrice()) {
            return false;
        }
        if (query.maxPrice() != null && p.minPrice() > query.maxPrice()) {
            return false;
        }
        if (query.from() == null && query.to() == null) {
            return true;
        }
        return p.scheduleDates().stream().map(LocalDate::parse).anyMatch(d ->
                (query.from() == null || !d.isBefore(query.from())) && (query.to() == null || !d.isAfter(query.to())));
    }

    private static String searchable(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static String encodeCursor(PerformanceQuery.Sort sort, Position position) {
        String text = CURSOR_PREFIX + sort + ":" + base64(position.value()) + "." + base64(position.performanceId());
        return base64(text);
    }

    private static Position decodeCursor(String cursor, PerformanceQuery.Sort sort) {
        if (cursor == null) {
            return null;
        }
        try {
            String text = unbase64(cursor);
            String prefix = CURSOR_PREFIX + sort + ":";
            String[] parts = text.startsWith(prefix) ? text.substring(prefix.length()).split("\\.", -1) : new String[0];
            if (parts.length != 2) {
                throw new InvalidCursor();
            }
            Position position = new Position(unbase64(parts[0]), unbase64(parts[1]));
            if (sort == PerformanceQuery.Sort.LATEST) {
                Instant.parse(position.value());
            }
            return position;
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new InvalidCursor();
        }
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unbase64(String text) {
        return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
    }

    // --- what tests look at -------------------------------------------------------------------

    /** Successful write transactions through the port (hooks not counted). */
    /** How often a list page was asked for: a refused cursor must not get this far. */
    public int listCalls() {
        return listCalls;
    }

    public int writes() {
        return writes;
    }

    public int performanceCount() {
        return performances.size();
    }

    public int scheduleCount() {
        return schedules.size();
    }

    // --- what other writers do ----------------------------------------------------------------

    /** Confirms bookings of {@code seatIds} (all of {@code gradeId}), as the booking flow would. */
    public Schedule book(String scheduleId, String gradeId, String... seatIds) {
        return changeSeats(scheduleId, gradeId, SeatStatus.BOOKED, null, seatIds);
    }

    /** Holds {@code seatIds} until {@code expiresAt}, as a pending booking would. */
    public Schedule hold(String scheduleId, Instant expiresAt, String gradeId, String... seatIds) {
        heldSeats.merge(scheduleId, seatIds.length, Integer::sum);
        return changeSeats(scheduleId, gradeId, SeatStatus.PENDING, expiresAt, seatIds);
    }

    /** Lets go of held {@code seatIds} (payment abandoned), as the booking flow would. */
    public Schedule release(String scheduleId, String gradeId, String... seatIds) {
        heldSeats.merge(scheduleId, -seatIds.length, Integer::sum);
        Schedule s = schedules.get(scheduleId);
        Map<String, Integer> remaining = new LinkedHashMap<>(s.remainingByGrade());
        remaining.merge(gradeId, seatIds.length, Integer::sum);
        for (String seatId : seatIds) {
            seatStates.getOrDefault(scheduleId, new HashMap<>()).remove(seatId);
        }
        Schedule changed = new Schedule(s.scheduleId(), s.performanceId(), s.startAt(), s.endAt(), remaining,
                s.bookedSeats(), s.version() + 1);
        schedules.put(scheduleId, changed);
        return changed;
    }

    /**
     * Runs {@code change} (another writer's) once, at the start of the next performance write:
     * after the service has read what it is about to change, before the transaction.
     */
    public void beforeNextWrite(Runnable change) {
        beforeNextWrite = change;
    }

    private Schedule changeSeats(String scheduleId, String gradeId, SeatStatus status, Instant expiresAt,
                                 String... seatIds) {
        Schedule s = schedules.get(scheduleId);
        Map<String, Integer> remaining = new LinkedHashMap<>(s.remainingByGrade());
        remaining.merge(gradeId, -seatIds.length, Integer::sum);
        Map<String, SeatState> states = seatStates.computeIfAbsent(scheduleId, k -> new HashMap<>());
        for (String seatId : seatIds) {
            states.put(seatId, new SeatState(status, expiresAt));
        }
        int booked = s.bookedSeats() + (status == SeatStatus.BOOKED ? seatIds.length : 0);
        Schedule changed = new Schedule(s.scheduleId(), s.performanceId(), s.startAt(), s.endAt(), remaining,
                booked, s.version() + 1);
        schedules.put(scheduleId, changed);
        return changed;
    }

    /** Another admin's change of the performance landed: only its version moves on. */
    public Performance changeConcurrently(String performanceId) {
        Performance p = performances.get(performanceId);
        Performance changed = new Performance(p.performanceId(), p.title(), p.genre(), p.venueId(), p.venueName(),
                p.runningTimeMinutes(), p.thumbnailUrl(), p.description(), p.ticketingStartAt(),
                p.ticketingEndAt(), p.grades(), p.startAt(), p.endAt(), p.scheduleDates(), p.createdAt(),
                p.version() + 1);
        performances.put(performanceId, changed);
        return changed;
    }
}
