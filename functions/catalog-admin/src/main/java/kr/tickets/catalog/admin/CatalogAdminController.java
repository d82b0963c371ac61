package kr.tickets.catalog.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import java.util.List;
import java.util.Map;
import kr.tickets.auth.Authenticator;
import kr.tickets.catalog.CatalogAdminService;
import kr.tickets.catalog.CatalogQueryService;
import kr.tickets.catalog.Performance;
import kr.tickets.catalog.Schedule;
import kr.tickets.users.Role;
import kr.tickets.web.Requests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /admin/venues}, {@code /admin/performances}: the catalog's writes (role ADMIN). */
@Controller("/admin")
@Consumes(MediaType.ALL)
public class CatalogAdminController {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogAdminController.class);
    /** A 10,000-seat layout or grades given seat by seat need far more than the default limit. */
    private static final int CATALOG_BODY_BYTES = 1024 * 1024;

    private final CatalogAdminService admin;
    private final CatalogQueryService catalog;
    private final Authenticator authenticator;

    public CatalogAdminController(CatalogAdminService admin, CatalogQueryService catalog, Authenticator authenticator) {
        this.admin = admin;
        this.catalog = catalog;
        this.authenticator = authenticator;
    }

    @Post("/venues")
    @Status(HttpStatus.CREATED)
    public Map<String, Object> createVenue(HttpRequest<?> request, @Header("Authorization") @Nullable String auth) {
        authenticator.require(auth, Role.ADMIN);
        Map<String, Object> venue = admin.createVenue(Requests.json(request, CATALOG_BODY_BYTES));
        LOG.info("venue created venueId={} seats={}", venue.get("venueId"), venue.get("seatCount"));
        return venue;
    }

    @Post("/performances")
    @Status(HttpStatus.CREATED)
    public Map<String, Object> createPerformance(HttpRequest<?> request, @Header("Authorization") @Nullable String auth) {
        authenticator.require(auth, Role.ADMIN);
        Performance performance = admin.createPerformance(Requests.json(request, CATALOG_BODY_BYTES));
        LOG.info("performance created performanceId={}", performance.performanceId());
        return catalog.detail(performance.performanceId());
    }

    @Patch("/performances/{performanceId}")
    public Map<String, Object> updatePerformance(HttpRequest<?> request, @PathVariable String performanceId,
                                                 @Header("Authorization") @Nullable String auth) {
        authenticator.require(auth, Role.ADMIN);
        admin.updatePerformance(performanceId, Requests.json(request, CATALOG_BODY_BYTES));
        return catalog.detail(performanceId);
    }

    @Delete("/performances/{performanceId}")
    public HttpResponse<Void> deletePerformance(@PathVariable String performanceId,
                                                @Header("Authorization") @Nullable String auth) {
        authenticator.require(auth, Role.ADMIN);
        admin.deletePerformance(performanceId);
        return HttpResponse.noContent();
    }

    @Post("/performances/{performanceId}/schedules")
    @Status(HttpStatus.CREATED)
    public Map<String, Object> addSchedule(HttpRequest<?> request, @PathVariable String performanceId,
                                           @Header("Authorization") @Nullable String auth) {
        authenticator.require(auth, Role.ADMIN);
        return view(admin.addSchedule(performanceId, Requests.json(request)));
    }

    @Patch("/performances/{performanceId}/schedules/{scheduleId}")
    public Map<String, Object> updateSchedule(HttpRequest<?> request, @PathVariable String performanceId,
                                              @PathVariable String scheduleId,
                                              @Header("Authorization") @Nullable String auth) {
        authenticator.require(auth, Role.ADMIN);
        return view(admin.updateSchedule(performanceId, scheduleId, Requests.json(request)));
    }

    @Delete("/performances/{performanceId}/schedules/{scheduleId}")
    public HttpResponse<Void> deleteSchedule(@PathVariable String performanceId, @PathVariable String scheduleId,
                                             @Header("Authorization") @Nullable String auth) {
        authenticator.require(auth, Role.ADMIN);
        admin.deleteSchedule(performanceId, scheduleId);
        return HttpResponse.noContent();
    }

    private static Map<String, Object> view(Schedule schedule) {
        return Map.of("scheduleId", schedule.scheduleId(), "performanceId", schedule.performanceId(),
                "startAt", schedule.startAt().toString(), "endAt", schedule.endAt().toString(),
                "remainingSeats", schedule.remaining(), "grades", List.copyOf(schedule.remainingByGrade().keySet()));
    }
}
