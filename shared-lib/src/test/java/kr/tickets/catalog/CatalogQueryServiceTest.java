package kr.tickets.catalog;

import static kr.tickets.common.ApiAssertions.assertFails;
import static kr.tickets.common.ApiAssertions.assertValidationFailed;
import static kr.tickets.common.ApiAssertions.jsonBody;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kr.tickets.common.ApiException;
import kr.tickets.common.CursorSigner;
import kr.tickets.common.FieldError;
import kr.tickets.common.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogQueryServiceTest {
    private static final Instant NOW = Instant.parse("2030-04-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryCatalogRepository catalog = new InMemoryCatalogRepository();
    private final CatalogAdminService admin = new CatalogAdminService(catalog, clock);
    private final CursorSigner cursors = new CursorSigner("test-cursor-key-test-cursor-key-0123".getBytes(StandardCharsets.UTF_8));
    private final CatalogQueryService query = new CatalogQueryService(catalog, clock, () -> cursors);

    /** 1층 rows A and B of 2 seats (VIP and R), 2층 row A of 2 seats (R): 6 seats. */
    private String venueId;
    /** Created an hour apart, in this order (so "latest" lists them backwards). */
    private Performance lesMis;
    private Performance mammaMia;
    private Performance hamlet;
    private Performance beethoven;

    @BeforeEach
    void createCatalog() {
        venueId = (String) admin.createVenue(jsonBody("""
                {"name": "블루스퀘어", "address": "서울 용산구", "layout": {"sections": [
                  {"name": "1층", "rows": [{"row": "A", "seats": 2}, {"row": "B", "seats": 2}]},
                  {"name": "2층", "rows": [{"row": "A", "seats": 2}]}]}}""")).get("venueId");
        lesMis = performance("레미제라블", "MUSICAL", 150_000, 100_000, "2030-05-03T10:00:00Z", "2030-05-01T10:00:00Z");
        mammaMia = performance("Mamma Mia!", "MUSICAL", 90_000, 60_000, "2030-06-10T10:00:00Z");
        hamlet = performance("햄릿", "PLAY", 50_000, 30_000, "2030-05-20T11:00:00Z");
        beethoven = performance("베토벤 교향곡", "CLASSICAL", 20_000, 0, "2030-07-01T10:00:00Z", "2030-07-02T10:00:00Z");
    }

    private Performance performance(String title, String genre, long vip, long r, String... starts) {
        String schedules = Stream.of(starts).map(s -> "{\"startAt\": \"" + s + "\"}").collect(Collectors.joining(", "));
        Performance p = admin.createPerformance(jsonBody("""
                {"title": "%s", "genre": "%s", "venueId": "%s", "runningTimeMinutes": 120,
                 "thumbnailUrl": "https://img.example/%d.jpg",
                 "ticketingStartAt": "2030-04-10T01:00:00Z", "ticketingEndAt": "2030-07-01T00:00:00Z",
                 "grades": [{"name": "VIP", "color": "#AA0000", "price": %d, "rows": ["1층-A"]},
                            {"name": "R", "color": "#00AA00", "price": %d, "rows": ["1층-B", "2층-A"]}],
                 "schedules": [%s]}""".formatted(title, genre, venueId, vip, vip, r, schedules)));
        clock.advance(Duration.ofHours(1));
        return p;
    }

    private static Map<String, String> params(String... keyValues) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private List<String> titles(String... keyValues) {
        return titles(query.list(params(keyValues)));
    }

    private static List<String> titles(Map<String, Object> page) {
        return items(page).stream().map(i -> (String) i.get("title")).toList();
    }

    private static List<String> fields(ApiException e) {
        return e.fieldErrors().stream().map(FieldError::field).toList();
    }

    private List<String> refusedListFields(String... keyValues) {
        return fields(assertValidationFailed(() -> query.list(params(keyValues))));
    }

    private Schedule firstScheduleOf(Performance p) {
        return catalog.schedules(p.performanceId(), null, null).get(0);
    }

    // --- list: what it answers ----------------------------------------------------------------

    @Test
    void listWithoutParametersShowsTheLatestFirstOnOnePage() {
        Map<String, Object> page = query.list(Map.of());

        assertEquals(List.of("베토벤 교향곡", "햄릿", "Mamma Mia!", "레미제라블"), titles(page));
        assertNull(page.get("nextCursor"));
    }

    @Test
    void listItemSummarisesThePerformanceWithItsPeriodAndPriceRange() {
        Map<String, Object> item = items(query.list(params("q", "레미"))).get(0);

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("performanceId", lesMis.performanceId());
        expected.put("title", "레미제라블");
        expected.put("thumbnailUrl", "https://img.example/150000.jpg");
        expected.put("genre", "MUSICAL");
        expected.put("venueName", "블루스퀘어");
        expected.put("startAt", "2030-05-01T10:00:00Z");
        expected.put("endAt", "2030-05-03T10:00:00Z");
        expected.put("period", "2030년 05월 01일 ~ 2030년 05월 03일");
        expected.put("minPrice", 100_000L);
        expected.put("maxPrice", 150_000L);
        assertEquals(expected, item);
    }

    @Test
    void singleDayPerformanceHasASingleDatePeriod() {
        assertEquals("2030년 05월 20일", items(query.list(params("q", "햄릿"))).get(0).get("period"));
    }

    @Test
    void sortByNameIsAlphabeticalByTitle() {
        assertEquals(List.of("Mamma Mia!", "레미제라블", "베토벤 교향곡", "햄릿"), titles("sort", "name"));
    }

    @Test
    void explicitLatestSortIsTheDefault() {
        assertEquals(titles(), titles("sort", "latest"));
    }

    @Test
    void genreFilterKeepsThatGenre() {
        assertEquals(List.of("Mamma Mia!", "레미제라블"), titles("genre", "MUSICAL"));
        assertEquals(List.of("햄릿"), titles("genre", "PLAY"));
        assertEquals(List.of(), titles("genre", "DANCE"));
    }

    @Test
    void searchIsAPartialCaseInsensitiveTitleMatch() {
        assertEquals(List.of("Mamma Mia!"), titles("q", "MIA"));
        assertEquals(List.of("레미제라블"), titles("q", "미제"));
        assertEquals(List.of(), titles("q", "오페라"));
    }

    @Test
    void venueFilterKeepsThatVenue() {
        assertEquals(4, titles("venueId", venueId).size());
        assertEquals(List.of(), titles("venueId", "other-venue"));
    }

    @Test
    void dateFilterKeepsPerformancesWithAScheduleInTheRangeInclusive() {
        assertEquals(List.of("햄릿", "레미제라블"), titles("from", "2030-05-03", "to", "2030-05-20"));
        assertEquals(List.of("베토벤 교향곡"), titles("from", "2030-06-11"));
        assertEquals(List.of("레미제라블"), titles("to", "2030-05-01"));
    }

    @Test
    void dateFilterNeedsAScheduleInTheRangeNotJustAnOverlappingSpan() {
        assertEquals(List.of(), titles("from", "2030-05-02", "to", "2030-05-02"),
                "레미제라블 plays May 1 and May 3, not May 2");
    }

    @Test
    void priceFilterKeepsPerformancesWhosePriceRangeOverlaps() {
        assertEquals(List.of("레미제라블"), titles("minPrice", "95000"));
        assertEquals(List.of("베토벤 교향곡", "햄릿"), titles("maxPrice", "40000"));
        assertEquals(List.of("Mamma Mia!", "레미제라블"), titles("minPrice", "70000", "maxPrice", "100000"));
        assertEquals(List.of("베토벤 교향곡"), titles("minPrice", "0", "maxPrice", "0"), "free seats");
    }

    @Test
    void filtersCombine() {
        assertEquals(List.of("레미제라블"), titles("genre", "MUSICAL", "from", "2030-05-01", "to", "2030-05-31"));
    }

    // --- list: pages --------------------------------------------------------------------------

    @Test
    void pagesOfOneWalkTheWholeListOnceAndTheLastPageHasNoCursor() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> params = params("size", "1");
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            Map<String, Object> page = query.list(params);
            assertEquals(1, items(page).size());
            seen.addAll(titles(page));
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        assertEquals(List.of("베토벤 교향곡", "햄릿", "Mamma Mia!", "레미제라블"), seen);
        assertEquals(4, pages, "no empty page after the last");
    }

    @Test
    void cursorContinuesTheSameSortAndFilter() {
        Map<String, Object> first = query.list(params("sort", "name", "size", "2"));
        assertEquals(List.of("Mamma Mia!", "레미제라블"), titles(first));
        assertNotNull(first.get("nextCursor"));

        Map<String, Object> second = query.list(params("sort", "name", "size", "2",
                "cursor", (String) first.get("nextCursor")));

        assertEquals(List.of("베토벤 교향곡", "햄릿"), titles(second));
        assertNull(second.get("nextCursor"));
    }

    @Test
    void pageExactlyAsLargeAsTheRestHasNoCursor() {
        assertNull(query.list(params("size", "4")).get("nextCursor"));
        assertNotNull(query.list(params("size", "3")).get("nextCursor"));
    }

    @Test
    void defaultPageIsTwentyItems() {
        for (int i = 0; i < 21; i++) {
            performance("공연 " + i, "OTHER", 1, 1, "2030-08-01T10:00:00Z");
        }

        Map<String, Object> page = query.list(Map.of());

        assertEquals(CatalogQueryService.DEFAULT_PAGE, items(page).size());
        assertNotNull(page.get("nextCursor"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-cursor", "%%%", "eyJwayI6IlBFUkYjMSJ9", "eyJwayI6IlBFUkYjMSJ9.AAAA"})
    void cursorTheListDidNotHandOutIsAValidationErrorOnCursor(String cursor) {
        assertEquals(List.of("cursor"), refusedListFields("cursor", cursor));
    }

    @Test
    void cursorOfTheOtherSortOrderIsAValidationErrorOnCursor() {
        String latestCursor = (String) query.list(params("size", "1")).get("nextCursor");

        assertEquals(List.of("cursor"), refusedListFields("sort", "name", "cursor", latestCursor));
    }

    @Test
    void anEditedCursorIsRefusedBeforeTheRepositoryIsAsked() {
        String cursor = (String) query.list(params("size", "1")).get("nextCursor");
        String payload = new String(Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))),
                StandardCharsets.UTF_8);
        // One character of the position changed; and a valid position signed with another key.
        String edited = (cursor.charAt(0) == 'A' ? "B" : "A") + cursor.substring(1);
        String foreign = new CursorSigner("another-key-another-key-another-key!".getBytes(StandardCharsets.UTF_8))
                .sign("performances:LATEST", payload);
        int reads = catalog.listCalls();

        assertEquals(List.of("cursor"), refusedListFields("size", "1", "cursor", edited));
        assertEquals(List.of("cursor"), refusedListFields("size", "1", "cursor", foreign));
        assertEquals(reads, catalog.listCalls());
        assertEquals(1, items(query.list(params("size", "1", "cursor", cursor))).size());
    }

    // --- list: parameters ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "ten", "1.5"})
    void sizeMustBeAWholeNumberFrom1To100(String size) {
        assertEquals(List.of("size"), refusedListFields("size", size));
    }

    @Test
    void sizeOf1And100AreAllowed() {
        assertEquals(1, items(query.list(params("size", "1"))).size());
        assertEquals(4, items(query.list(params("size", "100"))).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NAME", "oldest", "popular"})
    void sortMustBeLatestOrName(String sort) {
        assertEquals(List.of("sort"), refusedListFields("sort", sort));
    }

    @ParameterizedTest
    @ValueSource(strings = {"musical", "OPERA"})
    void genreMustBeOneOfTheGenreCodes(String genre) {
        assertEquals(List.of("genre"), refusedListFields("genre", genre));
    }

    @ParameterizedTest
    @CsvSource({"from, 2030-13-01", "from, 2030/05/01", "from, 2030-05-01T00:00:00Z", "to, 2030-02-30",
            "to, tomorrow", "to, 20300501"})
    void datesMustBeIsoDays(String field, String value) {
        assertEquals(List.of(field), refusedListFields(field, value));
    }

    @Test
    void toBeforeFromIsRefusedOnTo() {
        ApiException e = assertValidationFailed(() -> query.list(params("from", "2030-05-02", "to", "2030-05-01")));

        assertEquals(List.of(new FieldError("to", "must not be before from")), e.fieldErrors());
    }

    @Test
    void sameDayFromAndToIsAllowed() {
        assertEquals(List.of("레미제라블"), titles("from", "2030-05-01", "to", "2030-05-01"));
    }

    @ParameterizedTest
    @CsvSource({"minPrice, -1", "minPrice, 1.5", "maxPrice, abc", "maxPrice, 99999999999999999999"})
    void pricesMustBeWholeNonNegativeNumbers(String field, String value) {
        assertEquals(List.of(field), refusedListFields(field, value));
    }

    @Test
    void maxPriceBelowMinPriceIsRefusedOnMaxPrice() {
        ApiException e = assertValidationFailed(() -> query.list(params("minPrice", "50000", "maxPrice", "49999")));

        assertEquals(List.of(new FieldError("maxPrice", "must not be below minPrice")), e.fieldErrors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   "})
    void parametersSentEmptyMeanNoFilter(String blank) {
        List<String> all = titles();
        assertEquals(all, titles("q", blank, "genre", blank, "venueId", blank, "from", blank, "to", blank,
                "minPrice", blank, "maxPrice", blank, "sort", blank, "size", blank, "cursor", blank));
    }

    @Test
    void searchOfAtMost100CharactersIsAllowed() {
        assertEquals(List.of(), titles("q", "가".repeat(100)));
        assertEquals(List.of("q"), refusedListFields("q", "가".repeat(101)));
    }

    @Test
    void everyInvalidParameterIsNamedInOneAnswer() {
        assertEquals(List.of("q", "genre", "from", "maxPrice", "sort", "size"), refusedListFields(
                "q", "가".repeat(101), "genre", "opera", "from", "someday", "minPrice", "10", "maxPrice", "9",
                "sort", "cheapest", "size", "0"));
    }

    @Test
    void anInvalidCursorIsNamedWithTheOtherInvalidParameters() {
        assertEquals(List.of("size", "cursor"), refusedListFields("size", "0", "cursor", "garbage"));
    }

    // --- detail -------------------------------------------------------------------------------

    @Test
    void detailListsSchedulesInStartOrderWithDisplayDates() {
        Map<String, Object> detail = query.detail(lesMis.performanceId());

        assertEquals("레미제라블", detail.get("title"));
        assertEquals(Map.of("venueId", venueId, "name", "블루스퀘어"), detail.get("venue"));
        assertEquals("2030년 05월 01일", detail.get("startDate"));
        assertEquals("2030년 05월 03일", detail.get("endDate"));
        assertEquals("2030년 04월 10일 ~ 2030년 07월 01일", detail.get("ticketingPeriod"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> schedules = (List<Map<String, Object>>) detail.get("schedules");
        assertEquals(List.of("2030-05-01T10:00:00Z", "2030-05-03T10:00:00Z"),
                schedules.stream().map(s -> s.get("startAt")).toList());
        assertEquals("2030-05-01T12:00:00Z", schedules.get(0).get("endAt"));
    }

    @Test
    void detailOfAnUnknownPerformanceIs404() {
        assertFails(() -> query.detail("nope"), 404, "NOT_FOUND");
    }

    // --- calendar -----------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> days(Map<String, Object> calendar) {
        return (List<Map<String, Object>>) calendar.get("days");
    }

    @SuppressWarnings("unchecked")
    private static List<String> startsOn(Map<String, Object> day) {
        return ((List<Map<String, Object>>) day.get("schedules")).stream().map(s -> (String) s.get("startAt")).toList();
    }

    @Test
    void calendarGroupsTheMonthsSchedulesByUtcDateInOrder() {
        Performance p = performance("캣츠", "MUSICAL", 1, 1, "2030-05-02T23:30:00Z", "2030-06-01T00:00:00Z",
                "2030-05-02T10:00:00Z", "2030-04-30T23:59:00Z", "2030-05-01T12:00:00Z", "2030-05-31T23:59:00Z");

        Map<String, Object> may = query.calendar(p.performanceId(), "2030-05");

        assertEquals("2030-05", may.get("month"));
        List<Map<String, Object>> days = days(may);
        assertEquals(List.of("2030-05-01", "2030-05-02", "2030-05-31"), days.stream().map(d -> d.get("date")).toList());
        assertEquals(List.of("2030-05-01T12:00:00Z"), startsOn(days.get(0)));
        assertEquals(List.of("2030-05-02T10:00:00Z", "2030-05-02T23:30:00Z"), startsOn(days.get(1)),
                "23:30Z stays on May 2 although it is May 3 in Seoul");
        assertEquals(List.of("2030-05-31T23:59:00Z"), startsOn(days.get(2)));
    }

    @Test
    void calendarEntriesCarryTheScheduleIdAndItsRemainingSeats() {
        Schedule first = firstScheduleOf(lesMis);
        catalog.book(first.scheduleId(), "G1", "1층-A-1", "1층-A-2");

        Map<String, Object> may = query.calendar(lesMis.performanceId(), "2030-05");

        @SuppressWarnings("unchecked")
        Map<String, Object> entry = ((List<Map<String, Object>>) days(may).get(0).get("schedules")).get(0);
        assertEquals(Map.of("scheduleId", first.scheduleId(), "startAt", "2030-05-01T10:00:00Z", "remainingSeats", 4),
                entry);
    }

    @Test
    void monthWithoutSchedulesHasNoDays() {
        assertEquals(Map.of("month", "2030-08", "days", List.of()), query.calendar(lesMis.performanceId(), "2030-08"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2030-5", "2030-13", "05-2030", "2030-05-01", "may", ""})
    void monthMustBeYearDashMonth(String month) {
        ApiException e = assertValidationFailed(() -> query.calendar(lesMis.performanceId(), month));

        assertEquals(List.of("month"), fields(e));
    }

    @Test
    void missingMonthIsRefused() {
        assertEquals(List.of("month"), fields(assertValidationFailed(() -> query.calendar(lesMis.performanceId(), null))));
    }

    @Test
    void calendarOfAnUnknownPerformanceIs404() {
        assertFails(() -> query.calendar("nope", "2030-05"), 404, "NOT_FOUND");
    }

    // --- seat map -----------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, String> statuses(CatalogQueryService.SeatMap map) {
        Map<String, String> out = new LinkedHashMap<>();
        ((List<Map<String, Object>>) map.body().get("seats"))
                .forEach(s -> out.put((String) s.get("seatId"), (String) s.get("status")));
        return out;
    }

    @Test
    void seatMapIsTaggedWithTheSchedulesVersion() {
        Schedule s = firstScheduleOf(lesMis);

        CatalogQueryService.SeatMap map = query.seatMap(s.scheduleId(), null).orElseThrow();

        assertEquals("\"" + s.scheduleId() + ":" + s.version() + "\"", map.etag());
        assertEquals(CatalogQueryService.etag(s), map.etag());
        assertEquals(s.scheduleId(), map.body().get("scheduleId"));
        assertEquals(lesMis.performanceId(), map.body().get("performanceId"));
        assertEquals("2030-05-01T10:00:00Z", map.body().get("startAt"));
        assertEquals(s.version(), map.body().get("version"));
    }

    @Test
    void seatMapIsEmptyWhenTheClientsCopyIsCurrent() {
        Schedule s = firstScheduleOf(lesMis);
        String etag = query.seatMap(s.scheduleId(), null).orElseThrow().etag();

        assertEquals(Optional.empty(), query.seatMap(s.scheduleId(), etag));
    }

    @Test
    void seatMapIsSentAgainOnceASeatChanged() {
        Schedule s = firstScheduleOf(lesMis);
        String etag = query.seatMap(s.scheduleId(), null).orElseThrow().etag();
        catalog.book(s.scheduleId(), "G2", "1층-B-1");

        CatalogQueryService.SeatMap map = query.seatMap(s.scheduleId(), etag).orElseThrow();

        assertNotEquals(etag, map.etag());
        assertEquals("BOOKED", statuses(map).get("1층-B-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/\"x\"", "\"other:1\"", ""})
    void anotherETagGetsTheFullMap(String ifNoneMatch) {
        assertTrue(query.seatMap(firstScheduleOf(lesMis).scheduleId(), ifNoneMatch).isPresent());
    }

    @Test
    void everySeatOfTheVenueIsListedWithPositionGradeAndStatus() {
        Schedule s = firstScheduleOf(lesMis);
        catalog.book(s.scheduleId(), "G1", "1층-A-1");
        catalog.hold(s.scheduleId(), clock.instant().plus(Duration.ofMinutes(10)), "G2", "2층-A-2");

        CatalogQueryService.SeatMap map = query.seatMap(s.scheduleId(), null).orElseThrow();

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("1층-A-1", "BOOKED");
        expected.put("1층-A-2", "AVAILABLE");
        expected.put("1층-B-1", "AVAILABLE");
        expected.put("1층-B-2", "AVAILABLE");
        expected.put("2층-A-1", "AVAILABLE");
        expected.put("2층-A-2", "PENDING");
        assertEquals(expected, statuses(map));
        @SuppressWarnings("unchecked")
        Map<String, Object> seat = ((List<Map<String, Object>>) map.body().get("seats")).get(5);
        Map<String, Object> expectedSeat = new LinkedHashMap<>();
        expectedSeat.put("seatId", "2층-A-2");
        expectedSeat.put("label", "2층 A열 2번");
        expectedSeat.put("section", "2층");
        expectedSeat.put("row", "A");
        expectedSeat.put("number", 2);
        expectedSeat.put("x", 10);
        expectedSeat.put("y", 30);
        expectedSeat.put("gradeId", "G2");
        expectedSeat.put("status", "PENDING");
        assertEquals(expectedSeat, seat);
    }

    @Test
    void holdThatExpiredByTheClockShowsAvailable() {
        Schedule s = firstScheduleOf(lesMis);
        catalog.hold(s.scheduleId(), clock.instant().plus(Duration.ofMinutes(10)), "G2", "2층-A-2");
        clock.advance(Duration.ofMinutes(10));

        assertEquals("AVAILABLE", statuses(query.seatMap(s.scheduleId(), null).orElseThrow()).get("2층-A-2"));
    }

    @Test
    void seatMapGradesShowPriceRemainingAndTotal() {
        Schedule s = firstScheduleOf(lesMis);
        catalog.book(s.scheduleId(), "G2", "1층-B-1", "2층-A-1");

        CatalogQueryService.SeatMap map = query.seatMap(s.scheduleId(), null).orElseThrow();

        Map<String, Object> vip = new LinkedHashMap<>();
        vip.put("gradeId", "G1");
        vip.put("name", "VIP");
        vip.put("color", "#AA0000");
        vip.put("price", 150_000L);
        vip.put("remaining", 2);
        vip.put("total", 2);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("gradeId", "G2");
        r.put("name", "R");
        r.put("color", "#00AA00");
        r.put("price", 100_000L);
        r.put("remaining", 2);
        r.put("total", 4);
        assertEquals(List.of(vip, r), map.body().get("grades"));
    }

    @Test
    void seatMapOfAnUnknownScheduleIs404() {
        assertFails(() -> query.seatMap("nope", null), 404, "NOT_FOUND");
        assertFails(() -> query.seatMap("nope", "\"nope:1\""), 404, "NOT_FOUND");
    }

    // --- seat layout and seat status ----------------------------------------------------------

    @Test
    void seatLayoutListsTheVenuesSeatsInLayoutOrderWithTheirGrades() {
        SeatLayout layout = query.seatLayout(lesMis.performanceId(), Long.toString(lesMis.version()));

        assertEquals(List.of("1층-A-1", "1층-A-2", "1층-B-1", "1층-B-2", "2층-A-1", "2층-A-2"),
                layout.seats().stream().map(s -> s.seat().seatId()).toList());
        assertEquals(List.of("G1", "G1", "G2", "G2", "G2", "G2"),
                layout.seats().stream().map(SeatLayout.LayoutSeat::gradeId).toList());
        assertEquals(lesMis.grades(), layout.grades());
        assertEquals(lesMis.version(), layout.layoutVersion());
        assertEquals("\"layout:" + lesMis.performanceId() + ":" + lesMis.version() + "\"", layout.etag());
        assertEquals(venueId, layout.venueId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "one", "-1", "1.5"})
    void seatLayoutNeedsAWholeVersion(String version) {
        assertEquals(List.of("version"),
                fields(assertValidationFailed(() -> query.seatLayout(lesMis.performanceId(), version))));
    }

    @Test
    void seatLayoutWithoutVersionIsAValidationError() {
        assertValidationFailed(() -> query.seatLayout(lesMis.performanceId(), null));
    }

    @Test
    void seatLayoutOfAVersionThatIsNotCurrentIs404() {
        long old = lesMis.version();
        catalog.changeConcurrently(lesMis.performanceId());

        assertFails(() -> query.seatLayout(lesMis.performanceId(), Long.toString(old)), 404,
                "LAYOUT_VERSION_NOT_FOUND");
        assertEquals(old + 1, query.seatLayout(lesMis.performanceId(), Long.toString(old + 1)).layoutVersion());
    }

    @Test
    void seatLayoutOfAnUnknownPerformanceIs404() {
        assertFails(() -> query.seatLayout("nope", "1"), 404, "NOT_FOUND");
    }

    @Test
    void seatStatusEncodesEverySeatInLayoutOrder() {
        Schedule s = firstScheduleOf(lesMis);
        catalog.book(s.scheduleId(), "G1", "1층-A-1");
        catalog.hold(s.scheduleId(), clock.instant().plus(Duration.ofMinutes(10)), "G2", "2층-A-2");

        SeatStatusSnapshot status = query.seatStatus(s.scheduleId());

        assertEquals(6, status.seatCount());
        assertArrayEquals(new int[] {SeatStateBits.BOOKED, 0, 0, 0, 0, SeatStateBits.PENDING},
                SeatStateBits.decode(status.states(), status.seatCount()));
    }

    @Test
    void seatStatusNamesItsLayoutVersionScheduleVersionAndRemainingPerGrade() {
        Schedule s = firstScheduleOf(lesMis);
        Schedule booked = catalog.book(s.scheduleId(), "G2", "1층-B-1", "2층-A-1");

        SeatStatusSnapshot status = query.seatStatus(s.scheduleId());

        assertEquals(lesMis.performanceId(), status.performanceId());
        assertEquals(lesMis.version(), status.layoutVersion());
        assertEquals(booked.version(), status.version());
        Map<String, Integer> remaining = new LinkedHashMap<>();
        remaining.put("G1", 2);
        remaining.put("G2", 2);
        assertEquals(remaining, status.remainingByGrade());
        assertEquals(4, status.remainingSeats());
        assertEquals(NOW.plus(Duration.ofHours(4)), status.asOf());
    }

    @Test
    void seatStatusChangesItsETagWhenASeatChanges() {
        Schedule s = firstScheduleOf(lesMis);
        SeatStatusSnapshot before = query.seatStatus(s.scheduleId());
        catalog.hold(s.scheduleId(), clock.instant().plus(Duration.ofMinutes(10)), "G2", "1층-B-2");

        SeatStatusSnapshot after = query.seatStatus(s.scheduleId());

        assertNotEquals(before.etag(), after.etag());
        assertNotEquals(before.states(), after.states());
    }

    @Test
    void seatStatusShowsAHoldThatExpiredByTheClockAsAvailable() {
        Schedule s = firstScheduleOf(lesMis);
        catalog.hold(s.scheduleId(), clock.instant().plus(Duration.ofMinutes(10)), "G2", "2층-A-2");
        clock.advance(Duration.ofMinutes(10));

        assertArrayEquals(new int[6], SeatStateBits.decode(query.seatStatus(s.scheduleId()).states(), 6));
    }

    @Test
    void seatStatusOfAnUnknownScheduleIs404() {
        assertFails(() -> query.seatStatus("nope"), 404, "NOT_FOUND");
    }
}
