package kr.tickets.catalog.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.util.Map;
import java.util.Optional;
import kr.tickets.catalog.CatalogQueryService;
import kr.tickets.web.Requests;

/** Public catalog reads: the list, a performance, its calendar, a schedule's seat map. */
@Controller
public class CatalogController {
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
