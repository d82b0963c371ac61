package kr.tickets.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import kr.tickets.common.ApiException;
import kr.tickets.common.FieldError;
import kr.tickets.common.Ids;
import kr.tickets.common.JsonRequest;

/**
 * What admins do to the catalog (requirements §2): venues with their layout, performances with
 * grades and schedules, and changes to them. Every request is validated whole before anything
 * is written, and each write is one transaction, so a refused request changes nothing.
 *
 * <pre>{@code POST /admin/performances {"title":"레미제라블","genre":"MUSICAL","venueId":"…", …}}</pre>
 */
@Singleton
@Requires(beans = CatalogRepository.class)
public class CatalogAdminService {
    public static final int MAX_SCHEDULES = 60;
    private static final Pattern URL = Pattern.compile("^https://[^\\s]{1,490}$");

    private final CatalogRepository catalog;
    private final Clock clock;

    public CatalogAdminService(CatalogRepository catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    public Map<String, Object> createVenue(JsonRequest body) {
        String name = body.requiredString("name", 100);
        String address = body.requiredString("address", 200);
        List<FieldError> errors = new ArrayList<>(body.errors());
        List<Seat> seats = VenueLayout.seats(body.node("layout"), errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        List<String> sections = seats.stream().map(Seat::section).distinct().toList();
        Venue venue = new Venue(Ids.newId(), name, address, seats.size(), sections, clock.instant());
        catalog.createVenue(venue, seats);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("venueId", venue.venueId());
        out.put("name", venue.name());
        out.put("address", venue.address());
        out.put("seatCount", venue.seatCount());
        out.put("sections", sections);
        return out;
    }

    public Performance createPerformance(JsonRequest body) {
        Fields fields = Fields.read(body, null);
        String venueId = body.requiredString("venueId", 64);
        List<FieldError> errors = new ArrayList<>(body.errors());
        Venue venue = null;
        List<Seat> seats = List.of();
        if (venueId != null) {
            venue = catalog.findVenue(venueId).orElse(null);
            if (venue == null) {
                errors.add(new FieldError("venueId", "no such venue"));
            } else {
                seats = catalog.venueSeats(venueId);
            }
        }
        GradePlan plan = venue == null ? null : GradePlan.parse(body.node("grades"), seats, errors);
        List<Instant> starts = scheduleStarts(body.node("schedules"), fields.ticketingStartAt(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        String performanceId = Ids.newId();
        List<Schedule> schedules = starts.stream().map(start -> newSchedule(performanceId, start,
                fields.runningTimeMinutes(), plan.grades())).toList();
        Performance performance = fields.toPerformance(performanceId, venue.venueId(), venue.name(), plan.grades(),
                schedules, clock.instant(), 1);
        catalog.createPerformance(performance, plan.gradeOfSeat(), schedules);
        return performance;
    }

    /**
     * Changes a performance. New grades (names, colours, prices or seats) and a new running time
     * touch every schedule, so they are refused with 409 HAS_BOOKINGS once any seat is held or sold.
     */
    public Performance updatePerformance(String performanceId, JsonRequest body) {
        Performance current = existing(performanceId);
        if (body.has("venueId")) {
            body.reject("venueId", "cannot change; create a new performance");
        }
        Fields fields = Fields.read(body, current);
        List<FieldError> errors = new ArrayList<>(body.errors());
        GradePlan plan = null;
        if (body.has("grades")) {
            plan = GradePlan.parse(body.node("grades"), catalog.venueSeats(current.venueId()), errors);
        }
        List<Schedule> schedules = catalog.schedules(performanceId, null, null);
        for (Schedule schedule : schedules) {
            if (!schedule.startAt().isAfter(fields.ticketingStartAt())) {
                errors.add(new FieldError("ticketingStartAt", "must be before every schedule"));
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        List<Grade> grades = plan != null ? plan.grades() : current.grades();
        boolean reshaped = plan != null || fields.runningTimeMinutes() != current.runningTimeMinutes();
        List<Schedule> put = reshaped ? schedules.stream().map(s -> newSchedule(performanceId, s.scheduleId(),
                s.startAt(), fields.runningTimeMinutes(), grades, s.version() + 1)).toList() : List.of();
        Performance updated = fields.toPerformance(performanceId, current.venueId(), current.venueName(), grades,
                schedules, current.createdAt(), current.version() + 1);
        save(current, updated, plan == null ? null : plan.gradeOfSeat(), put, List.of(), reshaped ? schedules : List.of());
        return updated;
    }

    public void deletePerformance(String performanceId) {
        Performance current = existing(performanceId);
        try {
            catalog.deletePerformance(current, catalog.schedules(performanceId, null, null));
        } catch (CatalogRepository.CatalogConflict e) {
            throw conflict(e);
        }
    }

    public Schedule addSchedule(String performanceId, JsonRequest body) {
        Performance current = existing(performanceId);
        Instant start = startAt(body, current);
        List<Schedule> schedules = new ArrayList<>(catalog.schedules(performanceId, null, null));
        if (schedules.size() >= MAX_SCHEDULES) {
            throw ApiException.validation("startAt", "a performance has at most " + MAX_SCHEDULES + " schedules");
        }
        rejectTaken(schedules, start, null);
        Schedule schedule = newSchedule(performanceId, start, current.runningTimeMinutes(), current.grades());
        schedules.add(schedule);
        save(current, withSchedules(current, schedules), null, List.of(schedule), List.of(), List.of());
        return schedule;
    }

    public Schedule updateSchedule(String performanceId, String scheduleId, JsonRequest body) {
        Performance current = existing(performanceId);
        Schedule schedule = existingSchedule(performanceId, scheduleId);
        Instant start = startAt(body, current);
        List<Schedule> schedules = new ArrayList<>(catalog.schedules(performanceId, null, null));
        rejectTaken(schedules, start, scheduleId);
        Schedule moved = new Schedule(scheduleId, performanceId, start,
                start.plus(Duration.ofMinutes(current.runningTimeMinutes())), schedule.remainingByGrade(),
                schedule.bookedSeats(), schedule.version() + 1);
        schedules.replaceAll(s -> s.scheduleId().equals(scheduleId) ? moved : s);
        save(current, withSchedules(current, schedules), null, List.of(moved), List.of(), List.of(schedule));
        return moved;
    }

    public void deleteSchedule(String performanceId, String scheduleId) {
        Performance current = existing(performanceId);
        Schedule schedule = existingSchedule(performanceId, scheduleId);
        List<Schedule> schedules = new ArrayList<>(catalog.schedules(performanceId, null, null));
        schedules.removeIf(s -> s.scheduleId().equals(scheduleId));
        if (schedules.isEmpty()) {
            throw ApiException.conflict("LAST_SCHEDULE",
                    "A performance keeps at least one schedule; delete the performance instead.");
        }
        save(current, withSchedules(current, schedules), null, List.of(), List.of(schedule), List.of());
    }

    private static void rejectTaken(List<Schedule> schedules, Instant start, String movingScheduleId) {
        boolean taken = schedules.stream()
                .anyMatch(s -> s.startAt().equals(start) && !s.scheduleId().equals(movingScheduleId));
        if (taken) {
            throw ApiException.validation("startAt", "duplicates another schedule");
        }
    }

    private void save(Performance current, Performance updated, Map<String, String> gradeOfSeat, List<Schedule> put,
                      List<Schedule> removed, List<Schedule> mustBeUnsold) {
        try {
            catalog.savePerformance(current, updated, gradeOfSeat, put, removed, mustBeUnsold);
        } catch (CatalogRepository.CatalogConflict e) {
            throw conflict(e);
        }
    }

    private static ApiException conflict(CatalogRepository.CatalogConflict e) {
        return e.sold()
                ? ApiException.conflict("HAS_BOOKINGS",
                        "Seats of this schedule are held or booked, or changed meanwhile; read it again.")
                : ApiException.conflict("CONCURRENT_UPDATE", "The performance changed meanwhile; read it and try again.");
    }

    private Instant startAt(JsonRequest body, Performance performance) {
        String text = body.requiredString("startAt", 40);
        body.throwIfInvalid();
        Instant start = CatalogTime.parseMinute(text);
        if (start == null) {
            throw ApiException.validation("startAt", "must be an ISO-8601 UTC instant to the minute");
        }
        if (!start.isAfter(performance.ticketingStartAt())) {
            throw ApiException.validation("startAt", "must be after ticketing opens");
        }
        return start;
    }

    private static List<Instant> scheduleStarts(JsonNode schedules, Instant ticketingStart, List<FieldError> errors) {
        if (schedules == null || !schedules.isArray() || schedules.isEmpty() || schedules.size() > MAX_SCHEDULES) {
            errors.add(new FieldError("schedules", "must be an array of 1 to " + MAX_SCHEDULES + " schedules"));
            return List.of();
        }
        List<Instant> out = new ArrayList<>();
        Set<Instant> seen = new HashSet<>();
        for (int i = 0; i < schedules.size(); i++) {
            JsonNode value = schedules.get(i).get("startAt");
            Instant start = value != null && value.isTextual() ? CatalogTime.parseMinute(value.textValue()) : null;
            String field = "schedules[" + i + "].startAt";
            if (start == null) {
                errors.add(new FieldError(field, "must be an ISO-8601 UTC instant to the minute"));
            } else if (!seen.add(start)) {
                errors.add(new FieldError(field, "duplicates another schedule"));
            } else if (ticketingStart != null && !start.isAfter(ticketingStart)) {
                errors.add(new FieldError(field, "must be after ticketing opens"));
            } else {
                out.add(start);
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static Schedule newSchedule(String performanceId, Instant start, int runningTime, List<Grade> grades) {
        return newSchedule(performanceId, Ids.newId(), start, runningTime, grades, 1);
    }

    private static Schedule newSchedule(String performanceId, String scheduleId, Instant start, int runningTime,
                                        List<Grade> grades, long version) {
        Map<String, Integer> remaining = new LinkedHashMap<>();
        grades.forEach(g -> remaining.put(g.gradeId(), g.totalSeats()));
        return new Schedule(scheduleId, performanceId, start, start.plus(Duration.ofMinutes(runningTime)),
                remaining, 0, version);
    }

    private static Performance withSchedules(Performance p, List<Schedule> schedules) {
        List<Instant> starts = schedules.stream().map(Schedule::startAt).sorted().toList();
        return new Performance(p.performanceId(), p.title(), p.genre(), p.venueId(), p.venueName(),
                p.runningTimeMinutes(), p.thumbnailUrl(), p.description(), p.ticketingStartAt(), p.ticketingEndAt(),
                p.grades(), starts.get(0), starts.get(starts.size() - 1), dates(starts), p.createdAt(),
                p.version() + 1);
    }

    static List<String> dates(List<Instant> starts) {
        return starts.stream().map(CatalogTime::date).distinct().sorted().map(Object::toString).toList();
    }

    private Performance existing(String performanceId) {
        return catalog.findPerformance(performanceId)
                .orElseThrow(() -> ApiException.notFound("No performance " + performanceId + "."));
    }

    private Schedule existingSchedule(String performanceId, String scheduleId) {
        return catalog.findSchedule(scheduleId).filter(s -> s.performanceId().equals(performanceId))
                .orElseThrow(() -> ApiException.notFound("No schedule " + scheduleId + " of this performance."));
    }

    /** The plain fields of a performance, read for a create (current null) or a change. */
    private record Fields(String title, Genre genre, int runningTimeMinutes, String thumbnailUrl, String description,
                          Instant ticketingStartAt, Instant ticketingEndAt) {

        static Fields read(JsonRequest body, Performance current) {
            boolean create = current == null;
            String title = create ? body.requiredString("title", 100) : body.optionalString("title", 100);
            String genreText = create ? body.requiredString("genre", 20) : body.optionalString("genre", 20);
            Genre genre = null;
            if (genreText != null) {
                try {
                    genre = Genre.valueOf(genreText);
                } catch (IllegalArgumentException e) {
                    body.reject("genre", "must be one of " + java.util.Arrays.toString(Genre.values()));
                }
            }
            Integer running = integer(body, "runningTimeMinutes", 1, 1440, create);
            String thumbnail = create ? body.requiredString("thumbnailUrl", 500) : body.optionalString("thumbnailUrl", 500);
            if (thumbnail != null && !URL.matcher(thumbnail).matches()) {
                body.reject("thumbnailUrl", "must be an https URL");
            }
            String description = body.optionalString("description", 5000);
            Instant opens = instant(body, "ticketingStartAt", create);
            Instant closes = instant(body, "ticketingEndAt", create);
            Instant effectiveOpens = opens != null ? opens : current == null ? null : current.ticketingStartAt();
            Instant effectiveCloses = closes != null ? closes : current == null ? null : current.ticketingEndAt();
            if (effectiveOpens != null && effectiveCloses != null && !effectiveCloses.isAfter(effectiveOpens)) {
                body.reject("ticketingEndAt", "must be after ticketingStartAt");
            }
            if (create) {
                return new Fields(title, genre, running == null ? 0 : running, thumbnail,
                        description == null ? "" : description, opens, closes);
            }
            return new Fields(title != null ? title : current.title(), genre != null ? genre : current.genre(),
                    running != null ? running : current.runningTimeMinutes(),
                    thumbnail != null ? thumbnail : current.thumbnailUrl(),
                    description != null ? description : current.description(), effectiveOpens, effectiveCloses);
        }

        Performance toPerformance(String performanceId, String venueId, String venueName, List<Grade> grades,
                                  List<Schedule> schedules, Instant createdAt, long version) {
            List<Instant> starts = schedules.stream().map(Schedule::startAt).sorted().toList();
            return new Performance(performanceId, title, genre, venueId, venueName, runningTimeMinutes,
                    thumbnailUrl, description, ticketingStartAt, ticketingEndAt, grades, starts.get(0),
                    starts.get(starts.size() - 1), dates(starts), createdAt, version);
        }

        private static Integer integer(JsonRequest body, String field, int min, int max, boolean required) {
            if (!body.has(field)) {
                if (required) {
                    body.reject(field, "is required");
                }
                return null;
            }
            JsonNode value = body.node(field);
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
                body.reject(field, "must be a whole number from " + min + " to " + max);
                return null;
            }
            return value.asInt();
        }

        private static Instant instant(JsonRequest body, String field, boolean required) {
            String text = required ? body.requiredString(field, 40) : body.optionalString(field, 40);
            if (text == null) {
                return null;
            }
            Instant instant = CatalogTime.parseMinute(text);
            if (instant == null) {
                body.reject(field, "must be an ISO-8601 UTC instant to the minute, e.g. 2025-05-01T01:00:00Z");
            }
            return instant;
        }
    }
}
