package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static kr.tickets.runner.Catalogs.fields;
import static kr.tickets.runner.Catalogs.listPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /admin/venues and /admin/performances over real HTTP (requirements §2, DESIGN "Admin"):
 * creation, validation that writes nothing, roles, schedules, changes and deletion.
 */
class CatalogAdminE2EIT {
    private static final Http http = Http.client();
    private static String admin;
    private static String venueId;

    @BeforeAll
    static void venue() {
        admin = Catalogs.adminBearer(http);
        venueId = Catalogs.createVenue(http, admin);
    }

    private static Http.Response post(String path, Object body) {
        return http.post(path, body, "Authorization", admin);
    }

    private static Http.Response patch(String path, Object body) {
        return http.patch(path, body, "Authorization", admin);
    }

    private static Http.Response delete(String path) {
        return http.send("DELETE", path, null, "Authorization", admin);
    }

    private static JsonNode detail(String performanceId) {
        Http.Response response = http.get("/performances/" + performanceId);
        assertEquals(200, response.status(), response::toString);
        return response.json();
    }

    private static List<String> scheduleStarts(JsonNode detail) {
        List<String> out = new ArrayList<>();
        detail.get("schedules").forEach(s -> out.add(s.get("startAt").asText()));
        return out;
    }

    private static void assertValidationFailed(Http.Response response, String... fields) {
        assertProblem(response, 400, "VALIDATION_FAILED");
        List<String> named = fields(response.json());
        for (String field : fields) {
            assertTrue(named.contains(field), () -> "no fieldError " + field + " in " + response);
        }
    }

    // --- venues -----------------------------------------------------------------------------

    @Test
    void createVenueAnswers201WithItsIdSeatCountAndSections() {
        Http.Response created = post("/admin/venues", Catalogs.venueBody("블루스퀘어 " + Catalogs.token()));
        assertEquals(201, created.status(), created::toString);
        JsonNode venue = created.json();
        assertFalse(venue.get("venueId").asText().isBlank());
        assertEquals(Catalogs.SEATS, venue.get("seatCount").asInt());
        assertEquals(List.of("A", "B"), List.of(venue.get("sections").get(0).asText(),
                venue.get("sections").get(1).asText()));
        assertEquals(2, venue.get("sections").size());
        assertTrue(venue.get("name").asText().startsWith("블루스퀘어 "));
    }

    @Test
    void venueWithoutSectionsIsRefused() {
        assertValidationFailed(post("/admin/venues", Catalogs.venueBody("빈 공연장", List.of())),
                "layout.sections");
        Map<String, Object> noLayout = Catalogs.venueBody("빈 공연장", List.of());
        noLayout.remove("layout");
        assertValidationFailed(post("/admin/venues", noLayout), "layout.sections");
    }

    @Test
    void venueWithARowTwiceInOneSectionIsRefused() {
        assertValidationFailed(post("/admin/venues", Catalogs.venueBody("중복열", List.of(
                Catalogs.section("A", Catalogs.row("1", 4), Catalogs.row("1", 4))))),
                "layout.sections[0].rows[1].row");
    }

    @Test
    void rowWithZeroOrMoreThan200SeatsIsRefused() {
        assertValidationFailed(post("/admin/venues", Catalogs.venueBody("좌석0", List.of(
                Catalogs.section("A", Catalogs.row("1", 0))))), "layout.sections[0].rows[0].seats");
        assertValidationFailed(post("/admin/venues", Catalogs.venueBody("좌석201", List.of(
                Catalogs.section("A", Catalogs.row("1", 10), Catalogs.row("2", 201))))),
                "layout.sections[0].rows[1].seats");
    }

    @Test
    void sectionOrRowNameWithADashIsRefused() {
        assertValidationFailed(post("/admin/venues", Catalogs.venueBody("대시", List.of(
                Catalogs.section("A-1", Catalogs.row("1", 4))))), "layout.sections[0].name");
        assertValidationFailed(post("/admin/venues", Catalogs.venueBody("대시", List.of(
                Catalogs.section("A", Catalogs.row("1-2", 4))))), "layout.sections[0].rows[0].row");
    }

    @Test
    void rowSeatCountBeyondTheIntRangeIsRefused() {
        // 2^32 + 1 seats: JSON allows it, and it must not be read as 1 seat.
        assertValidationFailed(post("/admin/venues", Catalogs.venueBody("오버플로", List.of(
                Catalogs.section("A", Map.of("row", "1", "seats", 4_294_967_297L))))),
                "layout.sections[0].rows[0].seats");
    }

    // --- creating performances ----------------------------------------------------------------

    @Test
    void createPerformanceAnswers201WithTheDetail() {
        String title = "레미제라블 " + Catalogs.token();
        JsonNode created = Catalogs.createPerformance(http, admin, Catalogs.performanceBody(venueId, title,
                "2031-05-25T09:00:00Z", "2031-05-23T11:00:00Z", "2031-05-24T10:00:00Z"));
        assertFalse(created.get("performanceId").asText().isBlank());
        assertEquals(title, created.get("title").asText());
        assertEquals(venueId, created.get("venue").get("venueId").asText());
        assertTrue(created.get("venue").get("name").asText().startsWith("테스트홀 "));
        assertEquals("MUSICAL", created.get("genre").asText());
        assertEquals(150, created.get("runningTimeMinutes").asInt());
        assertEquals(Catalogs.TICKETING_START, created.get("ticketingStartAt").asText());
        assertEquals(Catalogs.TICKETING_END, created.get("ticketingEndAt").asText());
        // Grades in request order, colours as #RRGGBB, each with the number of seats it covers.
        JsonNode grades = created.get("grades");
        assertEquals(3, grades.size());
        assertEquals("VIP", grades.get(0).get("name").asText());
        assertEquals("#D4AF37", grades.get(0).get("color").asText());
        assertEquals(150_000, grades.get(0).get("price").asLong());
        assertEquals(4, grades.get(0).get("totalSeats").asInt());
        assertEquals("#C0392B", grades.get(1).get("color").asText());
        assertEquals(4, grades.get(1).get("totalSeats").asInt());
        assertEquals(2, grades.get(2).get("totalSeats").asInt());
        grades.forEach(g -> assertFalse(g.get("gradeId").asText().isBlank()));
        // Schedules sorted by start, each ending a running time later.
        assertEquals(List.of("2031-05-23T11:00:00Z", "2031-05-24T10:00:00Z", "2031-05-25T09:00:00Z"),
                scheduleStarts(created));
        assertEquals("2031-05-23T13:30:00Z", created.get("schedules").get(0).get("endAt").asText());
        assertEquals("2031-05-23T11:00:00Z", created.get("startAt").asText());
        assertEquals("2031-05-25T09:00:00Z", created.get("endAt").asText());
        assertEquals("2031년 05월 23일 ~ 2031년 05월 25일", created.get("period").asText());
        assertEquals("2031년 05월 23일", created.get("startDate").asText());
        assertEquals("2031년 05월 25일", created.get("endDate").asText());
        // What the admin got is what visitors read.
        assertEquals(created, detail(created.get("performanceId").asText()));
    }

    @Test
    void singleShowHasStartAtEqualToEndAt() {
        JsonNode created = Catalogs.createPerformance(http, admin,
                Catalogs.performanceBody(venueId, "단일공연 " + Catalogs.token(), "2031-05-23T11:00:00Z"));
        assertEquals("2031-05-23T11:00:00Z", created.get("startAt").asText());
        assertEquals(created.get("startAt"), created.get("endAt"));
        assertEquals("2031년 05월 23일", created.get("period").asText());
        assertEquals(created.get("startDate"), created.get("endDate"));
        assertTrue(created.get("period").asText().matches("\\d{4}년 \\d{2}월 \\d{2}일"));
    }

    /** Each refused create names the field and leaves the venue's list empty. */
    private void assertCreateRefused(Consumer<Map<String, Object>> change, String... fields) {
        String emptyVenue = Catalogs.createVenue(http, admin);
        Map<String, Object> body = Catalogs.performanceBody(emptyVenue, "거절 " + Catalogs.token(),
                "2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z");
        change.accept(body);
        assertValidationFailed(post("/admin/performances", body), fields);
        Http.Response list = http.get(listPath("venueId", emptyVenue));
        assertEquals(200, list.status(), list::toString);
        assertEquals(0, list.json().get("items").size(), list::toString);
        String requested = String.valueOf(body.get("venueId"));
        if (!requested.equals(emptyVenue)) {
            assertEquals(0, http.get(listPath("venueId", requested)).json().get("items").size());
        }
    }

    private static Map<String, Object> grade(Map<String, Object> body, int index) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> grades = (List<Map<String, Object>>) body.get("grades");
        return grades.get(index);
    }

    @Test
    void ticketingEndAtNotAfterTicketingStartAtIsRefused() {
        assertCreateRefused(b -> b.put("ticketingEndAt", Catalogs.TICKETING_START), "ticketingEndAt");
        assertCreateRefused(b -> b.put("ticketingEndAt", "2031-03-01T00:00:00Z"), "ticketingEndAt");
    }

    @Test
    void scheduleNotAfterTicketingStartIsRefused() {
        assertCreateRefused(b -> b.put("schedules", Catalogs.schedules("2031-05-23T11:00:00Z", Catalogs.TICKETING_START)),
                "schedules[1].startAt");
        assertCreateRefused(b -> b.put("schedules", Catalogs.schedules("2031-03-01T11:00:00Z")),
                "schedules[0].startAt");
    }

    @Test
    void instantsWithSecondsAreRefused() {
        assertCreateRefused(b -> b.put("schedules", Catalogs.schedules("2031-05-23T11:00:30Z")),
                "schedules[0].startAt");
        assertCreateRefused(b -> b.put("ticketingStartAt", "2031-04-01T01:00:01Z"), "ticketingStartAt");
    }

    @Test
    void gradeColourThatIsNotRrggbbIsRefused() {
        assertCreateRefused(b -> grade(b, 1).put("color", "red"), "grades[1].color");
        assertCreateRefused(b -> grade(b, 0).put("color", "#FFF"), "grades[0].color");
    }

    @Test
    void negativePriceIsRefused() {
        assertCreateRefused(b -> grade(b, 2).put("price", -1), "grades[2].price");
    }

    @Test
    void seatIdRepeatedInOneGradeIsRefused() {
        assertCreateRefused(b -> grade(b, 1).put("seatIds", List.of("A-2-1", "A-2-2", "A-2-3", "A-2-4", "A-2-1")),
                "grades[1].seatIds");
    }

    @Test
    void seatInTwoGradesIsRefused() {
        // S takes row B-1 and, again, a seat R already has.
        assertCreateRefused(b -> {
            grade(b, 2).remove("rows");
            grade(b, 2).put("seatIds", List.of("B-1-1", "B-1-2", "A-2-1"));
        }, "grades[2]");
    }

    @Test
    void seatWithoutGradeIsRefused() {
        assertCreateRefused(b -> grade(b, 2).put("rows", List.of()), "grades[2].rows");
        // S covers only one of the two seats of B-1.
        assertCreateRefused(b -> {
            grade(b, 2).remove("rows");
            grade(b, 2).put("seatIds", List.of("B-1-1"));
        }, "grades");
    }

    @Test
    void gradeWithBothOrNeitherRowsAndSeatIdsIsRefused() {
        assertCreateRefused(b -> grade(b, 2).put("seatIds", List.of("B-1-1", "B-1-2")), "grades[2]");
        assertCreateRefused(b -> grade(b, 2).remove("rows"), "grades[2]");
    }

    @Test
    void unknownVenueIsRefused() {
        assertCreateRefused(b -> b.put("venueId", "no-such-venue-" + Catalogs.token()), "venueId");
    }

    @Test
    void unknownGenreIsRefused() {
        assertCreateRefused(b -> b.put("genre", "OPERA"), "genre");
        assertCreateRefused(b -> b.put("genre", "musical"), "genre");
    }

    // --- roles ------------------------------------------------------------------------------

    @Test
    void everyAdminRouteIsForbiddenToUsersAndUnauthenticatedWithoutToken() {
        String title = "권한 " + Catalogs.token();
        String performanceId = Catalogs.createPerformance(http, admin, venueId, title,
                "2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z");
        String scheduleId = detail(performanceId).get("schedules").get(0).get("scheduleId").asText();
        Map<String, Object> schedule = Map.of("startAt", "2031-05-26T11:00:00Z");
        String perf = "/admin/performances/" + performanceId;
        String sched = perf + "/schedules/" + scheduleId;
        List<Object[]> routes = List.of(
                new Object[]{"POST", "/admin/venues", Catalogs.venueBody("권한홀")},
                new Object[]{"POST", "/admin/performances", Catalogs.performanceBody(venueId, title + " 2",
                        "2031-05-23T11:00:00Z")},
                new Object[]{"PATCH", perf, Map.of("title", "바뀐 제목")},
                new Object[]{"DELETE", perf, null},
                new Object[]{"POST", perf + "/schedules", schedule},
                new Object[]{"PATCH", sched, schedule},
                new Object[]{"DELETE", sched, null});
        String user = Accounts.create(http).bearer();
        for (Object[] route : routes) {
            String method = (String) route[0];
            String path = (String) route[1];
            assertProblem(http.send(method, path, route[2], "Authorization", user), 403, "FORBIDDEN");
            assertProblem(http.send(method, path, route[2]), 401, "UNAUTHENTICATED");
            assertProblem(http.send(method, path, route[2], "Authorization", "Bearer not-a-token"),
                    401, "UNAUTHENTICATED");
        }
        // Nothing the refused callers asked for happened.
        JsonNode after = detail(performanceId);
        assertEquals(title, after.get("title").asText());
        assertEquals(List.of("2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z"), scheduleStarts(after));
        assertEquals(1, http.get(listPath("venueId", venueId, "q", title)).json().get("items").size());
    }

    // --- schedules --------------------------------------------------------------------------

    @Test
    void addedScheduleAppearsInTheDetailAndTheCalendar() {
        String performanceId = Catalogs.createPerformance(http, admin, venueId, "회차추가 " + Catalogs.token(),
                "2031-05-23T11:00:00Z");
        Http.Response added = post("/admin/performances/" + performanceId + "/schedules",
                Map.of("startAt", "2031-06-02T10:00:00Z"));
        assertEquals(201, added.status(), added::toString);
        String scheduleId = added.json().get("scheduleId").asText();
        assertEquals("2031-06-02T10:00:00Z", added.json().get("startAt").asText());
        assertEquals("2031-06-02T12:30:00Z", added.json().get("endAt").asText());
        assertEquals(Catalogs.SEATS, added.json().get("remainingSeats").asInt());

        JsonNode detail = detail(performanceId);
        assertEquals(List.of("2031-05-23T11:00:00Z", "2031-06-02T10:00:00Z"), scheduleStarts(detail));
        assertEquals(scheduleId, detail.get("schedules").get(1).get("scheduleId").asText());
        assertEquals("2031-06-02T10:00:00Z", detail.get("endAt").asText());
        assertEquals("2031년 05월 23일 ~ 2031년 06월 02일", detail.get("period").asText());

        JsonNode june = http.get("/performances/" + performanceId + "/calendar?month=2031-06").json();
        assertEquals(1, june.get("days").size(), june::toString);
        assertEquals("2031-06-02", june.get("days").get(0).get("date").asText());
        assertEquals(scheduleId, june.get("days").get(0).get("schedules").get(0).get("scheduleId").asText());
        assertEquals(Catalogs.SEATS, june.get("days").get(0).get("schedules").get(0).get("remainingSeats").asInt());
        // The new schedule has its own seat map.
        assertEquals(200, http.get("/schedules/" + scheduleId + "/seats").status());
    }

    @Test
    void scheduleBeforeTicketingOpensIsRefused() {
        String performanceId = Catalogs.createPerformance(http, admin, venueId, "회차거절 " + Catalogs.token(),
                "2031-05-23T11:00:00Z");
        assertValidationFailed(post("/admin/performances/" + performanceId + "/schedules",
                Map.of("startAt", "2031-03-31T10:00:00Z")), "startAt");
        assertValidationFailed(post("/admin/performances/" + performanceId + "/schedules",
                Map.of("startAt", Catalogs.TICKETING_START)), "startAt");
        assertValidationFailed(post("/admin/performances/" + performanceId + "/schedules",
                Map.of("startAt", "2031-05-30T10:00:15Z")), "startAt");
        assertValidationFailed(post("/admin/performances/" + performanceId + "/schedules", Map.of()), "startAt");
        assertEquals(List.of("2031-05-23T11:00:00Z"), scheduleStarts(detail(performanceId)));
    }

    @Test
    void movedScheduleAnswers200AndShowsAtItsNewTime() {
        String performanceId = Catalogs.createPerformance(http, admin, venueId, "회차변경 " + Catalogs.token(),
                "2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z");
        String scheduleId = detail(performanceId).get("schedules").get(0).get("scheduleId").asText();
        Http.Response moved = patch("/admin/performances/" + performanceId + "/schedules/" + scheduleId,
                Map.of("startAt", "2031-05-28T08:00:00Z"));
        assertEquals(200, moved.status(), moved::toString);
        assertEquals(scheduleId, moved.json().get("scheduleId").asText());
        assertEquals("2031-05-28T08:00:00Z", moved.json().get("startAt").asText());
        assertEquals("2031-05-28T10:30:00Z", moved.json().get("endAt").asText());

        JsonNode detail = detail(performanceId);
        assertEquals(List.of("2031-05-24T11:00:00Z", "2031-05-28T08:00:00Z"), scheduleStarts(detail));
        assertEquals(scheduleId, detail.get("schedules").get(1).get("scheduleId").asText());
        assertEquals("2031-05-24T11:00:00Z", detail.get("startAt").asText());
        assertEquals("2031-05-28T08:00:00Z", detail.get("endAt").asText());
        JsonNode may = http.get("/performances/" + performanceId + "/calendar?month=2031-05").json();
        assertEquals(List.of("2031-05-24", "2031-05-28"),
                List.of(may.get("days").get(0).get("date").asText(), may.get("days").get(1).get("date").asText()));
        assertEquals(2, may.get("days").size());
        // A move before ticketing opens is refused like an add.
        assertValidationFailed(patch("/admin/performances/" + performanceId + "/schedules/" + scheduleId,
                Map.of("startAt", "2031-01-01T00:00:00Z")), "startAt");
    }

    @Test
    void deletedScheduleAnswers204AndTheLastOneCannotBeDeleted() {
        String performanceId = Catalogs.createPerformance(http, admin, venueId, "회차삭제 " + Catalogs.token(),
                "2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z");
        JsonNode schedules = detail(performanceId).get("schedules");
        String first = schedules.get(0).get("scheduleId").asText();
        String second = schedules.get(1).get("scheduleId").asText();
        Http.Response deleted = delete("/admin/performances/" + performanceId + "/schedules/" + first);
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals("", deleted.body());
        JsonNode detail = detail(performanceId);
        assertEquals(List.of("2031-05-24T11:00:00Z"), scheduleStarts(detail));
        assertEquals(detail.get("startAt"), detail.get("endAt"));
        assertProblem(http.get("/schedules/" + first + "/seats"), 404, "NOT_FOUND");
        assertEquals(List.of("2031-05-24"), List.of(http.get("/performances/" + performanceId
                + "/calendar?month=2031-05").json().get("days").get(0).get("date").asText()));

        assertProblem(delete("/admin/performances/" + performanceId + "/schedules/" + second), 409, "LAST_SCHEDULE");
        assertEquals(List.of("2031-05-24T11:00:00Z"), scheduleStarts(detail(performanceId)));
    }

    @Test
    void createWithTwoSchedulesAtOneTimeIsRefused() {
        assertCreateRefused(b -> b.put("schedules", Catalogs.schedules("2031-05-23T11:00:00Z", "2031-05-23T11:00:00Z")),
                "schedules[1].startAt");
    }

    @Test
    void addedScheduleAtTheTimeOfAnotherIsRefused() {
        String performanceId = Catalogs.createPerformance(http, admin, venueId, "회차중복 " + Catalogs.token(),
                "2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z");
        assertValidationFailed(post("/admin/performances/" + performanceId + "/schedules",
                Map.of("startAt", "2031-05-23T11:00:00Z")), "startAt");
        assertEquals(List.of("2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z"), scheduleStarts(detail(performanceId)));
    }

    @Test
    void scheduleMovedOntoTheTimeOfAnotherIsRefused() {
        String performanceId = Catalogs.createPerformance(http, admin, venueId, "회차중복 " + Catalogs.token(),
                "2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z");
        String second = detail(performanceId).get("schedules").get(1).get("scheduleId").asText();
        assertValidationFailed(patch("/admin/performances/" + performanceId + "/schedules/" + second,
                Map.of("startAt", "2031-05-23T11:00:00Z")), "startAt");
        assertEquals(List.of("2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z"), scheduleStarts(detail(performanceId)));
    }

    @Test
    void runningTimeChangeMovesTheEndOfEverySchedule() {
        String performanceId = Catalogs.createPerformance(http, admin, venueId, "러닝타임 " + Catalogs.token(),
                "2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z");
        String scheduleId = detail(performanceId).get("schedules").get(0).get("scheduleId").asText();
        String etag = http.get("/schedules/" + scheduleId + "/seats").header("ETag");
        Http.Response changed = patch("/admin/performances/" + performanceId, Map.of("runningTimeMinutes", 95));
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(95, changed.json().get("runningTimeMinutes").asInt());
        JsonNode schedules = detail(performanceId).get("schedules");
        assertEquals("2031-05-23T12:35:00Z", schedules.get(0).get("endAt").asText());
        assertEquals("2031-05-24T12:35:00Z", schedules.get(1).get("endAt").asText());
        assertEquals(200, http.get("/schedules/" + scheduleId + "/seats", "If-None-Match", etag).status());
        assertValidationFailed(patch("/admin/performances/" + performanceId, Map.of("runningTimeMinutes", 0)),
                "runningTimeMinutes");
        assertValidationFailed(patch("/admin/performances/" + performanceId,
                Map.of("ticketingEndAt", "2031-03-01T00:00:00Z")), "ticketingEndAt");
    }

    // --- changing and deleting performances ---------------------------------------------------

    @Test
    void titleChangeMovesThePerformanceInTheNameOrder() {
        String token = Catalogs.token();
        String alpha = Catalogs.createPerformance(http, admin, venueId, token + " Alpha", "2031-05-23T11:00:00Z");
        String bravo = Catalogs.createPerformance(http, admin, venueId, token + " Bravo", "2031-05-23T11:00:00Z");
        String charlie = Catalogs.createPerformance(http, admin, venueId, token + " Charlie", "2031-05-23T11:00:00Z");
        String byName = listPath("venueId", venueId, "q", token, "sort", "name");
        assertEquals(List.of(alpha, bravo, charlie), Catalogs.ids(http.get(byName).json()));

        Http.Response renamed = patch("/admin/performances/" + alpha, Map.of("title", token + " Delta"));
        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals(token + " Delta", renamed.json().get("title").asText());
        assertEquals(List.of(bravo, charlie, alpha), Catalogs.ids(http.get(byName).json()));
        assertEquals(token + " Delta", detail(alpha).get("title").asText());
        // The old title is no longer found, the new one is.
        assertEquals(List.of(), Catalogs.ids(http.get(listPath("venueId", venueId, "q", token + " alpha")).json()));
        assertEquals(List.of(alpha), Catalogs.ids(http.get(listPath("venueId", venueId, "q", token + " delta")).json()));
    }

    @Test
    void repricingWithNewGradesAnswers200AndTheSeatMapShowsTheNewPrices() {
        String performanceId = Catalogs.createPerformance(http, admin, venueId, "가격변경 " + Catalogs.token(),
                "2031-05-23T11:00:00Z");
        String scheduleId = detail(performanceId).get("schedules").get(0).get("scheduleId").asText();
        // Two grades instead of three: row 1 of every section is "Floor", A-2 is "Balcony".
        List<Map<String, Object>> grades = List.of(
                Catalogs.grade("Floor", "#112233", 99_000, "rows", List.of("1")),
                Catalogs.grade("Balcony", "#445566", 55_000, "rows", List.of("A-2")));
        Http.Response repriced = patch("/admin/performances/" + performanceId, Map.of("grades", grades));
        assertEquals(200, repriced.status(), repriced::toString);
        JsonNode detailGrades = repriced.json().get("grades");
        assertEquals(2, detailGrades.size());
        assertEquals(6, detailGrades.get(0).get("totalSeats").asInt());
        assertEquals(4, detailGrades.get(1).get("totalSeats").asInt());
        assertEquals(55_000, repriced.json().get("minPrice").asLong());
        assertEquals(99_000, repriced.json().get("maxPrice").asLong());

        JsonNode map = http.get("/schedules/" + scheduleId + "/seats").json();
        Map<String, Long> priceByGrade = new LinkedHashMap<>();
        map.get("grades").forEach(g -> {
            priceByGrade.put(g.get("gradeId").asText(), g.get("price").asLong());
            assertEquals(g.get("total").asInt(), g.get("remaining").asInt());
        });
        assertEquals(List.of(99_000L, 55_000L), List.copyOf(priceByGrade.values()));
        map.get("seats").forEach(seat -> {
            long price = priceByGrade.get(seat.get("gradeId").asText());
            assertEquals(seat.get("row").asText().equals("1") ? 99_000 : 55_000, price, seat::toString);
        });
        // The list's price range follows.
        JsonNode item = http.get(listPath("venueId", venueId, "q", repriced.json().get("title").asText()))
                .json().get("items").get(0);
        assertEquals(55_000, item.get("minPrice").asLong());
        assertEquals(99_000, item.get("maxPrice").asLong());
    }

    @Test
    void invalidChangeIsRefusedAndChangesNothing() {
        String title = "변경거절 " + Catalogs.token();
        String performanceId = Catalogs.createPerformance(http, admin, venueId, title, "2031-05-23T11:00:00Z");
        JsonNode before = detail(performanceId);
        assertValidationFailed(patch("/admin/performances/" + performanceId,
                Map.of("title", "x", "grades", List.of(Catalogs.grade("Only", "#000000", 1, "rows", List.of("A-1"))))),
                "grades");
        assertValidationFailed(patch("/admin/performances/" + performanceId,
                Map.of("ticketingStartAt", "2031-05-24T00:00:00Z")), "ticketingStartAt");
        assertValidationFailed(patch("/admin/performances/" + performanceId, Map.of("venueId", venueId)), "venueId");
        assertEquals(before, detail(performanceId));
    }

    @Test
    void deletedPerformanceAnswers204AndIsGone() {
        String title = "삭제 " + Catalogs.token();
        String performanceId = Catalogs.createPerformance(http, admin, venueId, title, "2031-05-23T11:00:00Z");
        String scheduleId = detail(performanceId).get("schedules").get(0).get("scheduleId").asText();
        Http.Response deleted = delete("/admin/performances/" + performanceId);
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals("", deleted.body());
        assertProblem(http.get("/performances/" + performanceId), 404, "NOT_FOUND");
        assertProblem(http.get("/performances/" + performanceId + "/calendar?month=2031-05"), 404, "NOT_FOUND");
        assertProblem(http.get("/schedules/" + scheduleId + "/seats"), 404, "NOT_FOUND");
        assertEquals(0, http.get(listPath("venueId", venueId, "q", title)).json().get("items").size());
        assertProblem(delete("/admin/performances/" + performanceId), 404, "NOT_FOUND");
    }

    @Test
    void unknownPerformanceOrScheduleIsNotFound() {
        String performanceId = Catalogs.createPerformance(http, admin, venueId, "없는것 " + Catalogs.token(),
                "2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z");
        String other = Catalogs.createPerformance(http, admin, venueId, "남의것 " + Catalogs.token(),
                "2031-05-23T11:00:00Z");
        String othersSchedule = detail(other).get("schedules").get(0).get("scheduleId").asText();
        String missing = "0196f0a2-7c3e-7b1a-9a4e-" + Catalogs.token().substring(2, 12) + "ab";
        Map<String, Object> start = Map.of("startAt", "2031-05-26T11:00:00Z");
        assertProblem(patch("/admin/performances/" + missing, Map.of("title", "x")), 404, "NOT_FOUND");
        assertProblem(delete("/admin/performances/" + missing), 404, "NOT_FOUND");
        assertProblem(post("/admin/performances/" + missing + "/schedules", start), 404, "NOT_FOUND");
        String schedules = "/admin/performances/" + performanceId + "/schedules/";
        assertProblem(patch(schedules + missing, start), 404, "NOT_FOUND");
        assertProblem(delete(schedules + missing), 404, "NOT_FOUND");
        // Another performance's schedule is not one of this performance's.
        assertProblem(patch(schedules + othersSchedule, start), 404, "NOT_FOUND");
        assertProblem(delete(schedules + othersSchedule), 404, "NOT_FOUND");
        assertEquals(List.of("2031-05-23T11:00:00Z"), scheduleStarts(detail(other)));
        assertEquals(2, detail(performanceId).get("schedules").size());
    }
}
