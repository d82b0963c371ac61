package kr.tickets.catalog;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import kr.tickets.common.ApiException;
import kr.tickets.common.CursorSigner;
import kr.tickets.common.FieldError;
import kr.tickets.common.JsonRequest;

/**
 * What visitors read (requirements §2): the list with search, filters, sort and cursor
 * pagination; the detail; the calendar of a month; the live seat map of a schedule.
 *
 * <pre>{@code GET /performances?q=레미&genre=MUSICAL&from=2025-05-01&to=2025-05-31&sort=name&size=20}</pre>
 */
@Singleton
@Requires(beans = CatalogRepository.class)
public class CatalogQueryService {
    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;
    private static final String INVALID_CURSOR = "is not a cursor this list handed out for this sort";

    private final CatalogRepository catalog;
    private final Clock clock;
    /** Resolved on the first list: catalog-admin shares this service for the detail and has no cursor key. */
    private final BeanProvider<CursorSigner> cursors;
    /** Venue layouts never change once created; keeping a few per container spares the big Query. */
    private final Map<String, List<Seat>> layouts = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Seat>> eldest) {
            return size() > 16;
        }
    });

    /**
     * How long a container reuses a schedule's remaining seats for the calendar: derived from the
     * claims (16 Queries a schedule, {@link CatalogRepository#withLiveCounts}), as fresh as the seat
     * status the stage keeps for the same second.
     */
    static final Duration REMAINING_CACHE = Duration.ofSeconds(1);
    private static final int REMAINING_CACHE_ENTRIES = 1_000;
    private final Map<String, CachedCounts> remainingCache = new ConcurrentHashMap<>();

    private record CachedCounts(long storedVersion, Instant until, Schedule live) {
    }

    public CatalogQueryService(CatalogRepository catalog, Clock clock, BeanProvider<CursorSigner> cursors) {
        this.catalog = catalog;
        this.clock = clock;
        this.cursors = cursors;
    }

    /** Parameters sent empty ({@code ?q=&genre=}) mean "no filter", as forms send them. */
    public Map<String, Object> list(Map<String, String> query) {
        Map<String, String> params = new java.util.HashMap<>();
        query.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                params.put(name, value);
            }
        });
        List<FieldError> errors = new ArrayList<>();
        String q = params.get("q");
        if (q != null && JsonRequest.characters(q) > 100) {
            errors.add(new FieldError("q", "must be at most 100 characters"));
        }
        Genre genre = null;
        if (params.get("genre") != null) {
            try {
                genre = Genre.valueOf(params.get("genre"));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("genre", "must be one of " + java.util.Arrays.toString(Genre.values())));
            }
        }
        LocalDate from = date(params, "from", errors);
        LocalDate to = date(params, "to", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(new FieldError("to", "must not be before from"));
        }
        Long minPrice = number(params, "minPrice", 0, Long.MAX_VALUE, errors);
        Long maxPrice = number(params, "maxPrice", 0, Long.MAX_VALUE, errors);
        if (minPrice != null && maxPrice != null && maxPrice < minPrice) {
            errors.add(new FieldError("maxPrice", "must not be below minPrice"));
        }
        PerformanceQuery.Sort sort = PerformanceQuery.Sort.LATEST;
        String sortText = params.getOrDefault("sort", "latest");
        if (sortText.equals("name")) {
            sort = PerformanceQuery.Sort.NAME;
        } else if (!sortText.equals("latest")) {
            errors.add(new FieldError("sort", "must be latest or name"));
        }
        Long size = number(params, "size", 1, MAX_PAGE, errors);
        // The signature binds the cursor to the sort order it was made for.
        String purpose = "performances:" + sort.name();
        String position = null;
        if (params.get("cursor") != null) {
            position = cursors.get().verify(purpose, params.get("cursor")).orElse(null);
            if (position == null) {
                errors.add(new FieldError("cursor", INVALID_CURSOR));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        String venueId = params.get("venueId");
        PerformancePage page;
        try {
            page = catalog.listPerformances(new PerformanceQuery(q, genre, venueId, from, to, minPrice, maxPrice, sort,
                    size == null ? DEFAULT_PAGE : size.intValue(), position));
        } catch (CatalogRepository.InvalidCursor e) {
            throw ApiException.validation("cursor", INVALID_CURSOR);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(CatalogQueryService::summary).toList());
        out.put("nextCursor", page.nextCursor() == null ? null : cursors.get().sign(purpose, page.nextCursor()));
        return out;
    }

    private static Map<String, Object> summary(Performance p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("performanceId", p.performanceId());
        out.put("title", p.title());
        out.put("thumbnailUrl", p.thumbnailUrl());
        out.put("genre", p.genre().name());
        out.put("venueName", p.venueName());
        out.put("startAt", p.startAt().toString());
        out.put("endAt", p.endAt().toString());
        out.put("period", CatalogTime.period(p.startAt(), p.endAt()));
        out.put("minPrice", p.minPrice());
        out.put("maxPrice", p.maxPrice());
        return out;
    }

    public Map<String, Object> detail(String performanceId) {
        Performance p = performance(performanceId);
        List<Schedule> schedules = catalog.schedules(performanceId, null, null);
        return detail(p, schedules);
    }

    /** The detail of the contract; also the answer to the admin's create and change. */
    public static Map<String, Object> detail(Performance p, List<Schedule> schedules) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("performanceId", p.performanceId());
        out.put("title", p.title());
        out.put("venue", Map.of("venueId", p.venueId(), "name", p.venueName()));
        out.put("genre", p.genre().name());
        out.put("runningTimeMinutes", p.runningTimeMinutes());
        out.put("startAt", p.startAt().toString());
        out.put("endAt", p.endAt().toString());
        out.put("ticketingStartAt", p.ticketingStartAt().toString());
        out.put("ticketingEndAt", p.ticketingEndAt().toString());
        out.put("period", CatalogTime.period(p.startAt(), p.endAt()));
        out.put("startDate", CatalogTime.display(p.startAt()));
        out.put("endDate", CatalogTime.display(p.endAt()));
        out.put("ticketingPeriod", CatalogTime.period(p.ticketingStartAt(), p.ticketingEndAt()));
        out.put("thumbnailUrl", p.thumbnailUrl());
        out.put("description", p.description());
        out.put("minPrice", p.minPrice());
        out.put("maxPrice", p.maxPrice());
        out.put("grades", p.grades());
        out.put("schedules", schedules.stream().map(s -> Map.of("scheduleId", s.scheduleId(),
                "startAt", s.startAt().toString(), "endAt", s.endAt().toString())).toList());
        return out;
    }

    public Map<String, Object> calendar(String performanceId, String month) {
        YearMonth yearMonth;
        try {
            yearMonth = YearMonth.parse(month == null ? "" : month);
        } catch (DateTimeParseException e) {
            throw ApiException.validation("month", "must be YYYY-MM");
        }
        performance(performanceId);
        Instant from = yearMonth.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = yearMonth.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Map<String, List<Map<String, Object>>> days = new TreeMap<>();
        Instant now = clock.instant();
        for (Schedule stored : catalog.schedules(performanceId, from, to)) {
            Schedule s = live(stored, now);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("scheduleId", s.scheduleId());
            entry.put("startAt", s.startAt().toString());
            entry.put("remainingSeats", s.remaining());
            days.computeIfAbsent(CatalogTime.date(s.startAt()).toString(), d -> new ArrayList<>()).add(entry);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        days.forEach((date, schedules) -> out.add(Map.of("date", date, "schedules", schedules)));
        return Map.of("month", yearMonth.toString(), "days", out);
    }

    /** The schedule with its remaining seats as the claims say, reused for {@link #REMAINING_CACHE}. */
    private Schedule live(Schedule stored, Instant now) {
        CachedCounts cached = remainingCache.get(stored.scheduleId());
        if (cached != null && cached.storedVersion() == stored.version() && now.isBefore(cached.until())) {
            return cached.live();
        }
        Schedule live = catalog.withLiveCounts(stored, now);
        if (remainingCache.size() >= REMAINING_CACHE_ENTRIES) {
            remainingCache.clear();
        }
        remainingCache.put(stored.scheduleId(), new CachedCounts(stored.version(), now.plus(REMAINING_CACHE), live));
        return live;
    }

    /** The seat map's ETag: changes whenever a seat of the schedule, or its grades, change. */
    public static String etag(Schedule schedule) {
        return "\"" + schedule.scheduleId() + ":" + schedule.version() + "\"";
    }

    /**
     * The seat map, or empty when {@code ifNoneMatch} is still current (the client's copy is
     * fresh: one small read answers a poll).
     */
    public Optional<SeatMap> seatMap(String scheduleId, String ifNoneMatch) {
        // The version is derived from the claims (issue #11), so even a 304 reads them.
        CatalogRepository.ScheduleSeats read = catalog.scheduleSeats(scheduleId, clock.instant())
                .orElseThrow(() -> ApiException.notFound("No schedule " + scheduleId + "."));
        Schedule schedule = read.schedule();
        String etag = etag(schedule);
        if (etag.equals(ifNoneMatch)) {
            return Optional.empty();
        }
        Performance p = performance(schedule.performanceId());
        List<Seat> seats = venueSeats(p);
        Map<String, String> gradeOfSeat = catalog.gradeOfSeat(p.performanceId());
        Map<String, SeatStatus> states = read.states();
        List<Map<String, Object>> grades = new ArrayList<>();
        for (Grade grade : p.grades()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("gradeId", grade.gradeId());
            g.put("name", grade.name());
            g.put("color", grade.color());
            g.put("price", grade.price());
            g.put("remaining", schedule.remainingByGrade().getOrDefault(grade.gradeId(), 0));
            g.put("total", grade.totalSeats());
            grades.add(g);
        }
        List<Map<String, Object>> seatViews = new ArrayList<>(seats.size());
        for (Seat seat : seats) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("seatId", seat.seatId());
            view.put("label", seat.label());
            view.put("section", seat.section());
            view.put("row", seat.row());
            view.put("number", seat.number());
            view.put("x", seat.x());
            view.put("y", seat.y());
            view.put("gradeId", gradeOfSeat.get(seat.seatId()));
            view.put("status", states.getOrDefault(seat.seatId(), SeatStatus.AVAILABLE).name());
            seatViews.add(view);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scheduleId", scheduleId);
        body.put("performanceId", p.performanceId());
        body.put("startAt", schedule.startAt().toString());
        body.put("version", schedule.version());
        body.put("grades", grades);
        body.put("seats", seatViews);
        return Optional.of(new SeatMap(etag, body));
    }

    public record SeatMap(String etag, Map<String, Object> body) {
    }

    /**
     * The seat layout of a performance at one version ({@code layoutVersion} of the seat status):
     * the same version is the same document forever, so it may be cached as immutable. The version
     * is required, so that no cache ever keeps an unversioned layout that a later change would
     * leave stale; a version that is not the current one is 404 {@code LAYOUT_VERSION_NOT_FOUND}
     * (read the seat status again for the current one).
     *
     * <pre>{@code GET /performances/01J.../seat-layout?version=3}</pre>
     */
    public SeatLayout seatLayout(String performanceId, String versionText) {
        long version;
        try {
            version = Long.parseLong(versionText == null ? "" : versionText.strip());
            if (version < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw ApiException.validation("version",
                    "is required: a whole number, the layoutVersion of a schedule's seat status");
        }
        Performance p = performance(performanceId);
        if (p.version() != version) {
            throw new ApiException(404, "LAYOUT_VERSION_NOT_FOUND", "Performance " + performanceId
                    + " has no seat layout version " + version + "; the seat status names the current one.");
        }
        Map<String, String> gradeOfSeat = catalog.gradeOfSeat(performanceId);
        List<SeatLayout.LayoutSeat> seats = venueSeats(p).stream()
                .map(seat -> new SeatLayout.LayoutSeat(seat, gradeOfSeat.get(seat.seatId()))).toList();
        return new SeatLayout(performanceId, p.version(), p.venueId(), p.venueName(), p.grades(), seats);
    }

    /**
     * The live state of a schedule's seats, what viewers poll each second: one strongly consistent
     * read of the schedule's partition and one of its performance (the layout version and grades);
     * the venue's seat order comes from this container's copy of the layout.
     *
     * <pre>{@code GET /schedules/01J.../seat-status}</pre>
     */
    public SeatStatusSnapshot seatStatus(String scheduleId) {
        Instant now = clock.instant();
        CatalogRepository.ScheduleSeats read = catalog.scheduleSeats(scheduleId, now)
                .orElseThrow(() -> ApiException.notFound("No schedule " + scheduleId + "."));
        Schedule schedule = read.schedule();
        Performance p = performance(schedule.performanceId());
        List<Seat> seats = venueSeats(p);
        Map<String, Integer> remaining = new LinkedHashMap<>();
        for (Grade grade : p.grades()) {
            remaining.put(grade.gradeId(), schedule.remainingByGrade().getOrDefault(grade.gradeId(), 0));
        }
        return new SeatStatusSnapshot(scheduleId, p.performanceId(), p.version(), schedule.version(), seats.size(),
                SeatStateBits.encode(seats, read.states()), remaining, now);
    }

    private List<Seat> venueSeats(Performance p) {
        return layouts.computeIfAbsent(p.venueId(), catalog::venueSeats);
    }

    private Performance performance(String performanceId) {
        return catalog.findPerformance(performanceId)
                .orElseThrow(() -> ApiException.notFound("No performance " + performanceId + "."));
    }

    private static LocalDate date(Map<String, String> params, String field, List<FieldError> errors) {
        String text = params.get(field);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date YYYY-MM-DD"));
            return null;
        }
    }

    private static Long number(Map<String, String> params, String field, long min, long max, List<FieldError> errors) {
        String text = params.get(field);
        if (text == null) {
            return null;
        }
        try {
            long value = Long.parseLong(text);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a whole number from " + min + (max == Long.MAX_VALUE ? "" : " to " + max)));
            return null;
        }
    }
}
