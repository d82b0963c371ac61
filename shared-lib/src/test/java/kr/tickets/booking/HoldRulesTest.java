package kr.tickets.booking;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.tickets.catalog.Genre;
import kr.tickets.catalog.Performance;
import kr.tickets.catalog.Schedule;
import kr.tickets.common.ApiException;
import org.junit.jupiter.api.Test;

class HoldRulesTest {
    private static final Instant OPENS = Instant.parse("2026-12-01T03:00:00Z");
    private static final Instant CLOSES = Instant.parse("2026-12-20T03:00:00Z");
    private static final Instant SHOW = Instant.parse("2026-12-24T11:00:00Z");

    private static Performance performance() {
        return new Performance("p1", "레미제라블", Genre.MUSICAL, "v1", "블루스퀘어", 160, null, "", OPENS, CLOSES,
                List.of(), SHOW, SHOW, List.of(), OPENS, 1);
    }

    private static Schedule schedule(Instant startAt) {
        return new Schedule("s1", "p1", startAt, startAt, Map.of("g1", 10), 0, 1);
    }

    private static String code(Runnable action) {
        return assertThrows(ApiException.class, action::run).code();
    }

    @Test
    void holdIsRefusedBeforeTicketingOpens() {
        assertEquals("TICKETING_CLOSED",
                code(() -> HoldRules.requireTicketingOpen(performance(), schedule(SHOW), OPENS.minusSeconds(1))));
    }

    @Test
    void holdIsAllowedFromTheFirstSecondOfTheWindow() {
        assertDoesNotThrow(() -> HoldRules.requireTicketingOpen(performance(), schedule(SHOW), OPENS));
    }

    @Test
    void holdIsRefusedWhenTicketingHasEnded() {
        assertEquals("TICKETING_CLOSED",
                code(() -> HoldRules.requireTicketingOpen(performance(), schedule(SHOW), CLOSES)));
    }

    @Test
    void holdIsRefusedForAScheduleThatHasStarted() {
        Instant early = OPENS.plusSeconds(3600);
        assertEquals("TICKETING_CLOSED",
                code(() -> HoldRules.requireTicketingOpen(performance(), schedule(early), early)));
    }

    @Test
    void expiredHoldsDoNotCountTowardsTheLimitButBookingsDo() {
        Instant now = Instant.parse("2026-12-05T00:00:00Z");
        long past = now.getEpochSecond() - 1;
        long future = now.getEpochSecond() + 60;
        assertEquals(0, HoldRules.seatsInUse(Map.of("h1", past), now));
        assertEquals(2, HoldRules.seatsInUse(Map.of("h1", future, "h2", 0L, "h3", past), now));
        assertEquals("HOLD_LIMIT_REACHED", code(() -> HoldRules.requireBelowLimit(Map.of("h2", 0L), 1, now)));
        assertDoesNotThrow(() -> HoldRules.requireBelowLimit(Map.of("h1", past), 1, now));
    }

    @Test
    void theLimitRefusalSaysHowManySeats() {
        Instant now = Instant.parse("2026-12-05T00:00:00Z");
        assertEquals("You already hold or own 1 seat of this schedule.", assertThrows(ApiException.class,
                () -> HoldRules.requireBelowLimit(Map.of("h1", 0L), 1, now)).getMessage());
        assertEquals("You already hold or own 2 seats of this schedule.", assertThrows(ApiException.class,
                () -> HoldRules.requireBelowLimit(Map.of("h1", 0L, "h2", 0L), 2, now)).getMessage());
    }

    @Test
    void holdExpiresAfterThePolicyMinutes() {
        assertEquals(Instant.parse("2026-12-05T00:10:00Z"),
                HoldRules.holdUntil(Instant.parse("2026-12-05T00:00:00Z"), 10));
    }

    @Test
    void amountIsSeatPricePlusFeeMinusDiscount() {
        PriceBreakdown price = HoldRules.price(132_000, 2_000, 5_000);
        assertEquals(129_000, price.total());
    }

    @Test
    void discountNeverTakesTheFee() {
        PriceBreakdown price = HoldRules.price(10_000, 2_000, 50_000);
        assertEquals(10_000, price.discount());
        assertEquals(2_000, price.total());
    }

    @Test
    void discountCodesComeFromThePolicyTableAndUnknownCodesAreRefused() {
        ObjectNode codes = new ObjectMapper().createObjectNode();
        codes.putObject("WELCOME").put("amountKrw", 3000).put("expiresAt", "2030-01-01T00:00:00Z").put("maxUses", 2);
        codes.put("LEGACY", 1000); // the shape before expiry and uses: no longer a code
        assertEquals(new DiscountCode("WELCOME", 3000, Instant.parse("2030-01-01T00:00:00Z"), 2),
                HoldRules.discountCode(codes, "welcome"));
        assertEquals("INVALID_DISCOUNT_CODE", code(() -> HoldRules.discountCode(codes, "NOPE")));
        assertEquals("INVALID_DISCOUNT_CODE", code(() -> HoldRules.discountCode(codes, "LEGACY")));
        assertEquals("INVALID_DISCOUNT_CODE", code(() -> HoldRules.discountCode(null, "WELCOME")));
    }

    @Test
    void aDiscountCodeIsUsableBeforeItsExpiryBelowItsMaximumAndOncePerUser() {
        DiscountCode welcome = new DiscountCode("WELCOME", 3000, Instant.parse("2030-01-01T00:00:00Z"), 2);
        Instant before = Instant.parse("2029-12-31T23:59:59Z");
        HoldRules.requireDiscountUsable(welcome, before, 1, false);
        assertEquals("DISCOUNT_EXPIRED", code(() -> HoldRules.requireDiscountUsable(welcome,
                Instant.parse("2030-01-01T00:00:00Z"), 0, false)));
        assertEquals("DISCOUNT_USED_UP", code(() -> HoldRules.requireDiscountUsable(welcome, before, 2, false)));
        assertEquals("DISCOUNT_ALREADY_USED", code(() -> HoldRules.requireDiscountUsable(welcome, before, 1, true)));
        assertEquals(409, HoldRules.discountUnavailable().status());
        assertEquals("DISCOUNT_UNAVAILABLE", HoldRules.discountUnavailable().code());
    }

    @Test
    void idempotencyKeyIsOptionalButMustBeWellFormed() {
        assertNull(HoldRules.idempotencyKey(null));
        assertEquals("abc-123", HoldRules.idempotencyKey("abc-123"));
        assertEquals("VALIDATION_FAILED", code(() -> HoldRules.idempotencyKey("has space")));
        assertEquals("VALIDATION_FAILED", code(() -> HoldRules.idempotencyKey("x".repeat(101))));
    }

    @Test
    void orderIdFitsTossAndOrderNameIsCutAt100Characters() {
        String holdId = "0197a1b2-0c3d-7e4f-9a0b-1c2d3e4f5a6b";
        String orderId = HoldRules.orderId(holdId);
        assertTrue(orderId.matches("^[A-Za-z0-9_-]{6,64}$"), orderId);
        assertEquals("레미제라블 1층 A열 3번", HoldRules.orderName("레미제라블", "1층 A열 3번"));
        assertEquals(100, HoldRules.orderName("가".repeat(150), "1층 A열 3번").length());
        String exactlyHundred = "가".repeat(91) + " 1층 A열 3번";
        assertEquals(100, exactlyHundred.length());
        assertEquals(exactlyHundred, HoldRules.orderName("가".repeat(91), "1층 A열 3번"));
    }

    @Test
    void bookingNumberCarriesTheUtcDateAndTheIdsRandomTail() {
        assertEquals("TK261125-2D3E4F5A6B", HoldRules.bookingNumber("0197a1b2-0c3d-7e4f-9a0b-1c2d3e4f5a6b",
                Instant.parse("2026-11-25T23:59:59Z"), 0));
    }

    @Test
    void aTakenBookingNumberIsFollowedByOtherTailsOfTheSameDate() {
        String id = "0197a1b2-0c3d-7e4f-9a0b-1c2d3e4f5a6b";
        Instant at = Instant.parse("2026-11-25T23:59:59Z");
        Set<String> numbers = new HashSet<>();
        for (int attempt = 0; attempt < 4; attempt++) {
            String number = HoldRules.bookingNumber(id, at, attempt);
            assertTrue(number.matches("TK261125-[0-9A-F]{10}"), number);
            numbers.add(number);
        }
        assertEquals(4, numbers.size());
        assertEquals(HoldRules.bookingNumber(id, at, 2), HoldRules.bookingNumber(id, at, 2));
    }

    @Test
    void aHoldPastItsTimeIsExpiredToItsOwnerBeforeTheSagaRecordsIt() {
        Instant now = Instant.parse("2026-12-05T00:10:00Z");
        Hold hold = new Hold("h", "u", "n", "e", "s", "p", "A-1-1", "1층 A열 1번", "g", "R", HoldStatus.PENDING,
                now.minusSeconds(600), now, "T-h", "x", new PriceBreakdown(1, 0, 0), null, null, null, null, null,
                null, 1);
        assertEquals(HoldStatus.EXPIRED, HoldViews.statusAt(hold, now));
        assertEquals(HoldStatus.PENDING, HoldViews.statusAt(hold, now.minusSeconds(1)));
    }
}
