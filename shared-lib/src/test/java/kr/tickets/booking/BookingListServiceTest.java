package kr.tickets.booking;

import static kr.tickets.common.ApiAssertions.assertValidationFailed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.tickets.common.ApiException;
import kr.tickets.common.CursorSigner;
import kr.tickets.common.FieldError;
import kr.tickets.common.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BookingListServiceTest {
    private static final Instant NOW = Instant.parse("2030-04-10T02:00:00Z");
    private static final String ME = "user-1";
    private static final String OTHER = "user-2";

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryBookingRepository repository = new InMemoryBookingRepository();
    private final CursorSigner cursors = new CursorSigner("test-cursor-key-test-cursor-key-0123"
            .getBytes(StandardCharsets.UTF_8));
    private final BookingListService lists = new BookingListService(repository, clock, () -> cursors);

    static Booking booking(String id, String userId, String title, Instant bookedAt, Booking.Status status,
                           String scheduleId) {
        return new Booking(id, "TK-" + id, userId, "김민지", userId + "@example.com", id, scheduleId, "perf-1", title,
                null, "블루스퀘어", NOW.plus(Duration.ofDays(30)), "1층-A-1", "1층 A열 1번", "VIP",
                new PriceBreakdown(150_000, 2_000, 0), new Booking.PaymentInfo("CARD", "카드", "pk-" + id, bookedAt, null),
                status, bookedAt);
    }

    private void mine(String id, String title, Duration ago) {
        repository.add(booking(id, ME, title, NOW.minus(ago), Booking.Status.CONFIRMED, "sched-1"));
    }

    private List<String> ids(BookingRepository.Page<BookingRepository.BookingLine> page) {
        return page.items().stream().map(BookingRepository.BookingLine::bookingId).toList();
    }

    private BookingRepository.Page<BookingRepository.BookingLine> list(String... params) {
        Map<String, String> query = new HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            query.put(params[i], params[i + 1]);
        }
        return mine(ME, query);
    }

    @Test
    void listsNewestBookingsFirstTwentyAPageByDefault() {
        for (int i = 0; i < 25; i++) {
            mine(String.format("b-%02d", i), "공연 " + i, Duration.ofDays(i + 1));
        }
        BookingRepository.Page<BookingRepository.BookingLine> first = list();
        assertEquals(20, first.items().size());
        assertEquals("b-00", first.items().get(0).bookingId());
        assertEquals("b-19", first.items().get(19).bookingId());
        assertNotNull(first.nextCursor());
        BookingRepository.Page<BookingRepository.BookingLine> second = list("cursor", first.nextCursor());
        assertEquals(List.of("b-20", "b-21", "b-22", "b-23", "b-24"), ids(second));
        assertNull(second.nextCursor());
        assertEquals(2, repository.reads, "one store read a page");
    }

    @Test
    void sortsByTitleInEitherOrderWithTheSameTitleByDate() {
        mine("cats-2", "Cats 2", Duration.ofDays(5));
        mine("cats-new", "cats", Duration.ofDays(1));
        mine("cats-old", "Cats", Duration.ofDays(9));
        mine("hamlet", "햄릿", Duration.ofDays(3));
        mine("lesmis", "레미제라블", Duration.ofDays(2));
        assertEquals(List.of("cats-old", "cats-new", "cats-2", "lesmis", "hamlet"),
                ids(list("sort", "title", "order", "asc")));
        assertEquals(List.of("hamlet", "lesmis", "cats-2", "cats-new", "cats-old"),
                ids(list("sort", "title", "order", "desc")));
        assertEquals(List.of("cats-old", "cats-2", "hamlet", "lesmis", "cats-new"),
                ids(list("sort", "bookedAt", "order", "asc")));
    }

    @Test
    void pagesByTitleToTheEndWithoutRepeatsOrGaps() {
        for (int i = 0; i < 7; i++) {
            mine("t-" + i, "Title " + (char) ('G' - i), Duration.ofHours(i + 1));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            BookingRepository.Page<BookingRepository.BookingLine> page = cursor == null
                    ? list("sort", "title", "order", "asc", "size", "3")
                    : list("sort", "title", "order", "asc", "size", "3", "cursor", cursor);
            seen.addAll(ids(page));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(List.of("t-6", "t-5", "t-4", "t-3", "t-2", "t-1", "t-0"), seen);
        assertEquals(3, pages);
    }

    @Test
    void showsOnlyTheLast365DaysByTheServerClock() {
        mine("just-inside", "A", BookingKeys.LIST_WINDOW);
        mine("just-outside", "B", BookingKeys.LIST_WINDOW.plusMillis(1));
        mine("two-years", "C", Duration.ofDays(730));
        repository.add(booking("not-mine", OTHER, "D", NOW, Booking.Status.CONFIRMED, "sched-1"));
        assertEquals(List.of("just-inside"), ids(list()));
        assertEquals(List.of("just-inside"), ids(list("sort", "title")));
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of(), ids(list()));
    }

    @Test
    void blankParametersMeanTheDefaults() {
        mine("old", "A", Duration.ofDays(2));
        mine("new", "B", Duration.ofDays(1));
        assertEquals(List.of("new", "old"), ids(list("sort", "", "order", " ", "size", "", "cursor", "")));
    }

    @ParameterizedTest
    @CsvSource({"sort, date", "sort, TITLE", "order, up", "size, 0", "size, 51", "size, ten", "size, 1.5"})
    void refusesAnUnknownSortOrderOrSize(String field, String value) {
        ApiException e = assertValidationFailed(() -> list(field, value));
        assertEquals(List.of(field), e.fieldErrors().stream().map(FieldError::field).toList());
    }

    @Test
    void acceptsTheLargestPage() {
        assertEquals(List.of(), ids(list("size", "50")));
    }

    @Test
    void refusesACursorOfAnotherUserSortOrderOrAnEditedOne() {
        for (int i = 0; i < 3; i++) {
            mine("b-" + i, "T" + i, Duration.ofDays(i + 1));
        }
        String byDate = list("size", "1").nextCursor();
        String byTitle = list("sort", "title", "size", "1").nextCursor();
        assertEquals(List.of("b-1", "b-2"), ids(list("cursor", byDate)));
        assertCursorRefused(() -> list("cursor", byTitle));
        assertCursorRefused(() -> list("sort", "title", "cursor", byDate));
        assertCursorRefused(() -> list("order", "asc", "cursor", byDate));
        assertCursorRefused(() -> mine(OTHER, Map.of("cursor", byDate)));
        assertCursorRefused(() -> list("cursor", byDate.substring(1)));
        assertCursorRefused(() -> list("cursor", "not-a-cursor"));
        // Signed with our key but not a position of this list: refused by the store's check.
        assertCursorRefused(() -> list("cursor", cursors.sign("bookings:" + ME + ":BOOKED_AT:desc", "BYTITLE#x")));
    }

    private static void assertCursorRefused(org.junit.jupiter.api.function.Executable call) {
        ApiException e = assertValidationFailed(call);
        assertEquals(List.of("cursor"), e.fieldErrors().stream().map(FieldError::field).toList());
    }

    @Test
    void listsAScheduleByStatusThenDateAndFiltersByStatus() {
        repository.add(booking("c-1", ME, "A", NOW.minusSeconds(30), Booking.Status.CONFIRMED, "sched-1"));
        repository.add(booking("x-1", OTHER, "A", NOW.minusSeconds(20), Booking.Status.CANCELLED, "sched-1"));
        repository.add(booking("c-2", OTHER, "A", NOW.minusSeconds(10), Booking.Status.CONFIRMED, "sched-1"));
        repository.add(booking("r-1", ME, "A", NOW.minusSeconds(5), Booking.Status.REFUND_PENDING, "sched-1"));
        repository.add(booking("elsewhere", ME, "A", NOW, Booking.Status.CONFIRMED, "sched-2"));
        assertEquals(List.of("x-1", "c-1", "c-2", "r-1"), scheduleIds(Map.of()));
        assertEquals(List.of("c-1", "c-2"), scheduleIds(Map.of("status", "CONFIRMED")));
        BookingRepository.Page<Booking> first = ofSchedule("sched-1", Map.of("size", "3"));
        assertEquals(List.of("x-1", "c-1", "c-2"), first.items().stream().map(Booking::bookingId).toList());
        assertEquals(List.of("r-1"), ofSchedule("sched-1", Map.of("size", "3", "cursor", first.nextCursor()))
                .items().stream().map(Booking::bookingId).toList());
        assertCursorRefused(() -> ofSchedule("sched-1", Map.of("status", "CANCELLED", "cursor",
                first.nextCursor())));
        assertCursorRefused(() -> ofSchedule("sched-2", Map.of("cursor", first.nextCursor())));
    }

    private List<String> scheduleIds(Map<String, String> query) {
        return ofSchedule("sched-1", query).items().stream().map(Booking::bookingId).toList();
    }

    @ParameterizedTest
    @CsvSource({"status, confirmed", "status, REFUNDED", "size, 0"})
    void refusesAnUnknownStatusOrSizeOnTheScheduleList(String field, String value) {
        ApiException e = assertValidationFailed(() -> ofSchedule("sched-1", Map.of(field, value)));
        assertEquals(List.of(field), e.fieldErrors().stream().map(FieldError::field).toList());
    }

    private BookingRepository.Page<BookingRepository.BookingLine> mine(String userId, Map<String, String> query) {
        return lists.mine(new BookingListService.MyBookingsRequest(userId, query.get("sort"), query.get("order"),
                query.get("size"), query.get("cursor")));
    }

    private BookingRepository.Page<Booking> ofSchedule(String scheduleId, Map<String, String> query) {
        return lists.ofSchedule(new BookingListService.ScheduleBookingsRequest(scheduleId, query.get("status"),
                query.get("size"), query.get("cursor")));
    }
}
