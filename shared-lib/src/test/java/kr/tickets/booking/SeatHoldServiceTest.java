package kr.tickets.booking;

import static kr.tickets.booking.BookingFixtures.FEE;
import static kr.tickets.booking.BookingFixtures.HOLD_TIME;
import static kr.tickets.booking.BookingFixtures.NOW;
import static kr.tickets.booking.BookingFixtures.OTHER_SEAT;
import static kr.tickets.booking.BookingFixtures.R_SEAT;
import static kr.tickets.booking.BookingFixtures.SCHEDULE;
import static kr.tickets.booking.BookingFixtures.SEAT;
import static kr.tickets.booking.BookingFixtures.TICKETING_OPENS;
import static kr.tickets.booking.BookingFixtures.VIP_PRICE;
import static kr.tickets.booking.BookingFixtures.principal;
import static kr.tickets.common.ApiAssertions.assertFails;
import static kr.tickets.common.ApiAssertions.jsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.tickets.catalog.CatalogRepository;
import kr.tickets.catalog.InMemoryCatalogRepository;
import kr.tickets.catalog.SeatStatus;
import kr.tickets.common.ApiException;
import kr.tickets.common.FieldError;
import kr.tickets.common.MutableClock;
import kr.tickets.ops.Metric;
import kr.tickets.ops.RecordingMetrics;
import kr.tickets.policy.InMemoryPolicyRepository;
import kr.tickets.policy.PolicyKey;
import kr.tickets.policy.PolicyService;
import kr.tickets.users.InMemoryUserRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SeatHoldServiceTest {
    private static final String MINJI = "u-minji";
    private static final String SEOJUN = "u-seojun";

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryHoldRepository holds = new InMemoryHoldRepository();
    private final FakeBookingSagaClient saga = new FakeBookingSagaClient();
    private final InMemoryCatalogRepository catalog = BookingFixtures.catalog();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryPolicyRepository policyTable = new InMemoryPolicyRepository();
    private final InMemoryDiscountThrottle discountThrottle = new InMemoryDiscountThrottle();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final SeatHoldService service = new SeatHoldService(holds, saga, catalog, new SeatDirectory(catalog), users,
            new PolicyService(policyTable, clock), discountThrottle, clock, metrics, "test_ck_fake", "https://tickets.example/pay/success",
            "https://tickets.example/pay/fail");

    @BeforeEach
    void signUp() {
        users.create(BookingFixtures.user(MINJI, "김민지"));
        users.create(BookingFixtures.user(SEOJUN, "이서준"));
    }

    private Map<String, Object> hold(String who, String seatId, String idempotencyKey) {
        return service.hold(principal(who), SCHEDULE, jsonBody("{\"seatId\": \"" + seatId + "\"}"), idempotencyKey);
    }

    private Map<String, Object> hold(String who, String seatId) {
        return hold(who, seatId, null);
    }

    private Hold stored(Map<String, Object> view) {
        return holds.find((String) view.get("holdId")).orElseThrow();
    }

    private Map<String, Object> checkout(String holdId, String body) {
        return service.checkout(principal(MINJI), holdId, jsonBody(body));
    }

    private void setPolicy(PolicyKey key, JsonNode value) {
        policyTable.save(key, value, "u-admin", NOW);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> amount(Map<String, Object> view) {
        return (Map<String, Object>) view.get("amount");
    }

    // --- holding a seat -----------------------------------------------------------------------

    @Test
    void holdOfAFreeSeatIsPendingAndCostsSeatPricePlusFee() {
        Map<String, Object> view = hold(MINJI, SEAT);

        assertEquals("PENDING", view.get("status"));
        assertEquals(SEAT, view.get("seatId"));
        assertEquals("1층 A열 1번", view.get("seatLabel"));
        assertEquals("VIP", view.get("gradeName"));
        assertEquals(NOW.plus(HOLD_TIME).toString(), view.get("expiresAt"));
        assertEquals(Map.of("seatPrice", VIP_PRICE, "fee", FEE, "discount", 0L, "total", VIP_PRICE + FEE,
                "currency", "KRW"), amount(view));
        assertEquals("T-" + view.get("holdId"), view.get("orderId"));
        assertEquals("레미제라블 1층 A열 1번", view.get("orderName"));

        Hold hold = stored(view);
        assertEquals(MINJI, hold.userId());
        assertEquals(hold.holdId(), holds.seatClaim(SCHEDULE, SEAT).orElseThrow().holdId());
        assertEquals(List.of(hold.holdId()), saga.started.stream().map(Hold::holdId).toList());
        assertEquals(hold.createdAt().plus(HOLD_TIME), saga.started.get(0).holdUntil(), "the timer ends with the hold");
        assertEquals(1, holds.heldSeats(SCHEDULE));
    }

    @Test
    void holdUsesTheFeeAndHoldTimeFromThePolicyTable() {
        setPolicy(PolicyKey.FEE_KRW, JsonNodeFactory.instance.numberNode(1_500));
        setPolicy(PolicyKey.HOLD_MINUTES, JsonNodeFactory.instance.numberNode(5));

        Map<String, Object> view = hold(MINJI, SEAT);

        assertEquals(1_500L, amount(view).get("fee"));
        assertEquals(NOW.plus(Duration.ofMinutes(5)).toString(), view.get("expiresAt"));
    }

    @Test
    void holdFailsWhenTheUserAlreadyHoldsASeatOfTheSchedule() {
        hold(MINJI, SEAT);

        assertFails(() -> hold(MINJI, OTHER_SEAT), 409, "HOLD_LIMIT_REACHED");
        assertTrue(holds.seatClaim(SCHEDULE, OTHER_SEAT).isEmpty());
        assertEquals(1, saga.started.size());
    }

    @Test
    void holdFailsWhenSeatAlreadyPending() {
        hold(MINJI, SEAT);

        assertFails(() -> hold(SEOJUN, SEAT), 409, "SEAT_UNAVAILABLE");
        assertEquals(1, saga.started.size());
    }

    @Test
    void holdFailsWhenSeatIsBooked() {
        Hold minjis = stored(hold(MINJI, SEAT));
        bookDirectly(minjis);
        clock.advance(HOLD_TIME.multipliedBy(3));

        assertFails(() -> hold(SEOJUN, SEAT), 409, "SEAT_UNAVAILABLE");
    }

    private void bookDirectly(Hold hold) {
        holds.startPayment(hold, "tgen_1", clock.instant());
        Booking.PaymentInfo payment = new Booking.PaymentInfo("CARD", "카드", "tgen_1", clock.instant(), null);
        holds.savePayment(hold.holdId(), payment);
        holds.confirm(holds.find(hold.holdId()).orElseThrow(), BookingFixtures.booking(hold, payment, clock.instant()));
    }

    @Test
    void expiredHoldsSeatIsTakenOverAndTheOldHoldExpires() {
        Hold minjis = stored(hold(MINJI, SEAT));
        clock.advance(HOLD_TIME);

        Map<String, Object> seojuns = hold(SEOJUN, SEAT);

        assertEquals("PENDING", seojuns.get("status"));
        assertEquals(seojuns.get("holdId"), holds.seatClaim(SCHEDULE, SEAT).orElseThrow().holdId());
        assertEquals(HoldStatus.EXPIRED, holds.find(minjis.holdId()).orElseThrow().status());
        assertEquals(1, holds.heldSeats(SCHEDULE), "the seat stays counted once");
    }

    @Test
    void expiredHoldNoLongerCountsTowardsTheUsersLimit() {
        hold(MINJI, SEAT);
        clock.advance(HOLD_TIME);

        assertEquals("PENDING", hold(MINJI, OTHER_SEAT).get("status"));
    }

    @Test
    void payingHoldsSeatIsNotTakenOverEvenAfterItsTime() {
        Hold minjis = stored(hold(MINJI, SEAT));
        clock.advance(HOLD_TIME.minusMinutes(1));
        holds.startPayment(minjis, "tgen_1", clock.instant());
        // However long Toss takes: the seat is the payment's until its saga ends.
        clock.advance(Duration.ofHours(1));

        assertFails(() -> hold(SEOJUN, SEAT), 409, "SEAT_UNAVAILABLE");

        assertEquals(HoldStatus.PAYING, holds.find(minjis.holdId()).orElseThrow().status());
        assertEquals(minjis.holdId(), holds.seatClaim(SCHEDULE, SEAT).orElseThrow().holdId());
    }

    @Test
    void holdBeforeTicketingOpensIsTicketingClosed() {
        clock.advance(Duration.between(NOW, TICKETING_OPENS).minusSeconds(1));

        assertFails(() -> hold(MINJI, SEAT), 409, "TICKETING_CLOSED");
        assertTrue(holds.seatClaim(SCHEDULE, SEAT).isEmpty());
    }

    @Test
    void holdAfterTicketingEndsIsTicketingClosed() {
        clock.advance(Duration.between(NOW, Instant.parse("2030-05-31T00:00:00Z")));

        assertFails(() -> hold(MINJI, SEAT), 409, "TICKETING_CLOSED");
    }

    @Test
    void holdOfASeatNotInTheVenueIsAValidationError() {
        assertFails(() -> hold(MINJI, "3층-Z-99"), 400, "VALIDATION_FAILED");
    }

    @Test
    void holdDuringMaintenanceIsServiceUnavailable() {
        setPolicy(PolicyKey.MAINTENANCE, JsonNodeFactory.instance.booleanNode(true));

        assertFails(() -> hold(MINJI, SEAT), 503, "MAINTENANCE");
    }

    // --- Idempotency-Key ----------------------------------------------------------------------

    @Test
    void sameIdempotencyKeyAnswersTheSameHold() {
        Map<String, Object> first = hold(MINJI, SEAT, "key-1");
        clock.advance(Duration.ofSeconds(3));

        Map<String, Object> again = hold(MINJI, SEAT, "key-1");

        assertEquals(first, again);
        assertEquals(1, saga.started.size());
    }

    @Test
    void sameIdempotencyKeyForAnotherSeatIsRefused() {
        hold(MINJI, SEAT, "key-1");

        assertFails(() -> hold(MINJI, R_SEAT, "key-1"), 422, "IDEMPOTENCY_KEY_REUSED");
        assertTrue(holds.seatClaim(SCHEDULE, R_SEAT).isEmpty());
    }

    @Test
    void idempotencyKeysAreKeptPerUser() {
        hold(MINJI, SEAT, "key-1");

        Map<String, Object> seojuns = hold(SEOJUN, OTHER_SEAT, "key-1");

        assertEquals(OTHER_SEAT, seojuns.get("seatId"));
        assertEquals(2, saga.started.size());
    }

    // --- the saga does not start --------------------------------------------------------------

    @Test
    void sagaThatDoesNotStartGivesTheSeatBackAndTheKeyCanBeUsedAgain() {
        saga.startFailure = new IllegalStateException("Step Functions throttled");

        assertFails(() -> hold(MINJI, SEAT, "key-1"), 503, "SERVICE_UNAVAILABLE");

        assertTrue(holds.seatClaim(SCHEDULE, SEAT).isEmpty());
        assertEquals(0, holds.heldSeats(SCHEDULE));
        assertTrue(holds.userSeats(MINJI, SCHEDULE).seats().isEmpty());

        saga.startFailure = null;
        Map<String, Object> retried = hold(MINJI, SEAT, "key-1");
        assertEquals("PENDING", retried.get("status"));
        assertEquals(retried.get("holdId"), holds.seatClaim(SCHEDULE, SEAT).orElseThrow().holdId());
    }

    @Test
    void holdWhoseSagaDidNotStartEndsAsFailed() {
        saga.startFailure = new IllegalStateException("Step Functions throttled");

        assertFails(() -> hold(MINJI, SEAT), 503, "SERVICE_UNAVAILABLE");

        Hold failed = holds.find(saga.startAttempts.get(0).holdId()).orElseThrow();
        assertEquals(HoldStatus.FAILED, failed.status());
        assertEquals("SAGA_NOT_STARTED", failed.failureCode());
    }

    // --- release ------------------------------------------------------------------------------

    @Test
    void releaseOfAPendingHoldFreesTheSeatAndStopsItsTimer() {
        Hold minjis = stored(hold(MINJI, SEAT));

        service.release(principal(MINJI), minjis.holdId());

        assertEquals(HoldStatus.RELEASED, holds.find(minjis.holdId()).orElseThrow().status());
        assertTrue(holds.seatClaim(SCHEDULE, SEAT).isEmpty());
        assertEquals(List.of(minjis.holdId()), saga.stoppedTimers);
        assertEquals("PENDING", hold(SEOJUN, SEAT).get("status"));
    }

    @Test
    void releaseOfAnEndedHoldIsANoOp() {
        Hold minjis = stored(hold(MINJI, SEAT));
        service.release(principal(MINJI), minjis.holdId());

        service.release(principal(MINJI), minjis.holdId());

        assertEquals(HoldStatus.RELEASED, holds.find(minjis.holdId()).orElseThrow().status());
    }

    @Test
    void releaseOfAPayingHoldIsAlreadyProcessed() {
        Hold minjis = stored(hold(MINJI, SEAT));
        holds.startPayment(minjis, "tgen_1", clock.instant());

        assertFails(() -> service.release(principal(MINJI), minjis.holdId()), 409, "ALREADY_PROCESSED");

        assertEquals(HoldStatus.PAYING, holds.find(minjis.holdId()).orElseThrow().status());
        assertEquals(minjis.holdId(), holds.seatClaim(SCHEDULE, SEAT).orElseThrow().holdId());
    }

    @Test
    void releaseOfABookedHoldIsAlreadyProcessedAndKeepsTheBooking() {
        Hold minjis = stored(hold(MINJI, SEAT));
        holds.startPayment(minjis, "tgen_1", clock.instant());
        Booking.PaymentInfo payment = new Booking.PaymentInfo("CARD", "카드", "tgen_1", clock.instant(), null);
        holds.savePayment(minjis.holdId(), payment);
        Hold paying = holds.find(minjis.holdId()).orElseThrow();
        holds.confirm(paying, BookingFixtures.booking(paying, payment, clock.instant()));

        ApiException refused = assertFails(() -> service.release(principal(MINJI), minjis.holdId()), 409,
                "ALREADY_PROCESSED");

        assertTrue(refused.getMessage().contains("예매 취소"), refused.getMessage());
        assertEquals(SeatStatus.BOOKED, holds.seatClaim(SCHEDULE, SEAT).orElseThrow().status());
    }

    @Test
    void holdWithoutASeatIsAValidationErrorAndHoldsNothing() {
        ApiException refused = assertFails(() -> service.hold(principal(MINJI), SCHEDULE, jsonBody("{}"), null), 400,
                "VALIDATION_FAILED");
        assertEquals(List.of(new FieldError("seatId", "is required")), refused.fieldErrors());
        assertTrue(holds.seatClaim(SCHEDULE, SEAT).isEmpty());
    }

    @Test
    void releaseOfAnotherUsersHoldIsNotFound() {
        Hold minjis = stored(hold(MINJI, SEAT));

        assertFails(() -> service.release(principal(SEOJUN), minjis.holdId()), 404, "NOT_FOUND");
        assertEquals(HoldStatus.PENDING, holds.find(minjis.holdId()).orElseThrow().status());
    }

    @Test
    void theOwnerSeesTheirHoldAndAnotherUserDoesNot() {
        Map<String, Object> held = hold(MINJI, SEAT);
        String holdId = (String) held.get("holdId");

        Map<String, Object> seen = service.get(principal(MINJI), holdId);

        assertEquals(holdId, seen.get("holdId"));
        assertEquals("PENDING", seen.get("status"));
        assertEquals(SEAT, seen.get("seatId"));
        assertEquals(held.get("expiresAt"), seen.get("expiresAt"));
        assertFails(() -> service.get(principal(SEOJUN), holdId), 404, "NOT_FOUND");
    }

    @Test
    void aHoldByAnAccountThatNoLongerExistsIsUnauthenticatedAndHoldsNothing() {
        assertFails(() -> hold("u-deleted", SEAT), 401, "UNAUTHENTICATED");

        assertTrue(holds.seatClaim(SCHEDULE, SEAT).isEmpty());
        assertEquals(List.of(), saga.started);
    }

    @Test
    void aScheduleWhosePerformanceIsGoneIsNotFound() {
        CatalogRepository withoutPerformances = (CatalogRepository) Proxy.newProxyInstance(
                CatalogRepository.class.getClassLoader(), new Class<?>[]{CatalogRepository.class},
                (proxy, called, args) -> called.getName().equals("findPerformance") ? Optional.empty()
                        : called.invoke(catalog, args));
        SeatHoldService orphaned = new SeatHoldService(holds, saga, withoutPerformances, new SeatDirectory(catalog), users,
                new PolicyService(policyTable, clock), discountThrottle, clock, metrics, "test_ck_fake",
                "https://tickets.example/pay/success", "https://tickets.example/pay/fail");

        assertFails(() -> orphaned.hold(principal(MINJI), SCHEDULE, jsonBody("{\"seatId\": \"" + SEAT + "\"}"), null),
                404, "NOT_FOUND");
        assertTrue(holds.seatClaim(SCHEDULE, SEAT).isEmpty());
    }

    // --- checkout -----------------------------------------------------------------------------

    @Test
    void checkoutAppliesADiscountCodeFromThePolicyTable() {
        discountCode("WELCOME", 3_000, NOW.plus(Duration.ofDays(1)), 100);
        String holdId = (String) hold(MINJI, SEAT).get("holdId");

        Map<String, Object> out = checkout(holdId, "{\"method\": \"CARD\", \"discountCode\": \"welcome\"}");

        assertEquals(Map.of("seatPrice", VIP_PRICE, "fee", FEE, "discount", 3_000L, "total", VIP_PRICE + FEE - 3_000,
                "currency", "KRW"), out.get("amount"));
        assertEquals("T-" + holdId, out.get("orderId"));
        assertEquals("test_ck_fake", out.get("clientKey"));
        assertEquals("https://tickets.example/pay/success", out.get("successUrl"));
        Hold stored = holds.find(holdId).orElseThrow();
        assertEquals("CARD", stored.method());
        assertEquals("WELCOME", stored.discountCode());
        assertEquals(VIP_PRICE + FEE - 3_000, stored.price().total());
    }

    @Test
    void checkoutWithAnUnknownDiscountCodeIsRefused() {
        String holdId = (String) hold(MINJI, SEAT).get("holdId");

        assertFails(() -> checkout(holdId, "{\"method\": \"CARD\", \"discountCode\": \"NOPE\"}"), 400,
                "INVALID_DISCOUNT_CODE");
        assertEquals(VIP_PRICE + FEE, holds.find(holdId).orElseThrow().price().total());
    }

    private void discountCode(String code, long amountKrw, Instant expiresAt, long maxUses) {
        com.fasterxml.jackson.databind.node.ObjectNode codes = JsonNodeFactory.instance.objectNode();
        codes.putObject(code).put("amountKrw", amountKrw).put("expiresAt", expiresAt.toString()).put("maxUses", maxUses);
        setPolicy(PolicyKey.DISCOUNT_CODES, codes);
    }

    /** Seojun holds the other seat, checks out with {@code code} and hands his payment over (his use counts). */
    private void seojunPaysWith(String code) {
        Map<String, Object> his = hold(SEOJUN, OTHER_SEAT);
        service.checkout(principal(SEOJUN), (String) his.get("holdId"),
                jsonBody("{\"method\": \"CARD\", \"discountCode\": \"" + code + "\"}"));
        Hold paying = stored(his);
        holds.startPayment(paying, "tgen_seojun", clock.instant(), new HoldRepository.DiscountUse(code, 1_000));
    }

    @Test
    void checkoutWithAnExpiredDiscountCodeIsRefused() {
        discountCode("EARLY", 3_000, NOW.plus(Duration.ofMinutes(1)), 100);
        String holdId = (String) hold(MINJI, SEAT).get("holdId");
        clock.advance(Duration.ofMinutes(1));

        assertFails(() -> checkout(holdId, "{\"method\": \"CARD\", \"discountCode\": \"EARLY\"}"), 409,
                "DISCOUNT_EXPIRED");
        assertEquals(VIP_PRICE + FEE, holds.find(holdId).orElseThrow().price().total());
    }

    @Test
    void checkoutWithAUsedUpDiscountCodeIsRefused() {
        discountCode("ONE", 3_000, NOW.plus(Duration.ofDays(1)), 1);
        seojunPaysWith("ONE");
        String holdId = (String) hold(MINJI, SEAT).get("holdId");

        assertFails(() -> checkout(holdId, "{\"method\": \"CARD\", \"discountCode\": \"one\"}"), 409,
                "DISCOUNT_USED_UP");
        assertEquals(null, holds.find(holdId).orElseThrow().discountCode());
    }

    @Test
    void aUserMayUseADiscountCodeOnce() {
        discountCode("WELCOME", 3_000, NOW.plus(Duration.ofDays(1)), 100);
        setPolicy(PolicyKey.MAX_SEATS_PER_USER, JsonNodeFactory.instance.numberNode(2));
        seojunPaysWith("WELCOME");
        Map<String, Object> second = hold(SEOJUN, SEAT);

        assertFails(() -> service.checkout(principal(SEOJUN), (String) second.get("holdId"),
                jsonBody("{\"method\": \"CARD\", \"discountCode\": \"WELCOME\"}")), 409, "DISCOUNT_ALREADY_USED");
        // Minji has not used it.
        String minjis = (String) hold(MINJI, R_SEAT).get("holdId");
        assertEquals(3_000L, amount(checkout(minjis, "{\"method\": \"CARD\", \"discountCode\": \"WELCOME\"}"))
                .get("discount"));
    }

    @Test
    void wrongDiscountCodesAreThrottledPerUser() {
        discountCode("WELCOME", 3_000, NOW.plus(Duration.ofDays(1)), 100);
        String holdId = (String) hold(MINJI, SEAT).get("holdId");
        for (int i = 0; i < HoldRules.WRONG_CODES; i++) {
            String guess = "GUESS" + i;
            assertFails(() -> checkout(holdId, "{\"method\": \"CARD\", \"discountCode\": \"" + guess + "\"}"), 400,
                    "INVALID_DISCOUNT_CODE");
        }
        clock.advance(Duration.ofMinutes(5));

        // Even the right code waits now; the window started with the first wrong code.
        var locked = assertFails(() -> checkout(holdId, "{\"method\": \"CARD\", \"discountCode\": \"WELCOME\"}"),
                429, "TOO_MANY_REQUESTS");
        assertEquals(Long.toString(HoldRules.WRONG_CODE_WINDOW.minusMinutes(5).toSeconds()),
                locked.headers().get("Retry-After"));
        // Paying the full price is never throttled, and another user is not affected.
        assertEquals(0L, amount(checkout(holdId, "{\"method\": \"CARD\"}")).get("discount"));
        Map<String, Object> his = hold(SEOJUN, OTHER_SEAT);
        assertEquals(3_000L, amount(service.checkout(principal(SEOJUN), (String) his.get("holdId"),
                jsonBody("{\"method\": \"CARD\", \"discountCode\": \"WELCOME\"}"))).get("discount"));

        clock.advance(Duration.ofMinutes(10));
        String later = (String) hold(MINJI, R_SEAT).get("holdId");
        assertEquals(3_000L, amount(checkout(later, "{\"method\": \"CARD\", \"discountCode\": \"WELCOME\"}"))
                .get("discount"));
    }

    @Test
    void checkoutWhilePaymentsAreDisabledIsRefusedAndTheSeatStaysHeld() {
        setPolicy(PolicyKey.PAYMENT_PROVIDER, JsonNodeFactory.instance.textNode("DISABLED"));
        String holdId = (String) hold(MINJI, SEAT).get("holdId");

        assertFails(() -> checkout(holdId, "{\"method\": \"CARD\"}"), 503, "PAYMENTS_DISABLED");
        assertEquals(HoldStatus.PENDING, holds.find(holdId).orElseThrow().status());
        assertEquals(holdId, holds.seatClaim(SCHEDULE, SEAT).orElseThrow().holdId());
    }

    @Test
    void checkoutAfterTheHoldTimeIsHoldExpired() {
        String holdId = (String) hold(MINJI, SEAT).get("holdId");
        clock.advance(HOLD_TIME);

        assertFails(() -> checkout(holdId, "{\"method\": \"CARD\"}"), 410, "HOLD_EXPIRED");
    }

    @Test
    void checkoutWithAnUnknownMethodIsAValidationError() {
        String holdId = (String) hold(MINJI, SEAT).get("holdId");

        assertFails(() -> checkout(holdId, "{\"method\": \"CASH\"}"), 400, "VALIDATION_FAILED");
        assertNotEquals("CASH", holds.find(holdId).orElseThrow().method());
    }

    // --- metrics ------------------------------------------------------------------------------

    @Test
    void aHoldIsCountedAsSucceeded() {
        hold(MINJI, SEAT);

        assertEquals(List.of(Metric.HOLD_SUCCEEDED), metrics.metrics());
    }

    @Test
    void aSeatSomeoneElseHoldsOrBookedIsCountedAsAConflict() {
        Hold minjis = stored(hold(MINJI, SEAT));
        assertFails(() -> hold(SEOJUN, SEAT), 409, "SEAT_UNAVAILABLE");
        bookDirectly(minjis);
        assertFails(() -> hold(SEOJUN, SEAT), 409, "SEAT_UNAVAILABLE");

        assertEquals(List.of(Metric.HOLD_SUCCEEDED, Metric.HOLD_CONFLICTED, Metric.HOLD_CONFLICTED), metrics.metrics());
    }

    @Test
    void theSeatLimitIsCountedAsLimitRefusedNotAsAConflict() {
        hold(MINJI, SEAT);

        assertFails(() -> hold(MINJI, OTHER_SEAT), 409, "HOLD_LIMIT_REACHED");

        assertEquals(List.of(Metric.HOLD_SUCCEEDED, Metric.HOLD_LIMIT_REFUSED), metrics.metrics());
    }

    @Test
    void aHoldThatLosesTheRaceForTheSeatIsCountedAsAConflict() {
        hold(MINJI, SEAT);
        // Seojun read the seat as free a moment before Minji's write landed.
        SeatHoldService racing = serviceOver(StaleReads.of(holds, "seatClaim", Optional.empty()));

        assertFails(() -> racing.hold(principal(SEOJUN), SCHEDULE, jsonBody("{\"seatId\": \"" + SEAT + "\"}"), null),
                409, "SEAT_UNAVAILABLE");

        assertEquals(List.of(Metric.HOLD_SUCCEEDED, Metric.HOLD_CONFLICTED), metrics.metrics());
    }

    @Test
    void aHoldWhoseUsersSeatsKeepChangingIsCountedAsLimitRefused() {
        users.create(BookingFixtures.user("u-jiwoo", "박지우"));
        setPolicy(PolicyKey.MAX_SEATS_PER_USER, JsonNodeFactory.instance.numberNode(2));
        service.hold(principal("u-jiwoo"), SCHEDULE, jsonBody("{\"seatId\": \"" + SEAT + "\"}"), null);
        // Every count of the user's seats is outdated by the time the hold is written.
        Map<String, Integer> calls = new HashMap<>();
        SeatHoldService racing = serviceOver(StaleReads.of(holds, "userSeats", new HoldRepository.UserSeats(Map.of(), 0),
                calls));

        assertFails(() -> racing.hold(principal("u-jiwoo"), SCHEDULE, jsonBody("{\"seatId\": \"" + OTHER_SEAT + "\"}"),
                null), 409, "HOLD_LIMIT_REACHED");

        assertEquals(3, calls.get("place"), "written three times before giving up");
        assertEquals(List.of(Metric.HOLD_SUCCEEDED, Metric.HOLD_LIMIT_REFUSED), metrics.metrics());
    }

    @Test
    void aHoldThatLosesTheRaceForTheUsersSeatsReadsThemAgainAndSucceeds() {
        users.create(BookingFixtures.user("u-jiwoo", "박지우"));
        setPolicy(PolicyKey.MAX_SEATS_PER_USER, JsonNodeFactory.instance.numberNode(2));
        Hold first = stored(service.hold(principal("u-jiwoo"), SCHEDULE, jsonBody("{\"seatId\": \"" + SEAT + "\"}"), null));
        // The first count of the user's seats was taken before their first hold landed.
        Map<String, Integer> calls = new HashMap<>();
        SeatHoldService racing = serviceOver(StaleReads.once(holds, "userSeats", new HoldRepository.UserSeats(Map.of(), 0),
                calls));

        Hold second = stored(racing.hold(principal("u-jiwoo"), SCHEDULE,
                jsonBody("{\"seatId\": \"" + OTHER_SEAT + "\"}"), null));

        assertEquals(2, calls.get("placementReads"), "read once, then again for the retry");
        assertEquals(2, calls.get("userSeats"));
        assertEquals(2, calls.get("place"), "the stale write was refused, the fresh one went through");
        assertEquals(second.holdId(), holds.seatClaim(SCHEDULE, OTHER_SEAT).orElseThrow().holdId());
        assertEquals(first.holdId(), holds.seatClaim(SCHEDULE, SEAT).orElseThrow().holdId());
        assertEquals(List.of(first.holdId(), second.holdId()), saga.started.stream().map(Hold::holdId).toList());
        assertEquals(List.of(Metric.HOLD_SUCCEEDED, Metric.HOLD_SUCCEEDED), metrics.metrics());
    }

    @Test
    void aHoldPlacedAtTheFirstAttemptReadsOnce() {
        Map<String, Integer> calls = new HashMap<>();
        // No method of that name: nothing is stale, the calls are only counted.
        SeatHoldService counted = serviceOver(StaleReads.of(holds, "noSuchMethod", null, calls));

        counted.hold(principal(MINJI), SCHEDULE, jsonBody("{\"seatId\": \"" + SEAT + "\"}"), null);

        assertEquals(1, calls.get("placementReads"));
        assertEquals(1, calls.get("place"));
    }

    // --- the per-container catalog cache ------------------------------------------------------

    /** The catalog's schedule and performance reads, counted per method name. */
    private final Map<String, Integer> catalogReads = new HashMap<>();

    private SeatHoldService cachingFor(int seconds) {
        CatalogRepository counted = (CatalogRepository) Proxy.newProxyInstance(CatalogRepository.class.getClassLoader(),
                new Class<?>[]{CatalogRepository.class}, (proxy, called, args) -> {
                    catalogReads.merge(called.getName(), 1, Integer::sum);
                    try {
                        return called.invoke(catalog, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new SeatHoldService(holds, saga, counted, new SeatDirectory(catalog), users,
                new PolicyService(policyTable, clock), discountThrottle, clock, metrics, "test_ck_fake",
                "https://tickets.example/pay/success", "https://tickets.example/pay/fail", seconds);
    }

    /** A hold that reads the schedule and the performance and then fails on the seat, changing nothing. */
    private static void tryHold(SeatHoldService service, String scheduleId) {
        boolean known = scheduleId.equals(SCHEDULE);
        assertFails(() -> service.hold(principal(MINJI), scheduleId, jsonBody("{\"seatId\": \"Z-9-9\"}"), null),
                known ? 400 : 404, known ? "VALIDATION_FAILED" : "NOT_FOUND");
    }

    private int reads(String method) {
        return catalogReads.getOrDefault(method, 0);
    }

    @Test
    void theCatalogIsReadOnceWithinTheCacheTimeAndAgainFromItsEnd() {
        SeatHoldService caching = cachingFor(5);

        tryHold(caching, SCHEDULE);
        clock.advance(Duration.ofSeconds(4));
        stored(caching.hold(principal(MINJI), SCHEDULE, jsonBody("{\"seatId\": \"" + SEAT + "\"}"), null));
        assertEquals(1, reads("findSchedule"), "a hit within the cache time");
        assertEquals(1, reads("findPerformance"));

        clock.advance(Duration.ofSeconds(1));
        tryHold(caching, SCHEDULE);
        assertEquals(2, reads("findSchedule"), "at exactly the end of the cache time the entry is gone");
        assertEquals(2, reads("findPerformance"));

        clock.advance(Duration.ofSeconds(4));
        tryHold(caching, SCHEDULE);
        assertEquals(2, reads("findSchedule"), "cached again from the second read");
        clock.advance(Duration.ofSeconds(2));
        tryHold(caching, SCHEDULE);
        assertEquals(3, reads("findSchedule"), "after the end");
        assertEquals(3, reads("findPerformance"));
    }

    @Test
    void aMissingScheduleIsCachedAsMissingToo() {
        SeatHoldService caching = cachingFor(5);

        assertFails(() -> caching.hold(principal(MINJI), "sched-missing", jsonBody("{\"seatId\": \"" + SEAT + "\"}"),
                null), 404, "NOT_FOUND");
        assertFails(() -> caching.hold(principal(MINJI), "sched-missing", jsonBody("{\"seatId\": \"" + SEAT + "\"}"),
                null), 404, "NOT_FOUND");

        assertEquals(1, reads("findSchedule"));
        assertEquals(0, reads("findPerformance"));
    }

    @Test
    void aZeroCacheTimeReadsTheCatalogForEveryHold() {
        SeatHoldService uncached = cachingFor(0);

        tryHold(uncached, SCHEDULE);
        tryHold(uncached, SCHEDULE);
        tryHold(uncached, SCHEDULE);

        assertEquals(3, reads("findSchedule"));
        assertEquals(3, reads("findPerformance"));
    }

    @Test
    void aNegativeCacheTimeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> cachingFor(-1));
    }

    @Test
    void aFullCacheIsClearedBeforeTheNextEntry() {
        SeatHoldService caching = cachingFor(5);
        tryHold(caching, SCHEDULE);
        // 999 more schedules (missing ones are cached too) fill the cache to its 1,000 entries.
        for (int i = 1; i < 1_000; i++) {
            tryHold(caching, "sched-missing-" + i);
        }
        tryHold(caching, SCHEDULE);
        assertEquals(1_000, reads("findSchedule"), "a full cache still answers");

        tryHold(caching, "sched-missing-1000");
        tryHold(caching, SCHEDULE);

        assertEquals(1_002, reads("findSchedule"), "the 1,001st entry cleared the others");
        assertEquals(1, reads("findPerformance"), "the performances' cache has its own, far from full");
    }

    @Test
    void aReplayedHoldAndRefusedRequestsCountNothingMore() {
        hold(MINJI, SEAT, "key-1");
        hold(MINJI, SEAT, "key-1");
        assertFails(() -> hold(SEOJUN, "Z-9-9"), 400, "VALIDATION_FAILED");
        setPolicy(PolicyKey.MAINTENANCE, JsonNodeFactory.instance.booleanNode(true));
        assertFails(() -> hold(SEOJUN, OTHER_SEAT), 503, "MAINTENANCE");

        assertEquals(List.of(Metric.HOLD_SUCCEEDED), metrics.metrics());
    }

    @Test
    void aHoldWhoseSagaDidNotStartIsNotCountedAsSucceeded() {
        saga.startFailure = new IllegalStateException("Step Functions throttled");

        assertFails(() -> hold(MINJI, SEAT), 503, "SERVICE_UNAVAILABLE");

        assertEquals(List.of(), metrics.metrics());
    }

    private SeatHoldService serviceOver(HoldRepository repository) {
        return new SeatHoldService(repository, saga, catalog, new SeatDirectory(catalog), users,
                new PolicyService(policyTable, clock), discountThrottle, clock, metrics, "test_ck_fake",
                "https://tickets.example/pay/success", "https://tickets.example/pay/fail");
    }
}
