package kr.tickets.catalog;

import static kr.tickets.common.ApiAssertions.assertFails;
import static kr.tickets.common.ApiAssertions.assertValidationFailed;
import static kr.tickets.common.ApiAssertions.jsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import kr.tickets.common.ApiException;
import kr.tickets.common.FieldError;
import kr.tickets.common.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogAdminServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2030-04-01T00:00:00Z");
    private static final Map<String, Integer> ALL_SEATS_LEFT = Map.of("G1", 4, "G2", 6);

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryCatalogRepository catalog = new InMemoryCatalogRepository();
    private final CatalogAdminService admin = new CatalogAdminService(catalog, clock);

    /** 블루스퀘어: 1층 rows A and B of 4 seats, 2층 row A of 2 seats; 10 seats. */
    private String venueId;

    @BeforeEach
    void createVenue() {
        venueId = (String) admin.createVenue(jsonBody("""
                {"name": "블루스퀘어", "address": "서울 용산구 이태원로 294", "layout": {"sections": [
                  {"name": "1층", "rows": [{"row": "A", "seats": 4}, {"row": "B", "seats": 4}]},
                  {"name": "2층", "rows": [{"row": "A", "seats": 2}]}
                ]}}""")).get("venueId");
    }

    /**
     * A valid performance: ticketing opens 2030-04-10 01:00, VIP (G1) is 1층 row A (4 seats),
     * R (G2) 1층 row B and 2층 row A (6 seats), three schedules given out of order.
     */
    private ObjectNode performanceBody() {
        return object("""
                {"title": "레미제라블", "genre": "MUSICAL", "venueId": "%s", "runningTimeMinutes": 180,
                 "thumbnailUrl": "https://img.example/les.jpg", "description": "민중의 노래",
                 "ticketingStartAt": "2030-04-10T01:00:00Z", "ticketingEndAt": "2030-05-31T00:00:00Z",
                 "grades": [
                   {"name": "VIP", "color": "#aa0000", "price": 150000, "rows": ["1층-A"]},
                   {"name": "R", "color": "#00AA00", "price": 100000, "rows": ["1층-B", "2층-A"]}
                 ],
                 "schedules": [{"startAt": "2030-05-03T10:00:00Z"}, {"startAt": "2030-05-01T10:00:00Z"},
                               {"startAt": "2030-05-01T14:00:00Z"}]}""".formatted(venueId));
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ArrayNode schedules(String... starts) {
        ArrayNode out = JSON.createArrayNode();
        for (String start : starts) {
            out.addObject().put("startAt", start);
        }
        return out;
    }

    private Performance create(Consumer<ObjectNode> change) {
        ObjectNode body = performanceBody();
        change.accept(body);
        return admin.createPerformance(jsonBody(body.toString()));
    }

    private Performance created() {
        return create(body -> { });
    }

    private Performance stored(String performanceId) {
        return catalog.findPerformance(performanceId).orElseThrow();
    }

    private List<Schedule> schedulesOf(String performanceId) {
        return catalog.schedules(performanceId, null, null);
    }

    private static List<Instant> starts(List<Schedule> schedules) {
        return schedules.stream().map(Schedule::startAt).toList();
    }

    private static List<String> fields(ApiException e) {
        return e.fieldErrors().stream().map(FieldError::field).toList();
    }

    /** The fields a create with {@code change} is refused for; asserts that nothing was written. */
    private List<String> refusedCreate(Consumer<ObjectNode> change) {
        int writes = catalog.writes();
        ApiException e = assertValidationFailed(() -> create(change));
        assertEquals(writes, catalog.writes(), "a refused create writes nothing");
        assertEquals(0, catalog.performanceCount());
        assertEquals(0, catalog.scheduleCount());
        return fields(e);
    }

    // --- venues -------------------------------------------------------------------------------

    @Test
    void createVenueStoresItsSeatsAndAnswersCountAndSections() {
        Map<String, Object> venue = admin.createVenue(jsonBody("""
                {"name": "세종문화회관", "address": "서울 종로구 세종대로 175", "layout": {"sections": [
                  {"name": "2층", "rows": [{"row": "A", "seats": 3}]},
                  {"name": "1층", "rows": [{"row": "A", "seats": 2}]}]}}"""));

        String id = (String) venue.get("venueId");
        assertEquals(5, venue.get("seatCount"));
        assertEquals(List.of("2층", "1층"), venue.get("sections"));
        assertEquals(List.of("2층-A-1", "2층-A-2", "2층-A-3", "1층-A-1", "1층-A-2"),
                catalog.venueSeats(id).stream().map(Seat::seatId).toList());
        Venue stored = catalog.findVenue(id).orElseThrow();
        assertEquals("세종문화회관", stored.name());
        assertEquals(NOW, stored.createdAt());
    }

    @Test
    void createVenueNamesEveryInvalidFieldAndWritesNothing() {
        int writes = catalog.writes();

        ApiException e = assertValidationFailed(() -> admin.createVenue(jsonBody("""
                {"address": "서울", "layout": {"sections": [{"name": "1-층", "rows": [{"row": "A", "seats": 1}]}]}}""")));

        assertEquals(List.of("name", "layout.sections[0].name"), fields(e));
        assertEquals(writes, catalog.writes());
    }

    // --- create a performance -----------------------------------------------------------------

    @Test
    void createdPerformanceSpansItsFirstToItsLastSchedule() {
        Performance p = created();

        assertEquals(Instant.parse("2030-05-01T10:00:00Z"), p.startAt());
        assertEquals(Instant.parse("2030-05-03T10:00:00Z"), p.endAt());
        assertEquals(List.of("2030-05-01", "2030-05-03"), p.scheduleDates());
    }

    @Test
    void createdPerformanceKeepsItsFieldsAndIsStoredAsAnswered() {
        Performance p = created();

        assertEquals("레미제라블", p.title());
        assertEquals(Genre.MUSICAL, p.genre());
        assertEquals(venueId, p.venueId());
        assertEquals("블루스퀘어", p.venueName());
        assertEquals(180, p.runningTimeMinutes());
        assertEquals(Instant.parse("2030-04-10T01:00:00Z"), p.ticketingStartAt());
        assertEquals(Instant.parse("2030-05-31T00:00:00Z"), p.ticketingEndAt());
        assertEquals(NOW, p.createdAt());
        assertEquals(1, p.version());
        assertEquals(List.of(new Grade("G1", "VIP", "#AA0000", 150_000, 4), new Grade("G2", "R", "#00AA00", 100_000, 6)),
                p.grades());
        assertEquals(p, stored(p.performanceId()));
        assertEquals(2, catalog.writes(), "the venue, then the performance in one write");
    }

    @Test
    void descriptionIsOptional() {
        assertEquals("", create(b -> b.remove("description")).description());
    }

    @Test
    void schedulesAreStoredInStartOrderWithEveryGradeFullyAvailable() {
        Performance p = created();

        List<Schedule> schedules = schedulesOf(p.performanceId());
        assertEquals(List.of(Instant.parse("2030-05-01T10:00:00Z"), Instant.parse("2030-05-01T14:00:00Z"),
                Instant.parse("2030-05-03T10:00:00Z")), starts(schedules));
        for (Schedule s : schedules) {
            assertEquals(p.performanceId(), s.performanceId());
            assertEquals(s.startAt().plus(Duration.ofMinutes(180)), s.endAt(), "ends after the running time");
            assertEquals(ALL_SEATS_LEFT, s.remainingByGrade());
            assertEquals(10, s.remaining());
            assertEquals(0, s.bookedSeats());
        }
    }

    @Test
    void everySeatOfTheVenueIsStoredWithItsGrade() {
        Performance p = created();

        Map<String, String> grades = catalog.gradeOfSeat(p.performanceId());
        assertEquals(10, grades.size());
        assertEquals("G1", grades.get("1층-A-4"));
        assertEquals("G2", grades.get("1층-B-1"));
        assertEquals("G2", grades.get("2층-A-2"));
    }

    @Test
    void aSingleScheduleStartsAndEndsThePerformance() {
        Performance p = create(b -> b.set("schedules", schedules("2030-05-02T11:00:00Z")));

        assertEquals(Instant.parse("2030-05-02T11:00:00Z"), p.startAt());
        assertEquals(p.startAt(), p.endAt());
        assertEquals(List.of("2030-05-02"), p.scheduleDates());
    }

    @Test
    void scheduleDatesAreUtcDates() {
        Performance p = create(b -> b.set("schedules", schedules("2030-05-01T23:30:00Z", "2030-05-01T12:00:00Z")));

        assertEquals(List.of("2030-05-01"), p.scheduleDates(), "23:30Z is still May 1 in UTC");
    }

    @Test
    void unknownVenueIsAFieldErrorAndGradesAreNotCheckedAgainstIt() {
        ApiException e = assertValidationFailed(() -> create(b -> b.put("venueId", "no-such-venue")));

        assertEquals(List.of(new FieldError("venueId", "no such venue")), e.fieldErrors());
        assertEquals(0, catalog.performanceCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"title", "genre", "venueId", "runningTimeMinutes", "thumbnailUrl", "ticketingStartAt",
            "ticketingEndAt"})
    void requiredFieldMissingIsRefusedAndNothingWritten(String field) {
        assertTrue(refusedCreate(b -> b.remove(field)).contains(field));
    }

    @Test
    void everyInvalidFieldIsNamedInOneAnswer() {
        assertEquals(List.of("title", "genre", "runningTimeMinutes", "thumbnailUrl", "schedules[1].startAt"),
                refusedCreate(b -> {
                    b.put("title", " ");
                    b.put("genre", "musical");
                    b.put("runningTimeMinutes", 0);
                    b.put("thumbnailUrl", "http://img.example/les.jpg");
                    b.set("schedules", schedules("2030-05-01T10:00:00Z", "2030-05-01T10:00:30Z"));
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1441", "90.5", "\"90\"", "4294967476"})
    void runningTimeMustBeWholeMinutesFrom1To1440(String minutes) {
        assertEquals(List.of("runningTimeMinutes"),
                refusedCreate(b -> b.set("runningTimeMinutes", object("{\"v\": " + minutes + "}").get("v"))));
    }

    @Test
    void ticketingMustCloseAfterItOpens() {
        assertEquals(List.of("ticketingEndAt"),
                refusedCreate(b -> b.put("ticketingEndAt", "2030-04-10T01:00:00Z")));
    }

    @Test
    void ticketingTimesMustBeOnTheMinute() {
        assertEquals(List.of("ticketingStartAt"),
                refusedCreate(b -> b.put("ticketingStartAt", "2030-04-10T01:00:01Z")));
    }

    @Test
    void scheduleAtOrBeforeTicketingOpensIsRefused() {
        assertEquals(List.of("schedules[0].startAt", "schedules[1].startAt"), refusedCreate(b -> b.set("schedules",
                schedules("2030-04-10T01:00:00Z", "2030-04-09T10:00:00Z", "2030-04-10T01:01:00Z"))));
    }

    @Test
    void twoSchedulesAtTheSameTimeAreRefused() {
        assertEquals(List.of("schedules[2].startAt"), refusedCreate(b -> b.set("schedules",
                schedules("2030-05-01T10:00:00Z", "2030-05-02T10:00:00Z", "2030-05-01T10:00:00Z"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2030-05-01T10:00:30Z", "2030-05-01 10:00", "", "2030-05-01"})
    void scheduleStartMustBeAnIsoInstantOnTheMinute(String start) {
        assertEquals(List.of("schedules[0].startAt"), refusedCreate(b -> b.set("schedules", schedules(start))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "{}", "\"2030-05-01T10:00:00Z\""})
    void schedulesMustBeANonEmptyArray(String value) {
        assertEquals(List.of("schedules"),
                refusedCreate(b -> b.set("schedules", object("{\"v\": " + value + "}").get("v"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{}]", "[{\"startAt\": null}]", "[\"2030-05-01T10:00:00Z\"]"})
    void everyScheduleMustBeAnObjectWithAStart(String value) {
        assertEquals(List.of("schedules[0].startAt"),
                refusedCreate(b -> b.set("schedules", object("{\"v\": " + value + "}").get("v"))));
    }

    @Test
    void atMostMaxSchedulesPerPerformance() {
        String[] sixty = IntStream.range(0, CatalogAdminService.MAX_SCHEDULES)
                .mapToObj(i -> Instant.parse("2030-05-01T10:00:00Z").plus(Duration.ofHours(i)).toString())
                .toArray(String[]::new);
        String[] sixtyOne = IntStream.rangeClosed(0, CatalogAdminService.MAX_SCHEDULES)
                .mapToObj(i -> Instant.parse("2030-05-01T10:00:00Z").plus(Duration.ofHours(i)).toString())
                .toArray(String[]::new);

        assertEquals(List.of("schedules"), refusedCreate(b -> b.set("schedules", schedules(sixtyOne))));
        Performance p = create(b -> b.set("schedules", schedules(sixty)));
        assertEquals(60, schedulesOf(p.performanceId()).size());
    }

    @Test
    void gradesLeavingSeatsWithoutAGradeAreRefused() {
        assertEquals(List.of("grades"), refusedCreate(b -> ((ArrayNode) b.get("grades")).remove(1)));
    }

    @Test
    void invalidGradeIsNamedByItsPath() {
        assertEquals(List.of("grades[1].price"),
                refusedCreate(b -> ((ObjectNode) b.get("grades").get(1)).put("price", -1)));
    }

    // --- change a performance -----------------------------------------------------------------

    @Test
    void titleChangeKeepsEverythingElseAndMovesTheVersionOn() {
        Performance before = created();
        List<Schedule> schedulesBefore = schedulesOf(before.performanceId());

        Performance after = admin.updatePerformance(before.performanceId(), jsonBody("{\"title\": \"레미제라블 앙코르\"}"));

        assertEquals("레미제라블 앙코르", after.title());
        assertEquals(after, stored(before.performanceId()));
        assertEquals(2, after.version());
        assertEquals(before.grades(), after.grades());
        assertEquals(before.startAt(), after.startAt());
        assertEquals(before.endAt(), after.endAt());
        assertEquals(before.scheduleDates(), after.scheduleDates());
        assertEquals(before.createdAt(), after.createdAt());
        assertEquals(schedulesBefore, schedulesOf(before.performanceId()), "schedules (and seat-map ETags) untouched");
    }

    @Test
    void titleCanChangeEvenAfterSeatsAreBooked() {
        Performance p = created();
        catalog.book(schedulesOf(p.performanceId()).get(0).scheduleId(), "G1", "1층-A-1");

        assertEquals("새 제목", admin.updatePerformance(p.performanceId(), jsonBody("{\"title\": \"새 제목\"}")).title());
    }

    @Test
    void ticketingMayOpenLaterAsLongAsItIsBeforeEverySchedule() {
        Performance p = created();

        Performance after = admin.updatePerformance(p.performanceId(),
                jsonBody("{\"ticketingStartAt\": \"2030-05-01T09:59:00Z\"}"));

        assertEquals(Instant.parse("2030-05-01T09:59:00Z"), after.ticketingStartAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2030-05-01T10:00:00Z", "2030-05-02T00:00:00Z"})
    void ticketingMustStillOpenBeforeTheFirstSchedule(String opens) {
        Performance p = created();

        ApiException e = assertValidationFailed(() -> admin.updatePerformance(p.performanceId(),
                jsonBody("{\"ticketingStartAt\": \"" + opens + "\", \"ticketingEndAt\": \"2030-05-31T00:00:00Z\"}")));

        assertEquals(List.of("ticketingStartAt"), fields(e));
        assertEquals(p, stored(p.performanceId()));
    }

    @Test
    void newTicketingCloseMustStayAfterTheCurrentOpening() {
        Performance p = created();

        ApiException e = assertValidationFailed(() -> admin.updatePerformance(p.performanceId(),
                jsonBody("{\"ticketingEndAt\": \"2030-04-10T00:00:00Z\"}")));

        assertEquals(List.of("ticketingEndAt"), fields(e));
        assertEquals(p, stored(p.performanceId()));
    }

    @Test
    void venueCannotChange() {
        Performance p = created();
        String otherVenue = (String) admin.createVenue(jsonBody("""
                {"name": "샤롯데씨어터", "address": "서울 송파구", "layout": {"sections": [
                  {"name": "1층", "rows": [{"row": "A", "seats": 4}, {"row": "B", "seats": 4}]},
                  {"name": "2층", "rows": [{"row": "A", "seats": 2}]}]}}""")).get("venueId");

        ApiException e = assertValidationFailed(() -> admin.updatePerformance(p.performanceId(),
                jsonBody("{\"venueId\": \"" + otherVenue + "\", \"title\": \"이전 공연\"}")));

        assertEquals(List.of("venueId"), fields(e));
        assertEquals(p, stored(p.performanceId()));
    }

    @Test
    void regradingWithoutBookingsReplacesGradesSeatsAndEveryScheduleCount() {
        Performance p = created();
        List<Schedule> before = schedulesOf(p.performanceId());

        Performance after = admin.updatePerformance(p.performanceId(), jsonBody("""
                {"grades": [{"name": "VIP", "color": "#aa0000", "price": 170000, "rows": ["A"]},
                            {"name": "R", "color": "#00aa00", "price": 90000, "rows": ["B"]}]}"""));

        assertEquals(List.of(new Grade("G1", "VIP", "#AA0000", 170_000, 6), new Grade("G2", "R", "#00AA00", 90_000, 4)),
                after.grades());
        assertEquals("G1", catalog.gradeOfSeat(p.performanceId()).get("2층-A-1"));
        List<Schedule> now = schedulesOf(p.performanceId());
        assertEquals(starts(before), starts(now));
        for (int i = 0; i < now.size(); i++) {
            assertEquals(Map.of("G1", 6, "G2", 4), now.get(i).remainingByGrade());
            assertEquals(before.get(i).version() + 1, now.get(i).version(), "the seat map's ETag changes");
        }
    }

    @Test
    void regradingIsRefusedWith409OnceASeatIsBookedAndChangesNothing() {
        Performance p = created();
        Schedule booked = catalog.book(schedulesOf(p.performanceId()).get(1).scheduleId(), "G1", "1층-A-1");
        Map<String, String> gradesBefore = catalog.gradeOfSeat(p.performanceId());
        List<Schedule> schedulesBefore = schedulesOf(p.performanceId());

        assertFails(() -> admin.updatePerformance(p.performanceId(), jsonBody("""
                {"grades": [{"name": "VIP", "color": "#aa0000", "price": 1, "rows": ["A"]},
                            {"name": "R", "color": "#00aa00", "price": 1, "rows": ["B"]}]}""")), 409, "HAS_BOOKINGS");

        assertEquals(p, stored(p.performanceId()));
        assertEquals(gradesBefore, catalog.gradeOfSeat(p.performanceId()));
        assertEquals(schedulesBefore, schedulesOf(p.performanceId()));
        assertEquals(1, catalog.findSchedule(booked.scheduleId()).orElseThrow().bookedSeats());
    }

    @Test
    void runningTimeChangeMovesEveryScheduleEnd() {
        Performance p = created();

        admin.updatePerformance(p.performanceId(), jsonBody("{\"runningTimeMinutes\": 150}"));

        for (Schedule s : schedulesOf(p.performanceId())) {
            assertEquals(s.startAt().plus(Duration.ofMinutes(150)), s.endAt());
        }
        assertEquals(150, stored(p.performanceId()).runningTimeMinutes());
    }

    @Test
    void runningTimeChangeIsRefusedWith409OnceASeatIsBooked() {
        Performance p = created();
        catalog.book(schedulesOf(p.performanceId()).get(2).scheduleId(), "G2", "2층-A-1");

        assertFails(() -> admin.updatePerformance(p.performanceId(), jsonBody("{\"runningTimeMinutes\": 150}")),
                409, "HAS_BOOKINGS");

        assertEquals(180, stored(p.performanceId()).runningTimeMinutes());
    }

    @Test
    void changeBasedOnAStaleReadIsRefusedAsConcurrent() {
        Performance p = created();
        catalog.beforeNextWrite(() -> catalog.changeConcurrently(p.performanceId()));

        assertFails(() -> admin.updatePerformance(p.performanceId(), jsonBody("{\"title\": \"늦은 변경\"}")),
                409, "CONCURRENT_UPDATE");

        assertEquals("레미제라블", stored(p.performanceId()).title());
    }

    @Test
    void invalidGradesOnChangeAreFieldErrors() {
        Performance p = created();

        ApiException e = assertValidationFailed(() -> admin.updatePerformance(p.performanceId(),
                jsonBody("{\"grades\": [{\"name\": \"VIP\", \"color\": \"#000000\", \"price\": 1, \"rows\": [\"A\"]}]}")));

        assertEquals(List.of("grades"), fields(e), "row B has no grade");
        assertEquals(p, stored(p.performanceId()));
    }

    @Test
    void changingAnUnknownPerformanceIs404() {
        assertFails(() -> admin.updatePerformance("nope", jsonBody("{\"title\": \"x\"}")), 404, "NOT_FOUND");
    }

    // --- schedules ----------------------------------------------------------------------------

    @Test
    void addedScheduleExtendsThePerformanceAndStartsFullyAvailable() {
        Performance p = created();

        Schedule added = admin.addSchedule(p.performanceId(), jsonBody("{\"startAt\": \"2030-05-10T10:00:00Z\"}"));

        assertEquals(Instant.parse("2030-05-10T13:00:00Z"), added.endAt());
        assertEquals(ALL_SEATS_LEFT, added.remainingByGrade());
        assertEquals(0, added.bookedSeats());
        assertEquals(added, catalog.findSchedule(added.scheduleId()).orElseThrow());
        Performance after = stored(p.performanceId());
        assertEquals(p.startAt(), after.startAt());
        assertEquals(Instant.parse("2030-05-10T10:00:00Z"), after.endAt());
        assertEquals(List.of("2030-05-01", "2030-05-03", "2030-05-10"), after.scheduleDates());
        assertEquals(p.version() + 1, after.version());
    }

    @Test
    void scheduleAddedBeforeTheFirstBecomesTheStart() {
        Performance p = created();

        admin.addSchedule(p.performanceId(), jsonBody("{\"startAt\": \"2030-04-20T10:00:00Z\"}"));

        assertEquals(Instant.parse("2030-04-20T10:00:00Z"), stored(p.performanceId()).startAt());
        assertEquals(p.endAt(), stored(p.performanceId()).endAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"startAt\": \"2030-05-10T10:00:30Z\"}", "{\"startAt\": \"2030-04-10T01:00:00Z\"}",
            "{\"startAt\": 20300510}"})
    void addedScheduleMustStartOnAMinuteAfterTicketingOpens(String body) {
        Performance p = created();

        ApiException e = assertValidationFailed(() -> admin.addSchedule(p.performanceId(), jsonBody(body)));

        assertEquals(List.of("startAt"), fields(e));
        assertEquals(3, schedulesOf(p.performanceId()).size());
        assertEquals(p, stored(p.performanceId()));
    }

    @Test
    void noScheduleBeyondMaxSchedules() {
        String[] sixty = IntStream.range(0, CatalogAdminService.MAX_SCHEDULES)
                .mapToObj(i -> Instant.parse("2030-05-01T10:00:00Z").plus(Duration.ofHours(i)).toString())
                .toArray(String[]::new);
        Performance p = create(b -> b.set("schedules", schedules(sixty)));

        ApiException e = assertValidationFailed(() -> admin.addSchedule(p.performanceId(),
                jsonBody("{\"startAt\": \"2030-06-01T10:00:00Z\"}")));

        assertEquals(List.of("startAt"), fields(e));
        assertEquals(CatalogAdminService.MAX_SCHEDULES, schedulesOf(p.performanceId()).size());
    }

    @Test
    void addingToAnUnknownPerformanceIs404() {
        assertFails(() -> admin.addSchedule("nope", jsonBody("{\"startAt\": \"2030-05-10T10:00:00Z\"}")),
                404, "NOT_FOUND");
    }

    @Test
    void movedScheduleKeepsItsIdAndCountsAndTheSpanFollows() {
        Performance p = created();
        Schedule last = schedulesOf(p.performanceId()).get(2);

        Schedule moved = admin.updateSchedule(p.performanceId(), last.scheduleId(),
                jsonBody("{\"startAt\": \"2030-05-04T18:00:00Z\"}"));

        assertEquals(last.scheduleId(), moved.scheduleId());
        assertEquals(Instant.parse("2030-05-04T18:00:00Z"), moved.startAt());
        assertEquals(Instant.parse("2030-05-04T21:00:00Z"), moved.endAt());
        assertEquals(last.remainingByGrade(), moved.remainingByGrade());
        assertEquals(last.version() + 1, moved.version());
        assertEquals(moved, catalog.findSchedule(last.scheduleId()).orElseThrow());
        Performance after = stored(p.performanceId());
        assertEquals(Instant.parse("2030-05-04T18:00:00Z"), after.endAt());
        assertEquals(List.of("2030-05-01", "2030-05-04"), after.scheduleDates());
    }

    @Test
    void scheduleWithABookedSeatCannotMove() {
        Performance p = created();
        Schedule booked = catalog.book(schedulesOf(p.performanceId()).get(0).scheduleId(), "G1", "1층-A-2");

        assertFails(() -> admin.updateSchedule(p.performanceId(), booked.scheduleId(),
                jsonBody("{\"startAt\": \"2030-05-04T18:00:00Z\"}")), 409, "HAS_BOOKINGS");

        assertEquals(booked, catalog.findSchedule(booked.scheduleId()).orElseThrow());
        assertEquals(p, stored(p.performanceId()));
    }

    @Test
    void scheduleWithAHeldSeatCannotMoveEither() {
        Performance p = created();
        Schedule held = catalog.hold(schedulesOf(p.performanceId()).get(0).scheduleId(),
                NOW.plus(Duration.ofMinutes(10)), "G1", "1층-A-2");

        assertFails(() -> admin.updateSchedule(p.performanceId(), held.scheduleId(),
                jsonBody("{\"startAt\": \"2030-05-04T18:00:00Z\"}")), 409, "HAS_BOOKINGS");
    }

    @Test
    void movingBeforeTicketingOpensIsRefused() {
        Performance p = created();
        Schedule first = schedulesOf(p.performanceId()).get(0);

        ApiException e = assertValidationFailed(() -> admin.updateSchedule(p.performanceId(), first.scheduleId(),
                jsonBody("{\"startAt\": \"2030-04-01T10:00:00Z\"}")));

        assertEquals(List.of("startAt"), fields(e));
        assertEquals(first, catalog.findSchedule(first.scheduleId()).orElseThrow());
    }

    @Test
    void scheduleOfAnotherPerformanceIsNotFoundThroughThisOne() {
        Performance p = created();
        Performance other = create(b -> b.put("title", "맘마미아"));
        Schedule foreign = schedulesOf(other.performanceId()).get(0);

        assertFails(() -> admin.updateSchedule(p.performanceId(), foreign.scheduleId(),
                jsonBody("{\"startAt\": \"2030-05-04T18:00:00Z\"}")), 404, "NOT_FOUND");
        assertFails(() -> admin.deleteSchedule(p.performanceId(), foreign.scheduleId()), 404, "NOT_FOUND");

        assertEquals(foreign, catalog.findSchedule(foreign.scheduleId()).orElseThrow());
        assertEquals(p, stored(p.performanceId()));
        assertEquals(other, stored(other.performanceId()));
    }

    @Test
    void unknownScheduleIs404() {
        Performance p = created();

        assertFails(() -> admin.deleteSchedule(p.performanceId(), "nope"), 404, "NOT_FOUND");
    }

    @Test
    void deletedScheduleIsGoneAndTheSpanShrinks() {
        Performance p = created();
        Schedule last = schedulesOf(p.performanceId()).get(2);

        admin.deleteSchedule(p.performanceId(), last.scheduleId());

        assertTrue(catalog.findSchedule(last.scheduleId()).isEmpty());
        Performance after = stored(p.performanceId());
        assertEquals(Instant.parse("2030-05-01T14:00:00Z"), after.endAt());
        assertEquals(List.of("2030-05-01"), after.scheduleDates());
        assertEquals(p.version() + 1, after.version());
    }

    @Test
    void theLastScheduleCannotBeDeleted() {
        Performance p = create(b -> b.set("schedules", schedules("2030-05-01T10:00:00Z")));
        Schedule only = schedulesOf(p.performanceId()).get(0);

        assertFails(() -> admin.deleteSchedule(p.performanceId(), only.scheduleId()), 409, "LAST_SCHEDULE");

        assertEquals(List.of(only), schedulesOf(p.performanceId()));
    }

    @Test
    void scheduleWithABookedSeatCannotBeDeleted() {
        Performance p = created();
        Schedule booked = catalog.book(schedulesOf(p.performanceId()).get(1).scheduleId(), "G2", "1층-B-1");

        assertFails(() -> admin.deleteSchedule(p.performanceId(), booked.scheduleId()), 409, "HAS_BOOKINGS");

        assertEquals(3, schedulesOf(p.performanceId()).size());
        assertEquals(p, stored(p.performanceId()));
    }

    // --- delete a performance -----------------------------------------------------------------

    @Test
    void deletedPerformanceTakesItsSchedulesAndGradesAlong() {
        Performance p = created();

        admin.deletePerformance(p.performanceId());

        assertTrue(catalog.findPerformance(p.performanceId()).isEmpty());
        assertEquals(0, catalog.scheduleCount());
        assertEquals(Map.of(), catalog.gradeOfSeat(p.performanceId()));
        assertTrue(catalog.findVenue(venueId).isPresent(), "the venue stays");
    }

    @Test
    void performanceWithABookedSeatCannotBeDeleted() {
        Performance p = created();
        catalog.book(schedulesOf(p.performanceId()).get(2).scheduleId(), "G1", "1층-A-3");

        assertFails(() -> admin.deletePerformance(p.performanceId()), 409, "HAS_BOOKINGS");

        assertEquals(p, stored(p.performanceId()));
        assertEquals(3, schedulesOf(p.performanceId()).size());
        assertEquals(10, catalog.gradeOfSeat(p.performanceId()).size());
    }

    @Test
    void deletingAnUnknownPerformanceIs404() {
        assertFails(() -> admin.deletePerformance("nope"), 404, "NOT_FOUND");
    }

    // --- bugs ---------------------------------------------------------------------------------

    @Test
    void seatsWithoutAGradeAreNamedAlongsideOtherInvalidFields() {
        assertEquals(List.of("title", "grades"), refusedCreate(b -> {
            b.put("title", " ");
            ((ArrayNode) b.get("grades")).remove(1);
        }));
    }

    @Test
    void addingAScheduleAtTheTimeOfAnotherIsRefused() {
        Performance p = created();

        ApiException e = assertValidationFailed(() -> admin.addSchedule(p.performanceId(),
                jsonBody("{\"startAt\": \"2030-05-01T10:00:00Z\"}")));

        assertEquals(List.of("startAt"), fields(e));
        assertEquals(3, schedulesOf(p.performanceId()).size());
    }

    @Test
    void movingAScheduleOntoAnotherIsRefused() {
        Performance p = created();
        List<Schedule> schedules = schedulesOf(p.performanceId());

        ApiException e = assertValidationFailed(() -> admin.updateSchedule(p.performanceId(),
                schedules.get(2).scheduleId(), jsonBody("{\"startAt\": \"2030-05-01T10:00:00Z\"}")));

        assertEquals(List.of("startAt"), fields(e));
        assertEquals(schedules, schedulesOf(p.performanceId()));
    }

    @Test
    void movingAScheduleDoesNotUndoASeatChangeThatLandedMeanwhile() {
        Performance p = created();
        Schedule held = catalog.hold(schedulesOf(p.performanceId()).get(2).scheduleId(),
                NOW.plus(Duration.ofMinutes(10)), "G1", "1층-A-1");
        AtomicReference<Schedule> released = new AtomicReference<>();
        catalog.beforeNextWrite(() -> released.set(catalog.release(held.scheduleId(), "G1", "1층-A-1")));

        boolean moved;
        try {
            admin.updateSchedule(p.performanceId(), held.scheduleId(), jsonBody("{\"startAt\": \"2030-05-04T18:00:00Z\"}"));
            moved = true;
        } catch (ApiException refusedAsConcurrent) {
            assertEquals(409, refusedAsConcurrent.status());
            moved = false;
        }

        Schedule now = catalog.findSchedule(held.scheduleId()).orElseThrow();
        assertEquals(ALL_SEATS_LEFT, now.remainingByGrade(), "the released seat is available again");
        if (moved) {
            assertTrue(now.version() > released.get().version(), "a new version, not the release's ETag again");
        }
    }
}
