package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static kr.tickets.runner.Catalogs.fields;
import static kr.tickets.runner.Catalogs.ids;
import static kr.tickets.runner.Catalogs.listPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public catalog over real HTTP (requirements §2, DESIGN "Catalog"): the list with its
 * filters, search, sort and cursor pages; the detail; the calendar; the seat map with ETags.
 * Every list query is narrowed to this class's venue (and a per-test title token).
 */
class CatalogE2EIT {
    private static final Http http = Http.client();
    private static String admin;
    private static String venueId;

    @BeforeAll
    static void venue() {
        admin = Catalogs.adminBearer(http);
        venueId = Catalogs.createVenue(http, admin);
    }

    private static JsonNode list(String... params) {
        String[] all = new String[params.length + 2];
        all[0] = "venueId";
        all[1] = venueId;
        System.arraycopy(params, 0, all, 2, params.length);
        Http.Response response = http.get(listPath(all));
        assertEquals(200, response.status(), response::toString);
        return response.json();
    }

    private static String create(String title, String... starts) {
        return Catalogs.createPerformance(http, admin, venueId, title, starts);
    }

    private static String create(String title, String genre, List<Map<String, Object>> grades, String... starts) {
        return Catalogs.createPerformance(http, admin, Catalogs.performanceBody(venueId, title, genre, grades, starts))
                .get("performanceId").asText();
    }

    private static String firstSchedule(String performanceId) {
        return http.get("/performances/" + performanceId).json().get("schedules").get(0).get("scheduleId").asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // --- the list ---------------------------------------------------------------------------

    @Test
    void listItemsCarryTheContractFields() {
        String token = Catalogs.token();
        String title = "오페라의 유령 " + token;
        String id = create(title, "CONCERT", Catalogs.grades(170_000, 130_000, 60_000),
                "2031-05-25T10:00:00Z", "2031-05-23T11:00:00Z");
        JsonNode page = list("q", token);
        assertEquals(1, page.get("items").size(), page::toString);
        assertTrue(page.has("nextCursor") && page.get("nextCursor").isNull(), page::toString);
        JsonNode item = page.get("items").get(0);
        Set<String> names = new HashSet<>();
        item.fieldNames().forEachRemaining(names::add);
        assertEquals(Set.of("performanceId", "title", "thumbnailUrl", "genre", "venueName", "startAt", "endAt",
                "period", "minPrice", "maxPrice"), names);
        assertEquals(id, item.get("performanceId").asText());
        assertEquals(title, item.get("title").asText());
        assertTrue(item.get("thumbnailUrl").asText().startsWith("https://"));
        assertEquals("CONCERT", item.get("genre").asText());
        assertTrue(item.get("venueName").asText().startsWith("테스트홀 "));
        assertEquals("2031-05-23T11:00:00Z", item.get("startAt").asText());
        assertEquals("2031-05-25T10:00:00Z", item.get("endAt").asText());
        assertEquals("2031년 05월 23일 ~ 2031년 05월 25일", item.get("period").asText());
        assertEquals(60_000, item.get("minPrice").asLong());
        assertEquals(170_000, item.get("maxPrice").asLong());
    }

    @Test
    void genreFilterKeepsOnlyThatGenre() {
        String token = Catalogs.token();
        String musical = create(token + " musical", "MUSICAL", Catalogs.grades(), "2031-05-23T11:00:00Z");
        String concert = create(token + " concert", "CONCERT", Catalogs.grades(), "2031-05-23T11:00:00Z");
        assertEquals(List.of(concert), ids(list("q", token, "genre", "CONCERT")));
        assertEquals(List.of(musical), ids(list("q", token, "genre", "MUSICAL")));
        assertEquals(List.of(), ids(list("q", token, "genre", "PLAY")));
        assertProblem(http.get(listPath("genre", "OPERA")), 400, "VALIDATION_FAILED");
    }

    @Test
    void venueFilterKeepsOnlyThatVenue() {
        String token = Catalogs.token();
        String here = create(token + " here", "2031-05-23T11:00:00Z");
        String otherVenue = Catalogs.createVenue(http, admin);
        String there = Catalogs.createPerformance(http, admin, otherVenue, token + " there", "2031-05-23T11:00:00Z");
        assertEquals(List.of(here), ids(list("q", token)));
        assertEquals(List.of(there), ids(http.get(listPath("venueId", otherVenue, "q", token)).json()));
        assertEquals(Set.of(here, there), new HashSet<>(ids(http.get(listPath("q", token)).json())));
    }

    @Test
    void dateFilterKeepsPerformancesWithAScheduleInTheRangeNotJustAnOverlappingSpan() {
        String token = Catalogs.token();
        // Plays on the 1st and the 20th: its span covers the 10th-12th, but no schedule is in it.
        String firstAndTwentieth = create(token + " span", "2031-05-01T11:00:00Z", "2031-05-20T11:00:00Z");
        String eleventh = create(token + " eleventh", "2031-05-11T23:30:00Z");
        assertEquals(List.of(eleventh), ids(list("q", token, "from", "2031-05-10", "to", "2031-05-12")));
        // Both bounds are inclusive days.
        assertEquals(List.of(firstAndTwentieth), ids(list("q", token, "from", "2031-05-20", "to", "2031-05-20")));
        assertEquals(List.of(firstAndTwentieth), ids(list("q", token, "from", "2031-04-01", "to", "2031-05-01")));
        assertEquals(List.of(eleventh), ids(list("q", token, "from", "2031-05-11", "to", "2031-05-11")));
        // One bound only.
        assertEquals(List.of(), ids(list("q", token, "from", "2031-05-21")));
        assertEquals(List.of(firstAndTwentieth), ids(list("q", token, "from", "2031-05-12")));
        assertEquals(List.of(firstAndTwentieth), ids(list("q", token, "to", "2031-05-10")));
        assertEquals(Set.of(firstAndTwentieth, eleventh), new HashSet<>(ids(list("q", token, "to", "2031-05-11"))));
    }

    @Test
    void priceFilterKeepsPerformancesWhosePriceRangeOverlaps() {
        String token = Catalogs.token();
        String cheap = create(token + " cheap", "PLAY", Catalogs.grades(50_000, 40_000, 30_000), "2031-05-23T11:00:00Z");
        String dear = create(token + " dear", "PLAY", Catalogs.grades(150_000, 120_000, 100_000), "2031-05-23T11:00:00Z");
        assertEquals(List.of(cheap), ids(list("q", token, "minPrice", "40000", "maxPrice", "60000")));
        assertEquals(List.of(dear), ids(list("q", token, "minPrice", "120000")));
        assertEquals(List.of(cheap), ids(list("q", token, "maxPrice", "30000")));
        assertEquals(List.of(dear), ids(list("q", token, "minPrice", "150000", "maxPrice", "200000")));
        assertEquals(Set.of(cheap, dear), new HashSet<>(ids(list("q", token, "minPrice", "50000", "maxPrice", "100000"))));
        assertEquals(List.of(), ids(list("q", token, "minPrice", "60000", "maxPrice", "90000")));
        assertEquals(List.of(), ids(list("q", token, "minPrice", "150001")));
        assertProblem(http.get(listPath("minPrice", "-1")), 400, "VALIDATION_FAILED");
        assertProblem(http.get(listPath("minPrice", "100", "maxPrice", "99")), 400, "VALIDATION_FAILED");
    }

    @Test
    void searchIsACaseInsensitivePartialMatchForLatinAndKorean() {
        String les = create("Les Misérables", "2031-05-23T11:00:00Z");
        String korean = create("레미제라블", "2031-05-23T11:00:00Z");
        assertEquals(List.of(les), ids(list("q", "LES MIS")));
        assertEquals(List.of(les), ids(list("q", "misérables")));
        assertEquals(List.of(les), ids(list("q", "s mis")));
        assertEquals(List.of(korean), ids(list("q", "미제라")));
        assertEquals(List.of(korean), ids(list("q", "레미제라블")));
        assertEquals(List.of(), ids(list("q", "미제라블스")));
        // Spaces and Hangul arrive percent-encoded in the query string, as browsers send them.
        Http.Response raw = http.get("/performances?venueId=" + encode(venueId) + "&q=%EB%AF%B8%EC%A0%9C%EB%9D%BC");
        assertEquals(List.of(korean), ids(raw.json()));
        Http.Response space = http.get("/performances?venueId=" + encode(venueId) + "&q=les%20mis");
        assertEquals(List.of(les), ids(space.json()));
    }

    @Test
    void sortByNameIsAscendingAndLatestIsNewestFirst() {
        String token = Catalogs.token();
        String charlie = create(token + " Charlie", "2031-05-23T11:00:00Z");
        String alpha = create(token + " alpha", "2031-05-24T11:00:00Z");
        String bravo = create(token + " Bravo", "2031-05-22T11:00:00Z");
        assertEquals(List.of(alpha, bravo, charlie), ids(list("q", token, "sort", "name")));
        assertEquals(List.of(bravo, alpha, charlie), ids(list("q", token, "sort", "latest")));
        // latest is the default.
        assertEquals(List.of(bravo, alpha, charlie), ids(list("q", token)));
    }

    @Test
    void sortByNameOrdersKoreanTitlesInDictionaryOrder() {
        String token = Catalogs.token();
        String ha = create(token + " 햄릿", "2031-05-23T11:00:00Z");
        String ga = create(token + " 갈매기", "2031-05-23T11:00:00Z");
        String na = create(token + " 나비부인", "2031-05-23T11:00:00Z");
        assertEquals(List.of(ga, na, ha), ids(list("q", token, "sort", "name")));
    }

    private List<List<String>> pages(String token, String sort, int size) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = cursor == null ? list("q", token, "sort", sort, "size", Integer.toString(size))
                    : list("q", token, "sort", sort, "size", Integer.toString(size), "cursor", cursor);
            pages.add(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            assertTrue(pages.size() < 10, "the cursor does not end");
        } while (cursor != null);
        return pages;
    }

    @Test
    void pagesOfTwoOverFiveItemsHoldTwoTwoOneAndTheLastHasNoCursor() {
        String token = Catalogs.token();
        List<String> created = new ArrayList<>();
        for (String name : List.of("E", "D", "C", "B", "A")) {
            created.add(create(token + " " + name, "2031-05-23T11:00:00Z"));
        }
        for (String sort : List.of("latest", "name")) {
            List<List<String>> pages = pages(token, sort, 2);
            assertEquals(List.of(2, 2, 1), pages.stream().map(List::size).toList(), sort);
            List<String> all = pages.stream().flatMap(List::stream).toList();
            assertEquals(ids(list("q", token, "sort", sort)), all, sort);
            List<String> expected = new ArrayList<>(created);
            Collections.reverse(expected);
            // Created E, D, C, B, A: newest first and by name are both A..E.
            assertEquals(expected, all, sort);
        }
    }

    @Test
    void listOfExactlyOnePageHasNoNextCursor() {
        String token = Catalogs.token();
        create(token + " one", "2031-05-23T11:00:00Z");
        create(token + " two", "2031-05-23T11:00:00Z");
        for (String sort : List.of("latest", "name")) {
            JsonNode page = list("q", token, "sort", sort, "size", "2");
            assertEquals(2, page.get("items").size(), page::toString);
            assertTrue(page.get("nextCursor").isNull(), page::toString);
        }
    }

    @Test
    void emptyResultHasNoItemsAndNoCursor() {
        JsonNode page = list("q", Catalogs.token());
        assertTrue(page.get("items").isArray());
        assertEquals(0, page.get("items").size());
        assertTrue(page.has("nextCursor") && page.get("nextCursor").isNull(), page::toString);
    }

    private void assertCursorRefused(Http.Response response) {
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertEquals("cursor", response.json().get("fieldErrors").get(0).get("field").asText(), response::toString);
    }

    @Test
    void cursorTheListDidNotHandOutIsRefused() {
        assertCursorRefused(http.get(listPath("cursor", "not-a-cursor")));
        assertCursorRefused(http.get(listPath("cursor", "eyJwayI6IngifQ")));
        assertCursorRefused(http.get(listPath("cursor", "!!!")));
    }

    @Test
    void aRealCursorWithOneCharacterEditedIsRefused() {
        String token = Catalogs.token();
        create(token + " a", "2031-05-23T11:00:00Z");
        create(token + " b", "2031-05-23T11:00:00Z");
        String cursor = list("q", token, "size", "1").get("nextCursor").asText();
        assertEquals(1, list("q", token, "size", "1", "cursor", cursor).get("items").size());
        for (int at : new int[]{0, cursor.indexOf('.') - 1, cursor.length() - 1}) {
            char replacement = cursor.charAt(at) == 'A' ? 'B' : 'A';
            String edited = cursor.substring(0, at) + replacement + cursor.substring(at + 1);
            assertCursorRefused(http.get(listPath("venueId", venueId, "q", token, "size", "1", "cursor", edited)));
        }
    }

    @Test
    void cursorOfTheLatestOrderIsRefusedForTheNameOrder() {
        String token = Catalogs.token();
        create(token + " a", "2031-05-23T11:00:00Z");
        create(token + " b", "2031-05-23T11:00:00Z");
        JsonNode latest = list("q", token, "sort", "latest", "size", "1");
        String cursor = latest.get("nextCursor").asText();
        assertFalse(cursor.isBlank());
        assertCursorRefused(http.get(listPath("venueId", venueId, "q", token, "sort", "name", "size", "1", "cursor",
                cursor)));
        String nameCursor = list("q", token, "sort", "name", "size", "1").get("nextCursor").asText();
        assertCursorRefused(http.get(listPath("venueId", venueId, "q", token, "size", "1", "cursor", nameCursor)));
    }

    @Test
    void invalidListParametersAreRefused() {
        for (String[] params : List.of(new String[]{"size", "0"}, new String[]{"size", "101"},
                new String[]{"size", "ten"}, new String[]{"sort", "price"}, new String[]{"from", "2025-13-01"},
                new String[]{"to", "2025-05-32"}, new String[]{"from", "2025-05-10", "to", "2025-05-09"})) {
            Http.Response response = http.get(listPath(params));
            assertProblem(response, 400, "VALIDATION_FAILED");
            String field = params.length == 4 ? "to" : params[0];
            assertTrue(fields(response.json()).contains(field), response::toString);
        }
        assertEquals(200, http.get(listPath("size", "100")).status());
        assertEquals(200, http.get(listPath("size", "1", "from", "2025-05-10", "to", "2025-05-10")).status());
    }

    // --- the detail -------------------------------------------------------------------------

    @Test
    void detailCarriesTheContractFields() {
        String title = "시카고 " + Catalogs.token();
        String id = create(title, "MUSICAL", Catalogs.grades(), "2031-05-24T10:00:00Z", "2031-05-23T11:00:00Z");
        Http.Response response = http.get("/performances/" + id);
        assertEquals(200, response.status(), response::toString);
        JsonNode detail = response.json();
        assertEquals(id, detail.get("performanceId").asText());
        assertEquals(title, detail.get("title").asText());
        assertEquals(venueId, detail.get("venue").get("venueId").asText());
        assertTrue(detail.get("venue").get("name").asText().startsWith("테스트홀 "));
        assertEquals("MUSICAL", detail.get("genre").asText());
        assertEquals(150, detail.get("runningTimeMinutes").asInt());
        assertEquals("2031-05-23T11:00:00Z", detail.get("startAt").asText());
        assertEquals("2031-05-24T10:00:00Z", detail.get("endAt").asText());
        assertEquals(Catalogs.TICKETING_START, detail.get("ticketingStartAt").asText());
        assertEquals(Catalogs.TICKETING_END, detail.get("ticketingEndAt").asText());
        assertEquals("2031년 05월 23일 ~ 2031년 05월 24일", detail.get("period").asText());
        assertEquals("2031년 04월 01일 ~ 2031년 06월 30일", detail.get("ticketingPeriod").asText());
        assertTrue(detail.get("thumbnailUrl").asText().startsWith("https://"));
        JsonNode grades = detail.get("grades");
        assertEquals(3, grades.size());
        for (JsonNode grade : grades) {
            Set<String> names = new HashSet<>();
            grade.fieldNames().forEachRemaining(names::add);
            assertEquals(Set.of("gradeId", "name", "color", "price", "totalSeats"), names);
        }
        assertEquals(Catalogs.SEATS, grades.get(0).get("totalSeats").asInt() + grades.get(1).get("totalSeats").asInt()
                + grades.get(2).get("totalSeats").asInt());
        JsonNode schedules = detail.get("schedules");
        assertEquals(2, schedules.size());
        assertEquals("2031-05-23T11:00:00Z", schedules.get(0).get("startAt").asText());
        assertEquals("2031-05-23T13:30:00Z", schedules.get(0).get("endAt").asText());
        assertEquals("2031-05-24T10:00:00Z", schedules.get(1).get("startAt").asText());
        assertNotNull(schedules.get(0).get("scheduleId"));
    }

    @Test
    void unknownPerformanceIsNotFound() {
        assertProblem(http.get("/performances/no-such-performance"), 404, "NOT_FOUND");
        assertProblem(http.get("/performances/no-such-performance/calendar?month=2031-05"), 404, "NOT_FOUND");
    }

    // --- the calendar -----------------------------------------------------------------------

    @Test
    void calendarGroupsAMonthsSchedulesByDaySorted() {
        String id = create("달력 " + Catalogs.token(), "2031-05-12T10:00:00Z", "2031-05-10T14:00:00Z",
                "2031-05-10T10:00:00Z", "2031-06-01T10:00:00Z");
        Http.Response response = http.get("/performances/" + id + "/calendar?month=2031-05");
        assertEquals(200, response.status(), response::toString);
        JsonNode calendar = response.json();
        assertEquals("2031-05", calendar.get("month").asText());
        JsonNode days = calendar.get("days");
        assertEquals(2, days.size(), calendar::toString);
        assertEquals("2031-05-10", days.get(0).get("date").asText());
        assertEquals(List.of("2031-05-10T10:00:00Z", "2031-05-10T14:00:00Z"),
                List.of(days.get(0).get("schedules").get(0).get("startAt").asText(),
                        days.get(0).get("schedules").get(1).get("startAt").asText()));
        assertEquals(2, days.get(0).get("schedules").size());
        assertEquals("2031-05-12", days.get(1).get("date").asText());
        assertEquals(1, days.get(1).get("schedules").size());
        for (JsonNode day : days) {
            for (JsonNode schedule : day.get("schedules")) {
                assertEquals(Catalogs.SEATS, schedule.get("remainingSeats").asInt());
                assertFalse(schedule.get("scheduleId").asText().isBlank());
            }
        }
    }

    @Test
    void calendarOfAMonthWithoutSchedulesHasNoDays() {
        String id = create("빈달력 " + Catalogs.token(), "2031-05-12T10:00:00Z");
        JsonNode calendar = http.get("/performances/" + id + "/calendar?month=2031-07").json();
        assertEquals("2031-07", calendar.get("month").asText());
        assertTrue(calendar.get("days").isArray());
        assertEquals(0, calendar.get("days").size());
    }

    @Test
    void calendarWithABadMonthIsRefused() {
        String id = create("나쁜달 " + Catalogs.token(), "2031-05-12T10:00:00Z");
        for (String month : List.of("2031-13", "2031-5", "May", "2031-05-01")) {
            Http.Response response = http.get("/performances/" + id + "/calendar?month=" + encode(month));
            assertProblem(response, 400, "VALIDATION_FAILED");
            assertEquals(List.of("month"), fields(response.json()));
        }
        assertProblem(http.get("/performances/" + id + "/calendar"), 400, "VALIDATION_FAILED");
    }

    // --- the seat map -----------------------------------------------------------------------

    @Test
    void seatMapShowsEverySeatAvailableWithItsGrade() {
        String id = create("좌석도 " + Catalogs.token(), "2031-05-12T10:00:00Z");
        String scheduleId = firstSchedule(id);
        Http.Response response = http.get("/schedules/" + scheduleId + "/seats");
        assertEquals(200, response.status(), response::toString);
        JsonNode map = response.json();
        assertEquals(scheduleId, map.get("scheduleId").asText());
        assertEquals(id, map.get("performanceId").asText());
        assertEquals("2031-05-12T10:00:00Z", map.get("startAt").asText());
        assertTrue(map.get("version").isNumber());
        JsonNode grades = map.get("grades");
        assertEquals(3, grades.size());
        Set<String> gradeIds = new HashSet<>();
        for (JsonNode grade : grades) {
            gradeIds.add(grade.get("gradeId").asText());
            assertEquals(grade.get("total").asInt(), grade.get("remaining").asInt(), grade::toString);
            assertTrue(grade.get("color").asText().matches("#[0-9A-F]{6}"));
        }
        assertEquals(List.of(4, 4, 2), List.of(grades.get(0).get("total").asInt(), grades.get(1).get("total").asInt(),
                grades.get(2).get("total").asInt()));
        JsonNode seats = map.get("seats");
        assertEquals(Catalogs.SEATS, seats.size());
        Set<String> seatIds = new HashSet<>();
        for (JsonNode seat : seats) {
            seatIds.add(seat.get("seatId").asText());
            assertEquals("AVAILABLE", seat.get("status").asText(), seat::toString);
            assertTrue(gradeIds.contains(seat.get("gradeId").asText()), seat::toString);
            for (String field : List.of("label", "section", "row", "number", "x", "y")) {
                assertTrue(seat.hasNonNull(field), () -> field + " missing in " + seat);
            }
        }
        assertEquals(Catalogs.SEATS, seatIds.size());
        JsonNode a21 = null;
        for (JsonNode seat : seats) {
            if (seat.get("seatId").asText().equals("A-2-1")) {
                a21 = seat;
            }
        }
        assertNotNull(a21);
        assertEquals("A", a21.get("section").asText());
        assertEquals("2", a21.get("row").asText());
        assertEquals(1, a21.get("number").asInt());
        assertEquals(grades.get(1).get("gradeId"), a21.get("gradeId"));
    }

    @Test
    void seatMapSendsAnETagAndAnswers304ToIfNoneMatch() {
        String scheduleId = firstSchedule(create("이태그 " + Catalogs.token(), "2031-05-12T10:00:00Z"));
        Http.Response first = http.get("/schedules/" + scheduleId + "/seats");
        String etag = first.header("ETag");
        assertNotNull(etag, first.headers()::toString);
        assertFalse(etag.isBlank());
        Http.Response fresh = http.get("/schedules/" + scheduleId + "/seats", "If-None-Match", etag);
        assertEquals(304, fresh.status(), fresh::toString);
        assertEquals("", fresh.body());
        assertEquals(etag, fresh.header("ETag"));
        Http.Response stale = http.get("/schedules/" + scheduleId + "/seats", "If-None-Match", "\"" + scheduleId + ":0\"");
        assertEquals(200, stale.status(), stale::toString);
        assertEquals(etag, stale.header("ETag"));
        assertEquals(first.json(), stale.json());
    }

    @Test
    void repricingChangesTheSeatMapETag() {
        String id = create("재가격 " + Catalogs.token(), "2031-05-12T10:00:00Z");
        String scheduleId = firstSchedule(id);
        String before = http.get("/schedules/" + scheduleId + "/seats").header("ETag");
        Http.Response repriced = http.patch("/admin/performances/" + id,
                Map.of("grades", Catalogs.grades(160_000, 120_000, 90_000)), "Authorization", admin);
        assertEquals(200, repriced.status(), repriced::toString);
        Http.Response after = http.get("/schedules/" + scheduleId + "/seats", "If-None-Match", before);
        assertEquals(200, after.status(), after::toString);
        assertNotEquals(before, after.header("ETag"));
        assertEquals(160_000, after.json().get("grades").get(0).get("price").asLong());
        assertEquals(90_000, after.json().get("grades").get(2).get("price").asLong());
        assertEquals(304, http.get("/schedules/" + scheduleId + "/seats", "If-None-Match", after.header("ETag")).status());
    }

    @Test
    void seatMapOfAnUnknownScheduleIsNotFound() {
        assertProblem(http.get("/schedules/no-such-schedule/seats"), 404, "NOT_FOUND");
        assertProblem(http.get("/schedules/no-such-schedule/seats", "If-None-Match", "\"no-such-schedule:1\""),
                404, "NOT_FOUND");
    }
}
