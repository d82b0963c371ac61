package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoCatalogTest {
    private static final LocalDate TODAY = LocalDate.of(2025, 5, 25);

    private static Map<VenuePlan, String> venueIds() {
        Map<VenuePlan, String> ids = new HashMap<>();
        DemoCatalog.VENUES.forEach(v -> ids.put(v, "venue-" + ids.size()));
        return ids;
    }

    @Test
    void theSameDayGivesTheSameCatalogAndALaterDayShiftsItsDates() {
        assertEquals(DemoCatalog.performanceBodies(venueIds(), TODAY),
                DemoCatalog.performanceBodies(venueIds(), TODAY));
        assertNotEquals(DemoCatalog.performanceBodies(venueIds(), TODAY),
                DemoCatalog.performanceBodies(venueIds(), TODAY.plusDays(1)));
    }

    @Test
    void everyRowOfEveryVenueGetsExactlyOneGradeWhateverTheNumberOfGrades() {
        for (VenuePlan venue : DemoCatalog.VENUES) {
            int rows = venue.sections().stream().mapToInt(VenuePlan.Section::rowCount).sum();
            for (int grades = 1; grades <= venue.tiers(); grades++) {
                List<List<String>> byGrade = venue.rowsByGrade(grades);
                Set<String> distinct = new HashSet<>();
                byGrade.forEach(distinct::addAll);
                assertEquals(rows, distinct.size(), venue.name());
                assertEquals(rows, byGrade.stream().mapToInt(List::size).sum(), venue.name());
            }
        }
    }

    @Test
    void schedulesFollowTheOpeningOfTicketingAndSalesCloseAfterItOpens() {
        for (Map<String, Object> body : DemoCatalog.performanceBodies(venueIds(), TODAY)) {
            Instant opens = Instant.parse((String) body.get("ticketingStartAt"));
            assertTrue(Instant.parse((String) body.get("ticketingEndAt")).isAfter(opens), body::toString);
            List<?> schedules = (List<?>) body.get("schedules");
            assertTrue(schedules.size() >= 1 && schedules.size() <= 10, body::toString);
            for (Object schedule : schedules) {
                Instant start = Instant.parse((String) ((Map<?, ?>) schedule).get("startAt"));
                assertTrue(start.isAfter(opens) && start.isAfter(TODAY.atStartOfDay(ShowPlan.SEOUL).toInstant()),
                        body::toString);
            }
        }
    }
}
