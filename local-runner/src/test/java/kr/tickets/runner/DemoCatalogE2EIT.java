package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo catalog of {@code ./run.sh}, created through the admin API of the test JVM's service.
 * Every read is narrowed to the venues this run created, so performances that other tests
 * create in the same service neither count here nor are counted elsewhere by venue.
 */
class DemoCatalogE2EIT {
    private static Instant before;
    private static DemoCatalog.Summary demo;

    private final Http http = Http.client();

    @BeforeAll
    static void createDemoCatalog() {
        before = Instant.now();
        demo = DemoCatalog.create(LocalService.shared().baseUrl(), Clock.systemUTC());
    }

    @Test
    void demoCatalogListsEveryGenreAtItsOwnVenuesIncludingABigArena() {
        assertTrue(demo.performanceIds().size() >= 20, demo::toString);
        assertTrue(demo.venues().stream().anyMatch(v -> v.seatCount() >= 2000), demo::toString);
        Set<String> listed = new HashSet<>();
        Set<String> genres = new HashSet<>();
        for (DemoCatalog.CreatedVenue venue : demo.venues()) {
            JsonNode page = http.get("/performances?venueId=" + venue.venueId() + "&size=100").json();
            assertTrue(page.get("nextCursor").isNull(), venue::name);
            assertTrue(page.get("items").size() > 0, venue.name() + " has no performance");
            for (JsonNode item : page.get("items")) {
                assertEquals(venue.name(), item.get("venueName").asText());
                listed.add(item.get("performanceId").asText());
                genres.add(item.get("genre").asText());
            }
        }
        assertEquals(Set.copyOf(demo.performanceIds()), listed);
        assertEquals(Set.copyOf(ShowPlan.GENRES), genres);
    }

    @Test
    void demoPerformancesHaveGradesAndSchedulesAheadAndMostAreOnSale() {
        int schedules = 0;
        int singleShows = 0;
        int onSale = 0;
        for (String performanceId : demo.performanceIds()) {
            JsonNode detail = http.get("/performances/" + performanceId).json();
            String title = detail.get("title").asText();
            int count = detail.get("schedules").size();
            assertTrue(count >= 1 && count <= 10, title);
            schedules += count;
            if (count == 1) {
                singleShows++;
                assertEquals(detail.get("startAt"), detail.get("endAt"), title);
            }
            detail.get("schedules").forEach(s ->
                    assertTrue(Instant.parse(s.get("startAt").asText()).isAfter(before), title));
            assertTrue(detail.get("grades").size() >= 2, title);
            for (JsonNode grade : detail.get("grades")) {
                assertTrue(grade.get("color").asText().matches("#[0-9A-F]{6}"), title);
                assertTrue(grade.get("price").asLong() >= 10_000, title);
            }
            assertTrue(detail.get("thumbnailUrl").asText().startsWith("https://"), title);
            if (!Instant.parse(detail.get("ticketingStartAt").asText()).isAfter(before)) {
                onSale++;
            }
        }
        assertEquals(demo.schedules(), schedules);
        assertTrue(singleShows >= 1, "no single show");
        assertTrue(onSale > demo.performanceIds().size() / 2, onSale + " on sale");
    }

    @Test
    void everySeatOfTheArenaHasAGradeOnTheSeatMap() {
        DemoCatalog.CreatedVenue arena = demo.venues().stream().filter(v -> v.seatCount() >= 2000).findFirst()
                .orElseThrow();

        JsonNode show = http.get("/performances?venueId=" + arena.venueId() + "&size=1").json().get("items").get(0);
        JsonNode detail = http.get("/performances/" + show.get("performanceId").asText()).json();
        Http.Response seatMap = http.get("/schedules/" + detail.get("schedules").get(0).get("scheduleId").asText()
                + "/seats");
        assertEquals(200, seatMap.status(), seatMap::toString);
        JsonNode seats = seatMap.json().get("seats");
        assertEquals(arena.seatCount(), seats.size());
        seats.forEach(seat -> assertNotNull(seat.get("gradeId").textValue(), seat::toString));
        int graded = 0;
        for (JsonNode grade : seatMap.json().get("grades")) {
            graded += grade.get("total").asInt();
        }
        assertEquals(arena.seatCount(), graded);
    }
}
