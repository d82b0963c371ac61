package kr.tickets.catalog.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.tickets.catalog.CatalogQueryService;
import kr.tickets.catalog.Grade;
import kr.tickets.catalog.SeatLayout;
import kr.tickets.catalog.SeatStateBits;
import kr.tickets.catalog.SeatStatusSnapshot;
import kr.tickets.web.Requests;

/** Public catalog reads: the list, a performance, its calendar, a schedule's seat map. */
@Controller
public class CatalogController {
    /**
     * A layout is addressed by its version, so its content never changes: browsers and CDNs may
     * keep it a year (the API Gateway stage cache keeps it at most its TTL, template.yaml).
     */
    static final String LAYOUT_CACHE_CONTROL = "public, max-age=31536000, immutable";
    /** The seat status is shared by every viewer of a schedule and at most a second old anywhere. */
    static final String STATUS_CACHE_CONTROL = "public, max-age=1";
    private final CatalogQueryService catalog;

    public CatalogController(CatalogQueryService catalog) {
        this.catalog = catalog;
    }

    @Get("/performances")
    public Map<String, Object> list(HttpRequest<?> request) {
        return catalog.list(Requests.lastQueryValues(request));
    }

    @Get("/performances/{performanceId}")
    public Map<String, Object> detail(@PathVariable String performanceId) {
        return catalog.detail(performanceId);
    }

    @Get("/performances/{performanceId}/calendar")
    public Map<String, Object> calendar(@PathVariable String performanceId, @QueryValue @Nullable String month) {
        return catalog.calendar(performanceId, month);
    }

    /**
     * The seat layout of one performance version. Served through the stage cache (keyed on the
     * performance and the version), so it never answers 304: a cache would hand one client's 304
     * to another. Clients do not need one: the versioned URL never changes its content.
     */
    @Get("/performances/{performanceId}/seat-layout")
    public HttpResponse<Map<String, Object>> seatLayout(@PathVariable String performanceId,
                                                        @QueryValue @Nullable String version) {
        SeatLayout layout = catalog.seatLayout(performanceId, version);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("performanceId", layout.performanceId());
        body.put("layoutVersion", layout.layoutVersion());
        body.put("venue", Map.of("venueId", layout.venueId(), "name", layout.venueName()));
        body.put("seatCount", layout.seats().size());
        body.put("grades", layout.grades().stream().map(CatalogController::grade).toList());
        body.put("seats", layout.seats().stream().map(CatalogController::seat).toList());
        return HttpResponse.ok(body).header("ETag", layout.etag()).header("Cache-Control", LAYOUT_CACHE_CONTROL);
    }

    /**
     * The live state of a schedule's seats, for polling once a second. Public (a seat's state is
     * no secret, and the full map shows it to anyone too) and the same for every viewer, so the
     * stage cache serves it to all of them from one read a second. Never 304, for the reason above.
     */
    @Get("/schedules/{scheduleId}/seat-status")
    public HttpResponse<Map<String, Object>> seatStatus(@PathVariable String scheduleId) {
        SeatStatusSnapshot status = catalog.seatStatus(scheduleId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scheduleId", status.scheduleId());
        body.put("performanceId", status.performanceId());
        body.put("layoutVersion", status.layoutVersion());
        body.put("version", status.version());
        body.put("asOf", status.asOf().toString());
        body.put("seatCount", status.seatCount());
        body.put("encoding", SeatStateBits.ENCODING);
        body.put("states", status.states());
        List<Map<String, Object>> grades = status.remainingByGrade().entrySet().stream()
                .map(e -> Map.<String, Object>of("gradeId", e.getKey(), "remaining", e.getValue())).toList();
        body.put("grades", grades);
        body.put("remainingSeats", status.remainingSeats());
        return HttpResponse.ok(body).header("ETag", status.etag()).header("Cache-Control", STATUS_CACHE_CONTROL);
    }

    private static Map<String, Object> grade(Grade grade) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gradeId", grade.gradeId());
        out.put("name", grade.name());
        out.put("color", grade.color());
        out.put("price", grade.price());
        out.put("totalSeats", grade.totalSeats());
        return out;
    }

    private static Map<String, Object> seat(SeatLayout.LayoutSeat seat) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seatId", seat.seat().seatId());
        out.put("label", seat.seat().label());
        out.put("section", seat.seat().section());
        out.put("row", seat.seat().row());
        out.put("number", seat.seat().number());
        out.put("x", seat.seat().x());
        out.put("y", seat.seat().y());
        out.put("gradeId", seat.gradeId());
        return out;
    }

    /** Clients poll this every second; with If-None-Match the answer is a 304 from one small read. */
    @Get("/schedules/{scheduleId}/seats")
    public HttpResponse<Map<String, Object>> seats(@PathVariable String scheduleId,
                                                   @Header("If-None-Match") @Nullable String ifNoneMatch) {
        Optional<CatalogQueryService.SeatMap> map = catalog.seatMap(scheduleId, ifNoneMatch);
        if (map.isEmpty()) {
            return HttpResponse.<Map<String, Object>>notModified().header("ETag", ifNoneMatch)
                    .header("Cache-Control", "no-cache");
        }
        return HttpResponse.ok(map.get().body()).header("ETag", map.get().etag()).header("Cache-Control", "no-cache");
    }
}
