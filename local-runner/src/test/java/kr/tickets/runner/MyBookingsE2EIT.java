package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import kr.tickets.booking.Booking;
import kr.tickets.booking.DynamoHoldRepository;
import kr.tickets.booking.HoldRules;
import kr.tickets.booking.PriceBreakdown;
import kr.tickets.localstack.AwsLocal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * GET /me/bookings, GET /bookings/{id} and the admin's schedule list over HTTP (requirements
 * §5.1): one buyer with two real purchases (hold, Toss sandbox, saga) and bookings of earlier
 * days written with the service's own items ({@link DynamoHoldRepository#bookingWrite}), two
 * of them older than 365 days.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MyBookingsE2EIT {
    private static final Duration SAGA = Duration.ofSeconds(30);
    private final Http http = Http.client();
    private String admin;
    private Accounts.Account buyer;
    private Accounts.Account other;
    /** The buyer's bookings of the last 365 days, newest first. */
    private final List<Seen> recent = new ArrayList<>();
    private final List<String> tooOld = new ArrayList<>();
    private String purchaseId;
    private String seededSchedule;
    /** The seeded schedule's bookings in the admin list's order: by status, then by date. */
    private final List<Seen> onSeededSchedule = new ArrayList<>();

    /** What the list should show of a booking, to compute the expected orders. */
    private record Seen(String bookingId, String title, Instant bookedAt, Booking.Status status) {
    }

    @BeforeAll
    void buyAndSeed() {
        admin = Catalogs.adminBearer(http);
        buyer = Accounts.create(http);
        other = Accounts.create(http);
        for (int i = 0; i < 2; i++) {
            String scheduleId = Bookings.onSaleSchedule(http, admin);
            JsonNode hold = Bookings.held(http, buyer, scheduleId, "A-1-1");
            Http.Response confirmed = Bookings.confirm(http, buyer, hold, Bookings.paymentKey(hold),
                    hold.at("/amount/total").asLong());
            assertTrue(confirmed.status() == 200 || confirmed.status() == 202, confirmed::toString);
            String id = hold.get("holdId").asText();
            JsonNode booking = Bookings.eventually(SAGA, () -> http.get("/bookings/" + id, "Authorization",
                    buyer.bearer()).json(), b -> b.path("status").asText().equals("CONFIRMED"));
            recent.add(new Seen(id, booking.at("/performance/title").asText(),
                    Instant.parse(booking.get("bookedAt").asText()), Booking.Status.CONFIRMED));
            purchaseId = id;
        }
        seededSchedule = UUID.randomUUID().toString();
        Instant now = Instant.now();
        // Titles that fold (Cats / cats), one that begins another (Cats 2), Hangul on both sides
        // of the purchases' "예매 테스트 …", a Latin one after all Hangul in neither order.
        Object[][] seeds = {
                {"Cats", 3, Booking.Status.CONFIRMED}, {"cats", 40, Booking.Status.CANCELLED},
                {"Cats 2", 12, Booking.Status.CONFIRMED}, {"레미제라블", 100, Booking.Status.REFUND_PENDING},
                {"맘마미아!", 7, Booking.Status.CONFIRMED}, {"오페라의 유령", 200, Booking.Status.CONFIRMED},
                {"햄릿", 364, Booking.Status.CONFIRMED}, {"Zorro", 1, Booking.Status.CONFIRMED},
                {"지킬 앤 하이드", 366, Booking.Status.CONFIRMED}, {"Aida", 500, Booking.Status.CONFIRMED}};
        List<Booking> seeded = new ArrayList<>();
        for (Object[] seed : seeds) {
            int daysAgo = (Integer) seed[1];
            Booking b = booking(buyer.userId(), (String) seed[0], now.minus(Duration.ofDays(daysAgo)),
                    (Booking.Status) seed[2]);
            seeded.add(b);
            if (daysAgo < 365) {
                recent.add(new Seen(b.bookingId(), b.performanceTitle(), b.bookedAt(), b.status()));
            } else {
                tooOld.add(b.bookingId());
            }
        }
        seeded.add(booking(other.userId(), "Aida", now.minus(Duration.ofDays(2)), Booking.Status.CONFIRMED));
        seeded.add(booking(other.userId(), "Cats", now.minus(Duration.ofDays(4)), Booking.Status.CANCELLED));
        try (DynamoDbClient dynamo = AwsLocal.dynamo(LocalService.shared().stack().endpoint())) {
            String table = LocalService.shared().stack().resources().physicalId("BookingTable");
            for (Booking b : seeded) {
                DynamoHoldRepository.bookingWrite(b).items()
                        .forEach(item -> dynamo.putItem(r -> r.tableName(table).item(item)));
            }
        }
        recent.sort(Comparator.comparing(Seen::bookedAt).reversed());
        seeded.stream().sorted(Comparator.comparing((Booking b) -> b.status().name()).thenComparing(Booking::bookedAt))
                .forEach(b -> onSeededSchedule.add(new Seen(b.bookingId(), b.performanceTitle(), b.bookedAt(),
                        b.status())));
    }

    /** A booking of the seeded schedule, as the saga would have written it (a cancelled one with its refund). */
    private Booking booking(String userId, String title, Instant bookedAt, Booking.Status status) {
        String id = UUID.randomUUID().toString();
        bookedAt = bookedAt.truncatedTo(ChronoUnit.MILLIS);
        Booking b = new Booking(id, HoldRules.bookingNumber(id, bookedAt, 0), userId, "김민지", "minji@example.com", id,
                seededSchedule, "perf-" + id, title, "https://img.example/" + id + ".jpg", "블루스퀘어",
                bookedAt.plus(Duration.ofDays(30)), "A-1-2", "A구역 1열 2번", "VIP",
                new PriceBreakdown(150_000, 2_000, 0),
                new Booking.PaymentInfo("CARD", "카드", "pk-" + id, bookedAt, null), Booking.Status.CONFIRMED, bookedAt);
        if (status == Booking.Status.CONFIRMED) {
            return b;
        }
        Booking.Cancellation asked = Booking.Cancellation.requested(bookedAt.plusSeconds(60), userId, false, "일정 변경");
        Booking pending = b.moved(Booking.Status.REFUND_PENDING, bookedAt.plusSeconds(60), "일정 변경", asked);
        return status == Booking.Status.REFUND_PENDING ? pending
                : pending.moved(Booking.Status.CANCELLED, bookedAt.plusSeconds(61), null,
                asked.refunded(bookedAt.plusSeconds(61), 152_000));
    }

    private List<String> expected(String sort, String order) {
        Comparator<Seen> comparator = sort.equals("title")
                ? Comparator.comparing((Seen s) -> s.title().toLowerCase(Locale.ROOT)).thenComparing(Seen::bookedAt)
                : Comparator.comparing(Seen::bookedAt);
        List<Seen> sorted = new ArrayList<>(recent);
        sorted.sort(order.equals("asc") ? comparator : comparator.reversed());
        return sorted.stream().map(Seen::bookingId).toList();
    }

    private JsonNode page(Accounts.Account who, String query) {
        Http.Response response = http.get("/me/bookings" + query, "Authorization", who.bearer());
        assertEquals(200, response.status(), response::toString);
        return response.json();
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(item -> out.add(item.get("bookingId").asText()));
        return out;
    }

    @Test
    void hangulTitlesSortInDictionaryOrderAsTheSeedsAssume() {
        // The expected title order compares lower-cased text, which for these titles is the
        // UTF-8 byte order DynamoDB keeps: Latin before Hangul, 가나다 among Hangul.
        List<String> titles = List.of("aida", "cats", "cats 2", "zorro", "레미제라블", "맘마미아!", "예매 테스트 tk0",
                "오페라의 유령", "지킬 앤 하이드", "햄릿");
        List<String> sorted = new ArrayList<>(titles);
        sorted.sort(Comparator.naturalOrder());
        assertEquals(titles, sorted);
    }

    @ParameterizedTest
    @CsvSource({"bookedAt, desc", "bookedAt, asc", "title, asc", "title, desc"})
    void sortsEitherWayOnEitherKeyAndShowsOnlyTheLastYear(String sort, String order) {
        JsonNode page = page(buyer, "?sort=" + sort + "&order=" + order);
        assertEquals(expected(sort, order), ids(page));
        assertNull(page.get("nextCursor").textValue());
        assertTrue(ids(page).stream().noneMatch(tooOld::contains));
    }

    @Test
    void defaultsToNewestFirstWithEveryLineField() {
        JsonNode page = page(buyer, "");
        assertEquals(expected("bookedAt", "desc"), ids(page));
        JsonNode first = page.get("items").get(0);
        for (String field : List.of("bookingId", "bookingNumber", "bookedAt", "performanceTitle", "thumbnailUrl",
                "venueName", "scheduleStartAt", "status")) {
            assertTrue(first.has(field), () -> field + " missing in " + first);
        }
        assertTrue(first.get("bookingNumber").asText().startsWith("TK"));
        Map<String, String> statuses = new java.util.HashMap<>();
        page.get("items").forEach(i -> statuses.put(i.get("bookingId").asText(), i.get("status").asText()));
        recent.forEach(s -> assertEquals(s.status().name(), statuses.get(s.bookingId())));
    }

    @ParameterizedTest
    @CsvSource({"bookedAt, desc", "bookedAt, asc", "title, asc", "title, desc"})
    void pagesToTheEndWithoutRepeatsOrGaps(String sort, String order) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = page(buyer, "?sort=" + sort + "&order=" + order + "&size=3"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertFalse(page.get("items").isEmpty(), "a cursor led to an empty page");
            assertTrue(page.get("items").size() <= 3);
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").textValue();
            pages++;
        } while (cursor != null && pages < 20);
        assertEquals(expected(sort, order), seen);
        assertEquals(new HashSet<>(seen).size(), seen.size());
        assertEquals((recent.size() + 2) / 3, pages);
    }

    @Test
    void refusesAnEditedCursorAnotherUsersAndAnotherSorts() {
        String cursor = page(buyer, "?size=2").get("nextCursor").asText();
        assertEquals(2, ids(page(buyer, "?size=2&cursor=" + cursor)).size());
        char last = cursor.charAt(cursor.length() - 1);
        String edited = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertCursorRefused(http.get("/me/bookings?size=2&cursor=" + edited, "Authorization", buyer.bearer()));
        assertCursorRefused(http.get("/me/bookings?size=2&cursor=" + cursor, "Authorization", other.bearer()));
        assertCursorRefused(http.get("/me/bookings?sort=title&size=2&cursor=" + cursor, "Authorization",
                buyer.bearer()));
        assertCursorRefused(http.get("/me/bookings?order=asc&size=2&cursor=" + cursor, "Authorization",
                buyer.bearer()));
    }

    private static void assertCursorRefused(Http.Response response) {
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertEquals("cursor", response.json().at("/fieldErrors/0/field").asText(), response::toString);
    }

    @ParameterizedTest
    @CsvSource({"sort=date, sort", "order=newest, order", "size=0, size", "size=51, size", "size=x, size"})
    void refusesAnUnknownSortOrderOrSize(String query, String field) {
        Http.Response response = http.get("/me/bookings?" + query, "Authorization", buyer.bearer());
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertEquals(field, response.json().at("/fieldErrors/0/field").asText());
    }

    @Test
    void needsALogin() {
        assertProblem(http.get("/me/bookings"), 401, "UNAUTHENTICATED");
    }

    @Test
    void anotherUserSeesNoListOfTheBuyerAndNoBooking() {
        assertEquals(List.of(), ids(page(other, "?size=50")).stream()
                .filter(id -> recent.stream().anyMatch(s -> s.bookingId().equals(id))).toList());
        assertProblem(http.get("/bookings/" + purchaseId, "Authorization", other.bearer()), 404, "NOT_FOUND");
        assertProblem(http.get("/bookings/" + purchaseId + "/receipt", "Authorization", other.bearer()), 404,
                "NOT_FOUND");
    }

    @Test
    void detailShowsAmountsPaymentDeadlineAndHistory() {
        JsonNode b = http.get("/bookings/" + purchaseId, "Authorization", buyer.bearer()).json();
        assertEquals("CONFIRMED", b.get("status").asText());
        assertEquals("VIP", b.get("grade").asText());
        assertFalse(b.at("/seat/label").asText().isEmpty());
        assertEquals(Bookings.VIP_PRICE, b.at("/amount/seatPrice").asLong());
        assertEquals(Bookings.FEE, b.at("/amount/fee").asLong());
        assertEquals(0, b.at("/amount/discount").asLong());
        assertEquals(Bookings.VIP_PRICE + Bookings.FEE, b.at("/amount/total").asLong());
        assertEquals("KRW", b.at("/amount/currency").asText());
        assertEquals("CARD", b.at("/payment/method").asText());
        assertFalse(b.at("/payment/approvedAt").asText().isEmpty());
        assertTrue(b.at("/payment/receiptUrl").asText().startsWith("http"), b::toString);
        assertFalse(b.at("/performance/performanceId").asText().isEmpty());
        assertFalse(b.at("/performance/venueName").asText().isEmpty());
        // booking.cancellationHours is 24 unless an admin changed it.
        assertEquals(Instant.parse(b.get("scheduleStartAt").asText()).minus(Duration.ofHours(24)),
                Instant.parse(b.get("cancellableUntil").asText()));
        assertTrue(b.get("cancellation").isNull());
        assertEquals(1, b.get("history").size());
        assertEquals("CONFIRMED", b.at("/history/0/status").asText());
    }

    @Test
    void detailOfACancelledBookingShowsItsRefund() {
        Seen cancelled = recent.stream().filter(s -> s.status() == Booking.Status.CANCELLED).findFirst().orElseThrow();
        JsonNode b = http.get("/bookings/" + cancelled.bookingId(), "Authorization", buyer.bearer()).json();
        assertEquals("CANCELLED", b.get("status").asText());
        assertEquals("일정 변경", b.at("/cancellation/reason").asText());
        assertFalse(b.at("/cancellation/byAdmin").asBoolean());
        assertEquals("DONE", b.at("/cancellation/refund/status").asText());
        assertEquals(152_000, b.at("/cancellation/refund/amount").asLong());
        assertFalse(b.at("/cancellation/refund/refundedAt").asText().isEmpty());
        assertEquals(List.of("CONFIRMED", "REFUND_PENDING", "CANCELLED"),
                List.of(b.at("/history/0/status").asText(), b.at("/history/1/status").asText(),
                        b.at("/history/2/status").asText()));
    }

    @Test
    void anAdminReadsAnyBookingAndItsReceipt() {
        Http.Response booking = http.get("/bookings/" + purchaseId, "Authorization", admin);
        assertEquals(200, booking.status(), booking::toString);
        assertEquals(buyer.userId(), booking.json().get("userId").asText());
        Http.Response receipt = http.get("/bookings/" + purchaseId + "/receipt", "Authorization", admin);
        assertEquals(200, receipt.status(), receipt::toString);
    }

    @Test
    void anAdminListsAScheduleByStatusThenDateWithOrWithoutAFilter() {
        JsonNode all = adminList(seededSchedule, "?size=50");
        assertEquals(onSeededSchedule.stream().map(Seen::bookingId).toList(), ids(all));
        assertNull(all.get("nextCursor").textValue());
        JsonNode line = all.get("items").get(0);
        for (String field : List.of("bookingId", "bookingNumber", "bookedAt", "status", "userId", "customerName",
                "seatId", "seatLabel", "gradeName", "total")) {
            assertTrue(line.has(field), () -> field + " missing in " + line);
        }
        assertEquals(152_000, line.get("total").asLong());
        for (Booking.Status status : Booking.Status.values()) {
            assertEquals(onSeededSchedule.stream().filter(s -> s.status() == status).map(Seen::bookingId).toList(),
                    ids(adminList(seededSchedule, "?status=" + status)), status::name);
        }
    }

    @Test
    void anAdminPagesAScheduleToTheEnd() {
        List<String> seen = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = adminList(seededSchedule, "?size=4" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").textValue();
            assertTrue(cursor == null || cursors.add(cursor));
        } while (cursor != null);
        assertEquals(onSeededSchedule.stream().map(Seen::bookingId).toList(), seen);
        String first = adminList(seededSchedule, "?size=1&status=CONFIRMED").get("nextCursor").asText();
        assertCursorRefused(http.get("/admin/schedules/" + seededSchedule + "/bookings?size=1&cursor=" + first,
                "Authorization", admin));
    }

    @Test
    void anAdminSeesARealPurchaseOnItsSchedule() {
        JsonNode detail = http.get("/bookings/" + purchaseId, "Authorization", admin).json();
        JsonNode page = adminList(detail.get("scheduleId").asText(), "");
        assertEquals(List.of(purchaseId), ids(page));
        assertEquals("김민지", page.at("/items/0/customerName").asText());
        assertEquals("A-1-1", page.at("/items/0/seatId").asText());
        assertEquals(Bookings.VIP_PRICE + Bookings.FEE, page.at("/items/0/total").asLong());
    }

    @Test
    void theScheduleListIsForAdminsOnlyAndKnowsItsStatuses() {
        assertProblem(http.get("/admin/schedules/" + seededSchedule + "/bookings", "Authorization", buyer.bearer()),
                403, "FORBIDDEN");
        assertProblem(http.get("/admin/schedules/" + seededSchedule + "/bookings"), 401, "UNAUTHENTICATED");
        Http.Response unknown = http.get("/admin/schedules/" + seededSchedule + "/bookings?status=REFUNDED",
                "Authorization", admin);
        assertProblem(unknown, 400, "VALIDATION_FAILED");
        assertEquals("status", unknown.json().at("/fieldErrors/0/field").asText());
    }

    private JsonNode adminList(String scheduleId, String query) {
        Http.Response response = http.get("/admin/schedules/" + scheduleId + "/bookings" + query, "Authorization",
                admin);
        assertEquals(200, response.status(), response::toString);
        return response.json();
    }
}
