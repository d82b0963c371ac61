package kr.tickets.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.tickets.common.Ids;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.LocalStack;
import kr.tickets.ops.RecordingMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Catalog table adapter against moto, with the table created from template.yaml: layouts
 * and grade maps split in chunks, schedules, the guarded changes (version, held or sold seats)
 * and the list's order and cursors.
 */
class DynamoCatalogRepositoryIT {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TICKETING_START = Instant.parse("2031-04-01T01:00:00Z");
    private static final Instant TICKETING_END = Instant.parse("2031-06-30T12:00:00Z");
    private static final int RUNNING_MINUTES = 150;

    private static DynamoDbClient dynamo;
    private static String table;
    private static DynamoCatalogRepository repository;

    @BeforeAll
    static void connect() {
        LocalStack stack = LocalStack.shared();
        dynamo = AwsLocal.dynamo(stack.endpoint());
        table = stack.resources().physicalId("CatalogTable");
        repository = new DynamoCatalogRepository(dynamo, new RecordingMetrics(), table);
    }

    // --- fixtures -----------------------------------------------------------------------------

    /** Sections A, B, C, … each with {@code rows} rows of {@code perRow} seats. */
    private static List<Seat> layout(int sections, int rows, int perRow) {
        List<Seat> seats = new ArrayList<>();
        for (int s = 0; s < sections; s++) {
            String section = String.valueOf((char) ('A' + s));
            for (int r = 1; r <= rows; r++) {
                for (int n = 1; n <= perRow; n++) {
                    seats.add(new Seat(section + "-" + r + "-" + n, section + " " + r + "열 " + n + "번", section,
                            Integer.toString(r), n, (n - 1) * 10, (s * (rows + 1) + r - 1) * 10));
                }
            }
        }
        return seats;
    }

    private static Venue venue(List<Seat> seats) {
        Venue venue = new Venue(Ids.newId(), "테스트홀 " + Ids.newId(), "서울특별시 송파구 올림픽로 424", seats.size(),
                seats.stream().map(Seat::section).distinct().toList(), CREATED);
        repository.createVenue(venue, seats);
        return venue;
    }

    private static Venue smallVenue() {
        return venue(layout(1, 2, 5));
    }

    /** Row 1 of every section is VIP, the rest R. */
    private static Map<String, String> gradeOfSeat(List<Seat> seats) {
        Map<String, String> out = new LinkedHashMap<>();
        seats.forEach(seat -> out.put(seat.seatId(), seat.row().equals("1") ? "G1" : "G2"));
        return out;
    }

    private static List<Grade> grades(List<Seat> seats, long vip, long r) {
        long vipSeats = seats.stream().filter(seat -> seat.row().equals("1")).count();
        return List.of(new Grade("G1", "VIP", "#D4AF37", vip, (int) vipSeats),
                new Grade("G2", "R", "#C0392B", r, (int) (seats.size() - vipSeats)));
    }

    private static Schedule schedule(String performanceId, String start, List<Grade> grades) {
        Instant at = Instant.parse(start);
        Map<String, Integer> remaining = new LinkedHashMap<>();
        grades.forEach(g -> remaining.put(g.gradeId(), g.totalSeats()));
        return new Schedule(Ids.newId(), performanceId, at, at.plus(Duration.ofMinutes(RUNNING_MINUTES)), remaining,
                0, 1);
    }

    private static Performance performance(String performanceId, Venue venue, String title, List<Grade> grades,
                                           List<Schedule> schedules, Instant createdAt, long version) {
        List<Instant> starts = schedules.stream().map(Schedule::startAt).sorted().toList();
        return new Performance(performanceId, title, Genre.MUSICAL, venue.venueId(), venue.name(), RUNNING_MINUTES,
                "https://cdn.tickets.example/p.jpg", "설명", TICKETING_START, TICKETING_END, grades, starts.get(0),
                starts.get(starts.size() - 1), CatalogAdminService.dates(starts), createdAt, version);
    }

    /** A stored performance with its schedules and grade map. */
    private record Stored(Performance performance, List<Schedule> schedules, Map<String, String> gradeOfSeat,
                          List<Seat> seats) {
    }

    private static Stored store(Venue venue, String title, Instant createdAt, String... starts) {
        List<Seat> seats = repository.venueSeats(venue.venueId());
        List<Grade> grades = grades(seats, 150_000, 90_000);
        String performanceId = Ids.newId();
        List<Schedule> schedules = new ArrayList<>();
        for (String start : starts) {
            schedules.add(schedule(performanceId, start, grades));
        }
        Performance performance = performance(performanceId, venue, title, grades, schedules, createdAt, 1);
        Map<String, String> gradeOfSeat = gradeOfSeat(seats);
        repository.createPerformance(performance, gradeOfSeat, schedules);
        schedules.sort(Comparator.comparing(Schedule::startAt));
        return new Stored(performance, List.copyOf(schedules), gradeOfSeat, seats);
    }

    private static Stored store(Venue venue, String... starts) {
        return store(venue, "레미제라블 " + Ids.newId(), CREATED, starts);
    }

    /** What a hold or a payment does to the schedule's counters (the booking flow is a later issue). */
    private static void setCounter(Schedule schedule, String counter, int value) {
        dynamo.updateItem(r -> r.tableName(table)
                .key(CatalogKeys.schedule(schedule.scheduleId()))
                .updateExpression("SET " + counter + " = :value")
                .expressionAttributeValues(Map.of(":value", AttributeValue.fromN(Integer.toString(value)))));
    }

    /** A new price list with one grade more: every schedule is rewritten. */
    private static Performance repriced(Stored stored) {
        Performance p = stored.performance();
        List<Grade> grades = List.of(new Grade("G1", "VIP", "#D4AF37", 200_000, p.grades().get(0).totalSeats()),
                new Grade("G2", "R", "#C0392B", 120_000, p.grades().get(1).totalSeats()));
        return new Performance(p.performanceId(), p.title(), p.genre(), p.venueId(), p.venueName(),
                p.runningTimeMinutes(), p.thumbnailUrl(), p.description(), p.ticketingStartAt(), p.ticketingEndAt(),
                grades, p.startAt(), p.endAt(), p.scheduleDates(), p.createdAt(), p.version() + 1);
    }

    private static List<Schedule> rewritten(List<Schedule> schedules) {
        return schedules.stream().map(s -> new Schedule(s.scheduleId(), s.performanceId(), s.startAt(), s.endAt(),
                s.remainingByGrade(), s.bookedSeats(), s.version() + 1)).toList();
    }

    private static PerformanceQuery query(String venueId, PerformanceQuery.Sort sort, int size, String cursor) {
        return new PerformanceQuery(null, null, venueId, null, null, null, null, sort, size, cursor);
    }

    private static List<String> ids(PerformancePage page) {
        return page.items().stream().map(Performance::performanceId).toList();
    }

    // --- venues -------------------------------------------------------------------------------

    @Test
    void venueIsStoredWithEverySeatInLayoutOrderAcrossChunks() {
        // 1,200 seats: three chunks of the layout.
        List<Seat> seats = layout(3, 10, 40);
        Venue venue = venue(seats);
        assertEquals(venue, repository.findVenue(venue.venueId()).orElseThrow());
        assertEquals(seats, repository.venueSeats(venue.venueId()));
        assertTrue(repository.findVenue("no-such-venue").isEmpty());
        assertEquals(List.of(), repository.venueSeats("no-such-venue"));
    }

    // --- performances and schedules -----------------------------------------------------------

    @Test
    void performanceIsStoredWithItsGradeMapAndSchedules() {
        // 1,200 seats: the grade map takes two chunks.
        Venue venue = venue(layout(3, 10, 40));
        Stored stored = store(venue, "2031-05-24T10:00:00Z", "2031-05-23T11:00:00Z");
        Performance performance = stored.performance();
        assertEquals(performance, repository.findPerformance(performance.performanceId()).orElseThrow());
        assertEquals(stored.gradeOfSeat(), repository.gradeOfSeat(performance.performanceId()));
        assertEquals(stored.schedules(), repository.schedules(performance.performanceId(), null, null));
        for (Schedule schedule : stored.schedules()) {
            assertEquals(schedule, repository.findSchedule(schedule.scheduleId()).orElseThrow());
            assertEquals(Map.of(), repository.seatStates(schedule.scheduleId(), Instant.now()));
        }
        assertTrue(repository.findPerformance("no-such-performance").isEmpty());
        assertTrue(repository.findSchedule("no-such-schedule").isEmpty());
    }

    @Test
    void schedulesOfAMonthAreThoseStartingInItInStartOrder() {
        Stored stored = store(smallVenue(), "2031-06-01T00:00:00Z", "2031-05-12T10:00:00Z", "2031-04-30T23:59:00Z",
                "2031-05-01T00:00:00Z", "2031-05-10T14:00:00Z");
        List<Schedule> may = repository.schedules(stored.performance().performanceId(),
                Instant.parse("2031-05-01T00:00:00Z"), Instant.parse("2031-06-01T00:00:00Z"));
        assertEquals(List.of("2031-05-01T00:00:00Z", "2031-05-10T14:00:00Z", "2031-05-12T10:00:00Z"),
                may.stream().map(s -> s.startAt().toString()).toList());
    }

    @Test
    void seatStatesListHeldAndBookedSeatsButNotExpiredHolds() {
        Stored stored = store(smallVenue(), "2031-05-23T11:00:00Z");
        Schedule schedule = stored.schedules().get(0);
        Instant now = Instant.parse("2031-05-01T00:00:00Z");
        putSeat(schedule, "A-1-1", "BOOKED", null);
        putSeat(schedule, "A-1-2", "PENDING", now.plusSeconds(600));
        putSeat(schedule, "A-1-3", "PENDING", now.minusSeconds(1));
        assertEquals(Map.of("A-1-1", SeatStatus.BOOKED, "A-1-2", SeatStatus.PENDING),
                repository.seatStates(schedule.scheduleId(), now));
    }

    @Test
    void scheduleSeatsDerivesTheCountersAndVersionFromTheClaimsInEveryShard() {
        Stored stored = store(smallVenue(), "2031-05-23T11:00:00Z");
        Schedule schedule = stored.schedules().get(0);
        Instant now = Instant.parse("2031-05-01T00:00:00Z");
        // Three seats in three different shards (CRC-32 mod 16: 5, 15, 9).
        putSeat(schedule, "A-1-1", "BOOKED", null, stored.gradeOfSeat().get("A-1-1"));
        putSeat(schedule, "A-1-2", "PENDING", now.plusSeconds(600), stored.gradeOfSeat().get("A-1-2"));
        putSeat(schedule, "A-1-3", "PENDING", now.minusSeconds(1), stored.gradeOfSeat().get("A-1-3"));
        // A claim in the layout before issue #11 (the schedule's own partition) is not read.
        Map<String, AttributeValue> oldLayout = CatalogKeys.key(CatalogKeys.schedulePk(schedule.scheduleId()), "SEAT#A-1-4");
        oldLayout.put("status", AttributeValue.fromS("BOOKED"));
        dynamo.putItem(r -> r.tableName(table).item(oldLayout));

        CatalogRepository.ScheduleSeats read = repository.scheduleSeats(schedule.scheduleId(), now).orElseThrow();

        assertEquals(Map.of("A-1-1", SeatStatus.BOOKED, "A-1-2", SeatStatus.PENDING), read.states());
        Map<String, Integer> remaining = new LinkedHashMap<>(schedule.remainingByGrade());
        remaining.merge(stored.gradeOfSeat().get("A-1-1"), -1, Integer::sum);
        remaining.merge(stored.gradeOfSeat().get("A-1-2"), -1, Integer::sum);
        assertEquals(remaining, read.schedule().remainingByGrade());
        assertEquals(1, read.schedule().bookedSeats());
        assertEquals(read.schedule(), repository.withLiveCounts(schedule, now));
        // The stored schedule never changes with its seats; the derived version does.
        assertEquals(schedule, repository.findSchedule(schedule.scheduleId()).orElseThrow());
        long version = read.schedule().version();
        putSeat(schedule, "A-2-1", "PENDING", now.plusSeconds(600), stored.gradeOfSeat().get("A-2-1"));
        long after = repository.scheduleSeats(schedule.scheduleId(), now).orElseThrow().schedule().version();
        assertTrue(version != after && version != schedule.version(), version + " " + after);
        assertEquals(java.util.Optional.empty(), repository.scheduleSeats("no-such-schedule", now));
    }

    @Test
    void aClaimInAnyShardRefusesRemovingOrDeletingItsScheduleAsHasBookings() {
        Stored stored = store(smallVenue(), "2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z");
        Schedule held = stored.schedules().get(1);
        // A hold whose time ran out counts until it is released (its claim deleted).
        putSeat(held, "A-2-2", "PENDING", Instant.parse("2031-01-01T00:00:00Z"), null);
        List<Schedule> before = repository.schedules(stored.performance().performanceId(), null, null);

        assertTrue(assertThrows(CatalogRepository.CatalogConflict.class, () ->
                repository.deletePerformance(stored.performance(), stored.schedules())).sold());
        assertTrue(assertThrows(CatalogRepository.CatalogConflict.class, () -> repository.savePerformance(
                stored.performance(), repriced(stored), null, List.of(), List.of(held), List.of())).sold());
        assertUnchanged(stored, before);
    }

    private static void putSeat(Schedule schedule, String seatId, String status, Instant expiresAt) {
        putSeat(schedule, seatId, status, expiresAt, null);
    }

    private static void putSeat(Schedule schedule, String seatId, String status, Instant expiresAt, String gradeId) {
        Map<String, AttributeValue> item = CatalogKeys.seat(schedule.scheduleId(), seatId);
        item.put("status", AttributeValue.fromS(status));
        if (gradeId != null) {
            item.put("gradeId", AttributeValue.fromS(gradeId));
        }
        if (expiresAt != null) {
            item.put("holdUntil", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        }
        dynamo.putItem(r -> r.tableName(table).item(item));
    }


    @Test
    void repricingRewritesTheGradesAndEverySchedule() {
        Stored stored = store(smallVenue(), "2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z");
        Performance updated = repriced(stored);
        List<Schedule> put = rewritten(stored.schedules());
        Map<String, String> everySeatG1 = new LinkedHashMap<>();
        stored.seats().forEach(seat -> everySeatG1.put(seat.seatId(), "G1"));
        repository.savePerformance(stored.performance(), updated, everySeatG1, put, List.of(), stored.schedules());
        String id = updated.performanceId();
        assertEquals(updated, repository.findPerformance(id).orElseThrow());
        assertEquals(everySeatG1, repository.gradeOfSeat(id));
        assertEquals(put, repository.schedules(id, null, null));
    }

    @Test
    void changeFromAStaleVersionIsAConcurrentUpdateAndWritesNothing() {
        Stored stored = store(smallVenue(), "2031-05-23T11:00:00Z");
        Performance first = repriced(stored);
        repository.savePerformance(stored.performance(), first, null, List.of(), List.of(), List.of());
        CatalogRepository.CatalogConflict conflict = assertThrows(CatalogRepository.CatalogConflict.class, () ->
                repository.savePerformance(stored.performance(), repriced(stored), null, List.of(), List.of(),
                        List.of()));
        assertFalse(conflict.sold());
        assertEquals(first, repository.findPerformance(first.performanceId()).orElseThrow());
        CatalogRepository.CatalogConflict delete = assertThrows(CatalogRepository.CatalogConflict.class, () ->
                repository.deletePerformance(stored.performance(), stored.schedules()));
        assertFalse(delete.sold());
        assertTrue(repository.findPerformance(first.performanceId()).isPresent());
    }

    @Test
    void repricingAScheduleWithABookedSeatIsRefusedAsHasBookingsAndChangesNothing() {
        Stored stored = store(smallVenue(), "2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z");
        setCounter(stored.schedules().get(1), "bookedSeats", 1);
        List<Schedule> before = repository.schedules(stored.performance().performanceId(), null, null);
        Map<String, String> everySeatG1 = new LinkedHashMap<>();
        stored.seats().forEach(seat -> everySeatG1.put(seat.seatId(), "G1"));

        CatalogRepository.CatalogConflict conflict = assertThrows(CatalogRepository.CatalogConflict.class, () ->
                repository.savePerformance(stored.performance(), repriced(stored), everySeatG1,
                        rewritten(stored.schedules()), List.of(), stored.schedules()));
        assertTrue(conflict.sold());
        assertUnchanged(stored, before);
    }

    @Test
    void deletingAPerformanceWithABookedSeatIsRefusedAsHasBookingsAndChangesNothing() {
        Stored stored = store(smallVenue(), "2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z");
        setCounter(stored.schedules().get(0), "bookedSeats", 1);
        List<Schedule> before = repository.schedules(stored.performance().performanceId(), null, null);
        assertEquals(1, before.get(0).bookedSeats());

        CatalogRepository.CatalogConflict conflict = assertThrows(CatalogRepository.CatalogConflict.class, () ->
                repository.deletePerformance(stored.performance(), stored.schedules()));
        assertTrue(conflict.sold());
        assertUnchanged(stored, before);
    }

    @Test
    void removingOrMovingAScheduleWithAHeldSeatIsRefusedAsHasBookings() {
        Stored stored = store(smallVenue(), "2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z", "2031-05-25T11:00:00Z");
        Schedule held = stored.schedules().get(0);
        setCounter(held, "heldSeats", 1);
        List<Schedule> before = repository.schedules(stored.performance().performanceId(), null, null);
        Performance next = repriced(stored);

        // Removing it.
        assertTrue(assertThrows(CatalogRepository.CatalogConflict.class, () -> repository.savePerformance(
                stored.performance(), next, null, List.of(), List.of(held), List.of())).sold());
        // Moving it (a guarded put).
        Schedule moved = new Schedule(held.scheduleId(), held.performanceId(), held.startAt().plusSeconds(3600),
                held.endAt().plusSeconds(3600), held.remainingByGrade(), 0, held.version() + 1);
        assertTrue(assertThrows(CatalogRepository.CatalogConflict.class, () -> repository.savePerformance(
                stored.performance(), next, null, List.of(moved), List.of(), List.of(held))).sold());
        // Changing another schedule while this one must stay unsold (a condition check only).
        Schedule other = rewritten(List.of(stored.schedules().get(2))).get(0);
        assertTrue(assertThrows(CatalogRepository.CatalogConflict.class, () -> repository.savePerformance(
                stored.performance(), next, null, List.of(other), List.of(), List.of(held))).sold());
        assertUnchanged(stored, before);
    }

    private static void assertUnchanged(Stored stored, List<Schedule> before) {
        String id = stored.performance().performanceId();
        assertEquals(stored.performance(), repository.findPerformance(id).orElseThrow());
        assertEquals(stored.gradeOfSeat(), repository.gradeOfSeat(id));
        assertEquals(before, repository.schedules(id, null, null));
        for (Schedule schedule : before) {
            assertEquals(schedule, repository.findSchedule(schedule.scheduleId()).orElseThrow());
        }
    }

    @Test
    void deletedPerformanceLeavesNothingBehind() {
        Stored stored = store(smallVenue(), "2031-05-23T11:00:00Z", "2031-05-24T11:00:00Z");
        String id = stored.performance().performanceId();
        repository.deletePerformance(stored.performance(), stored.schedules());
        assertTrue(repository.findPerformance(id).isEmpty());
        assertEquals(Map.of(), repository.gradeOfSeat(id));
        assertEquals(List.of(), repository.schedules(id, null, null));
        assertEquals(List.of(), repository.schedules(id, Instant.parse("2031-05-01T00:00:00Z"),
                Instant.parse("2031-06-01T00:00:00Z")));
        stored.schedules().forEach(s -> assertTrue(repository.findSchedule(s.scheduleId()).isEmpty()));
        assertEquals(List.of(), ids(repository.listPerformances(
                query(stored.performance().venueId(), PerformanceQuery.Sort.LATEST, 10, null))));
    }

    // --- the list -----------------------------------------------------------------------------

    @Test
    void listPagesFollowTheirCursorsAndTheLastPageHasNone() {
        Venue venue = smallVenue();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(store(venue, "제목 " + (char) ('가' + i * 588), CREATED.plusSeconds(i), "2031-05-23T11:00:00Z")
                    .performance().performanceId());
        }
        for (PerformanceQuery.Sort sort : PerformanceQuery.Sort.values()) {
            List<String> seen = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            String cursor = null;
            do {
                PerformancePage page = repository.listPerformances(query(venue.venueId(), sort, 2, cursor));
                seen.addAll(ids(page));
                sizes.add(page.items().size());
                cursor = page.nextCursor();
            } while (cursor != null && sizes.size() < 10);
            assertEquals(List.of(2, 2, 1), sizes, sort.name());
            List<String> expected = new ArrayList<>(created);
            if (sort == PerformanceQuery.Sort.LATEST) {
                Collections.reverse(expected);
            }
            assertEquals(expected, seen, sort.name());
        }
        PerformancePage exact = repository.listPerformances(query(venue.venueId(), PerformanceQuery.Sort.NAME, 5, null));
        assertEquals(5, exact.items().size());
        assertNull(exact.nextCursor());
    }

    @Test
    void cursorOfTheOtherOrderOrNotHandedOutIsInvalid() {
        Venue venue = smallVenue();
        store(venue, "2031-05-23T11:00:00Z");
        store(venue, "2031-05-23T11:00:00Z");
        String latest = repository.listPerformances(query(venue.venueId(), PerformanceQuery.Sort.LATEST, 1, null))
                .nextCursor();
        assertNotNull(latest);
        assertThrows(CatalogRepository.InvalidCursor.class, () ->
                repository.listPerformances(query(venue.venueId(), PerformanceQuery.Sort.NAME, 1, latest)));
        for (String bad : List.of("garbage", "!!", "e30", "eyJwayI6IngifQ")) {
            assertThrows(CatalogRepository.InvalidCursor.class, () ->
                    repository.listPerformances(query(venue.venueId(), PerformanceQuery.Sort.LATEST, 1, bad)), bad);
        }
    }

    @Test
    void dateFilterNeedsAScheduleDateInTheRange() {
        Venue venue = smallVenue();
        Stored span = store(venue, "2031-05-01T11:00:00Z", "2031-05-20T11:00:00Z");
        Stored inside = store(venue, "2031-05-11T11:00:00Z");
        PerformancePage page = repository.listPerformances(new PerformanceQuery(null, null, venue.venueId(),
                LocalDate.parse("2031-05-10"), LocalDate.parse("2031-05-12"), null, null,
                PerformanceQuery.Sort.LATEST, 10, null));
        assertEquals(List.of(inside.performance().performanceId()), ids(page));
        assertFalse(ids(page).contains(span.performance().performanceId()));
    }

    @Test
    void latestOrderFollowsCreationTimeWhateverItsPrecision() {
        // Instant.toString() prints 0, 3, 6 or 9 fraction digits; a sort key made of it compares text, not time.
        Venue venue = smallVenue();
        // Created at a whole second, then half a second later: the later one must come first.
        Stored older = store(venue, "먼저 " + Ids.newId(), Instant.parse("2026-03-01T10:00:00Z"), "2031-05-23T11:00:00Z");
        Stored newer = store(venue, "나중 " + Ids.newId(), Instant.parse("2026-03-01T10:00:00.500Z"),
                "2031-05-23T11:00:00Z");
        // Same millisecond, microseconds apart (Clock.systemUTC() gives microseconds on Linux).
        Stored newest = store(venue, "마지막 " + Ids.newId(), Instant.parse("2026-03-01T10:00:00.500001Z"),
                "2031-05-23T11:00:00Z");
        assertEquals(List.of(newest.performance().performanceId(), newer.performance().performanceId(),
                        older.performance().performanceId()),
                ids(repository.listPerformances(query(venue.venueId(), PerformanceQuery.Sort.LATEST, 10, null))));
    }

    @Test
    void nameOrderPutsATitleBeforeTheLongerTitlesItBegins() {
        // The sort key's separator must sort below ' ', or "cats live#…" comes before "cats#…".
        Venue venue = smallVenue();
        Stored live = store(venue, "Cats Live", CREATED, "2031-05-23T11:00:00Z");
        Stored cats = store(venue, "Cats", CREATED, "2031-05-23T11:00:00Z");
        assertEquals(List.of(cats.performance().performanceId(), live.performance().performanceId()),
                ids(repository.listPerformances(query(venue.venueId(), PerformanceQuery.Sort.NAME, 10, null))));
    }
}
