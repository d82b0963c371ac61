package kr.tickets.booking;

import static kr.tickets.booking.BookingFixtures.FEE;
import static kr.tickets.booking.BookingFixtures.NOW;
import static kr.tickets.booking.BookingFixtures.SCHEDULE;
import static kr.tickets.booking.BookingFixtures.SEAT;
import static kr.tickets.booking.BookingFixtures.VIP_PRICE;
import static kr.tickets.booking.BookingFixtures.principal;
import static kr.tickets.common.ApiAssertions.assertFails;
import static kr.tickets.common.ApiAssertions.jsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kr.tickets.common.ApiException;
import kr.tickets.common.FieldError;
import kr.tickets.common.Ids;
import kr.tickets.common.MutableClock;
import kr.tickets.ops.Metric;
import kr.tickets.ops.RecordingMetrics;
import kr.tickets.policy.InMemoryPolicyRepository;
import kr.tickets.policy.PolicyKey;
import kr.tickets.policy.PolicyService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentServiceTest {
    private static final long TOTAL = VIP_PRICE + FEE;
    private static final String MINJI = "u-minji";
    private static final String PAYMENT_KEY = "tgen_20300410110000abcd";

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryHoldRepository holds = new InMemoryHoldRepository();
    private final FakeBookingSagaClient saga = new FakeBookingSagaClient();
    private final InMemoryPolicyRepository policyTable = new InMemoryPolicyRepository();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final PaymentService payments = new PaymentService(holds, saga, new PolicyService(policyTable, clock), clock,
            metrics);

    private String holdId;
    private String orderId;

    @BeforeEach
    void minjiHoldsASeat() {
        holdId = Ids.newId();
        orderId = BookingFixtures.placeHold(holds, holdId, MINJI, NOW).orderId();
        clock.advance(Duration.ofMinutes(2));
    }

    private PaymentService.Outcome confirm(String who, String paymentKey, Object amount) {
        return payments.confirm(principal(who), jsonBody("""
                {"holdId": "%s", "paymentKey": "%s", "orderId": "%s", "amount": %s}"""
                .formatted(holdId, paymentKey, orderId, amount)));
    }

    private PaymentService.Outcome confirm() {
        return confirm(MINJI, PAYMENT_KEY, TOTAL);
    }

    private Hold hold() {
        return holds.find(holdId).orElseThrow();
    }

    /** The payment steps confirm with Toss and book the seat; the run ends in Booked. */
    private void sagaBooks() {
        saga.onPayment = id -> {
            Instant now = clock.instant();
            Booking.PaymentInfo payment = new Booking.PaymentInfo("CARD", "카드", hold().paymentKey(), now, null);
            holds.savePayment(id, payment);
            Hold paying = holds.find(id).orElseThrow();
            holds.confirm(paying, BookingFixtures.booking(paying, payment, now));
            return PaymentRun.of("SUCCEEDED", "{\"holdId\": \"" + id + "\", \"booking\": {\"outcome\": \"CONFIRMED\"}}",
                    null);
        };
    }

    /** The payment steps end the hold as {@code status} with {@code code}, as their release step answers. */
    private void sagaEnds(HoldStatus status, String code, String message) {
        saga.onPayment = id -> {
            holds.release(holds.find(id).orElseThrow(), status, code, message);
            return PaymentRun.of("SUCCEEDED", """
                    {"holdId": "%s", "release": {"outcome": "%s", "code": "%s", "message": "%s"}}"""
                    .formatted(id, status, code == null ? "" : code, message == null ? "" : message), null);
        };
    }

    private void sagaFails(String code, String message) {
        sagaEnds(HoldStatus.FAILED, code, message);
    }

    // --- a confirm handed to the saga ---------------------------------------------------------

    @Test
    void confirmHandsThePaymentOverAndAnswersTheBooking() {
        sagaBooks();

        PaymentService.Outcome outcome = confirm();

        assertEquals(200, outcome.status());
        assertEquals(Map.of("bookingId", holdId, "status", "CONFIRMED"), outcome.body());
        assertEquals(List.of(holdId), saga.paymentRuns);
        assertEquals(HoldStatus.CONFIRMED, hold().status());
        assertEquals(PAYMENT_KEY, hold().paymentKey());
        assertEquals(List.of(holdId), saga.stoppedTimers, "a booked hold's timer has nothing left to do");
    }

    @Test
    void confirmAnswersProcessingWhileTheSagaIsStillWorking() {
        PaymentService.Outcome outcome = confirm();

        assertEquals(202, outcome.status());
        assertEquals(Map.of("bookingId", holdId, "status", "PROCESSING"), outcome.body());
        assertEquals(HoldStatus.PAYING, hold().status());
        assertEquals(List.of(), saga.stoppedTimers, "the timer settles a hold left PAYING");
    }

    @Test
    void paymentHandedOverKeepsTheSeatAndCountsItUntilTheSagaEnds() {
        confirm();

        assertNull(holds.seatClaim(SCHEDULE, SEAT).orElseThrow().holdUntil(), "no expiry a take-over could use");
        assertEquals(0L, holds.userSeats(MINJI, SCHEDULE).seats().get(holdId), "counted with no end");
        clock.advance(Duration.ofHours(1));
        assertEquals(1, HoldRules.seatsInUse(holds.userSeats(MINJI, SCHEDULE).seats(), clock.instant()));
    }

    @Test
    void aRunThatFailedWithoutCertaintyIsProcessingAndLeftToTheTimer() {
        saga.onPayment = id -> PaymentRun.of("FAILED", null, "ReleaseFailed");

        PaymentService.Outcome outcome = confirm();

        assertEquals(202, outcome.status());
        assertEquals(HoldStatus.PAYING, hold().status());
        assertEquals(PAYMENT_KEY, hold().paymentKey());
        assertEquals(List.of(), saga.stoppedTimers);
    }

    @Test
    void aRunThatFoundTheHoldEndedAnswersFromTheHold() {
        saga.onPayment = id -> {
            holds.release(holds.find(id).orElseThrow(), HoldStatus.FAILED, HoldRules.PAYMENT_ERROR, "UNAUTHORIZED_KEY");
            return PaymentRun.of("SUCCEEDED", "{\"toss\": {\"outcome\": \"NOT_PAYING\"}}", null);
        };

        assertFails(this::confirm, 502, HoldRules.PAYMENT_ERROR);
        assertEquals(List.of(holdId), saga.stoppedTimers);
    }

    @Test
    void aRunThatFoundTheHoldStillPayingIsProcessing() {
        saga.onPayment = id -> PaymentRun.of("SUCCEEDED", "{\"toss\": {\"outcome\": \"NOT_PAYING\"}}", null);

        assertEquals(202, confirm().status());
        assertEquals(List.of(), saga.stoppedTimers);
    }

    @Test
    void handOverWithoutAClearAnswerIsProcessingAndKeepsTheKey() {
        saga.onPayment = id -> {
            throw new IllegalStateException("Step Functions timed out");
        };

        PaymentService.Outcome outcome = confirm();

        assertEquals(202, outcome.status());
        assertEquals(Map.of("bookingId", holdId, "status", "PROCESSING"), outcome.body());
        assertEquals(HoldStatus.PAYING, hold().status());
        assertEquals(PAYMENT_KEY, hold().paymentKey());
        assertEquals(holdId, holds.paymentKeyOwner(PAYMENT_KEY).orElseThrow());
    }

    @Test
    void resubmitAfterAnUnclearRunRunsTheStepsAgainAndAnswersTheBooking() {
        saga.onPayment = id -> {
            throw new IllegalStateException("Step Functions timed out");
        };
        confirm();
        sagaBooks();

        assertEquals(200, confirm().status(), "the steps are idempotent: a replay answers the booking");
        assertEquals(List.of(holdId, holdId), saga.paymentRuns);
    }

    // --- one payment key, one order -----------------------------------------------------------

    @Test
    void paymentKeyOfAnotherHoldIsRefusedBeforeAnythingIsHandedOver() {
        sagaBooks();
        confirm();
        String second = Ids.newId();
        Hold other = BookingFixtures.placeHold(holds, second, "u-seojun", BookingFixtures.OTHER_SEAT, clock.instant());

        ApiException refused = assertFails(() -> payments.confirm(principal("u-seojun"), jsonBody("""
                {"holdId": "%s", "paymentKey": "%s", "orderId": "%s", "amount": %d}"""
                .formatted(second, PAYMENT_KEY, other.orderId(), other.price().total()))), 409, "PAYMENT_KEY_USED");

        assertTrue(refused.getMessage().contains("다른 주문"));
        assertEquals(List.of(holdId), saga.paymentRuns);
        assertEquals(HoldStatus.PENDING, holds.find(second).orElseThrow().status());
        assertEquals(HoldStatus.CONFIRMED, hold().status());
    }

    @Test
    void keyTheSagaFoundUsedForAnotherOrderIsPaymentKeyUsed() {
        sagaFails(HoldRules.PAYMENT_KEY_USED, "The payment belongs to another order.");

        assertFails(this::confirm, 409, "PAYMENT_KEY_USED");
        assertTrue(holds.paymentKeyOwner(PAYMENT_KEY).isEmpty(), "a refused key is freed for its own order");
    }

    // --- discount codes -----------------------------------------------------------------------

    private static final long DISCOUNT = 3_000;

    /** WELCOME in the policy table; the hold of {@code holdId} checked out with it. */
    private void checkedOutWithDiscount(String holdId, long maxUses, Instant expiresAt) {
        com.fasterxml.jackson.databind.node.ObjectNode codes =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        codes.putObject("WELCOME").put("amountKrw", DISCOUNT).put("expiresAt", expiresAt.toString())
                .put("maxUses", maxUses);
        policyTable.save(PolicyKey.DISCOUNT_CODES, codes, "u-admin", NOW);
        Hold hold = holds.find(holdId).orElseThrow();
        holds.saveCheckout(hold, "CARD", "WELCOME", HoldRules.price(VIP_PRICE, FEE, DISCOUNT));
    }

    private void checkedOutWithDiscount(long maxUses) {
        checkedOutWithDiscount(holdId, maxUses, NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void aBookedPaymentKeepsItsDiscountUse() {
        checkedOutWithDiscount(10);
        sagaBooks();

        assertEquals(200, confirm(MINJI, PAYMENT_KEY, TOTAL - DISCOUNT).status());

        assertEquals(1, holds.discountUses("WELCOME"));
        assertTrue(holds.discountUsedBy("WELCOME", MINJI));
    }

    @Test
    void aCodeUsedUpAtTheLastMomentRefusesTheConfirmAndNothingIsHandedOver() {
        checkedOutWithDiscount(1);
        // Seojun's payment with the last use started after Minji's checkout.
        String his = Ids.newId();
        BookingFixtures.placeHold(holds, his, "u-seojun", BookingFixtures.OTHER_SEAT, clock.instant());
        holds.saveCheckout(holds.find(his).orElseThrow(), "CARD", "WELCOME", HoldRules.price(VIP_PRICE, FEE, DISCOUNT));
        holds.startPayment(holds.find(his).orElseThrow(), "tgen_seojun", clock.instant(),
                new HoldRepository.DiscountUse("WELCOME", 1));
        saga.onPayment = id -> {
            throw new AssertionError("the payment steps may not run");
        };

        assertFails(() -> confirm(MINJI, PAYMENT_KEY, TOTAL - DISCOUNT), 409, "DISCOUNT_UNAVAILABLE");

        assertEquals(HoldStatus.PENDING, hold().status());
        assertEquals(1, holds.discountUses("WELCOME"));
    }

    @Test
    void aCodeExpiredSinceTheCheckoutRefusesTheConfirm() {
        checkedOutWithDiscount(holdId, 10, clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(30));

        assertFails(() -> confirm(MINJI, PAYMENT_KEY, TOTAL - DISCOUNT), 409, "DISCOUNT_UNAVAILABLE");
        assertEquals(HoldStatus.PENDING, hold().status());
        assertEquals(0, holds.discountUses("WELCOME"));
    }

    @Test
    void aDeclinedPaymentGivesItsDiscountUseBack() {
        checkedOutWithDiscount(1);
        sagaFails("REJECT_CARD_PAYMENT", "한도 초과");

        assertFails(() -> confirm(MINJI, PAYMENT_KEY, TOTAL - DISCOUNT), 402, "PAYMENT_REJECTED");

        assertEquals(0, holds.discountUses("WELCOME"));
        assertEquals(false, holds.discountUsedBy("WELCOME", MINJI));
    }

    @Test
    void aPaymentWhoseHandOverIsUnclearKeepsItsDiscountUseUntilTheSagaEnds() {
        checkedOutWithDiscount(1);
        saga.onPayment = id -> {
            throw new IllegalStateException("Step Functions timed out");
        };

        assertEquals(202, confirm(MINJI, PAYMENT_KEY, TOTAL - DISCOUNT).status());

        assertEquals(1, holds.discountUses("WELCOME"), "the payment may still go through");
        holds.release(hold(), HoldStatus.FAILED, HoldRules.PAYMENT_ERROR, "nothing charged");
        assertEquals(0, holds.discountUses("WELCOME"));
    }

    // --- refused before anything is handed over -----------------------------------------------

    @Test
    void holdIdThatIsNoIdIsAValidationError() {
        ApiException e = assertFails(() -> payments.confirm(principal(MINJI), jsonBody("""
                {"holdId": "a b", "paymentKey": "%s", "orderId": "%s", "amount": %d}"""
                .formatted(PAYMENT_KEY, orderId, TOTAL))), 400, "VALIDATION_FAILED");
        assertEquals("holdId", e.fieldErrors().get(0).field());
        assertTrue(saga.paymentRuns.isEmpty());
    }

    @Test
    void failRedirectWithoutACodeIsAValidationErrorAndRecordsNothing() {
        assertFails(() -> payments.fail(principal(MINJI), jsonBody("{\"holdId\": \"%s\"}".formatted(holdId))), 400,
                "VALIDATION_FAILED");
        assertNull(hold().failureCode());
    }

    @Test
    void failRedirectWithAHoldIdThatIsNoIdIsAValidationErrorAndRecordsNothing() {
        ApiException refused = assertFails(() -> payments.fail(principal(MINJI), jsonBody("""
                {"holdId": "../holds/x", "code": "PAY_PROCESS_CANCELED"}""")), 400, "VALIDATION_FAILED");
        assertEquals(List.of("holdId"), refused.fieldErrors().stream().map(FieldError::field).toList());
        assertNull(hold().failureCode());
    }

    @Test
    void paymentKeyNotShapedLikeTossesIsAValidationError() {
        for (String key : List.of("tgen 1", "tgen_결제", "tgen_1#2", "k".repeat(201))) {
            ApiException e = assertFails(() -> confirm(MINJI, key, TOTAL), 400, "VALIDATION_FAILED");
            assertEquals("paymentKey", e.fieldErrors().get(0).field(), key);
        }
        assertTrue(saga.paymentRuns.isEmpty());
        assertEquals(HoldStatus.PENDING, hold().status());
    }

    @Test
    void amountOtherThanTheOrdersIsRefusedAndNothingHandedOver() {
        assertFails(() -> confirm(MINJI, PAYMENT_KEY, TOTAL - 2_000), 400, "AMOUNT_MISMATCH");

        assertTrue(saga.paymentRuns.isEmpty());
        assertEquals(HoldStatus.PENDING, hold().status());
        assertNull(hold().paymentKey());
    }

    @Test
    void fractionalAmountIsAValidationError() {
        ApiException e = assertFails(() -> confirm(MINJI, PAYMENT_KEY, "100.5"), 400, "VALIDATION_FAILED");

        assertEquals(List.of("amount"), e.fieldErrors().stream().map(FieldError::field).toList());
        assertTrue(saga.paymentRuns.isEmpty());
    }

    @Test
    void orderIdOfAnotherOrderIsAValidationError() {
        orderId = "T-someone-else";

        assertFails(this::confirm, 400, "VALIDATION_FAILED");
        assertTrue(saga.paymentRuns.isEmpty());
    }

    @Test
    void confirmAfterTheHoldTimeIsHoldExpired() {
        clock.advance(BookingFixtures.HOLD_TIME);

        assertFails(this::confirm, 410, "HOLD_EXPIRED");

        assertTrue(saga.paymentRuns.isEmpty());
        assertEquals(HoldStatus.PENDING, hold().status());
    }

    @Test
    void anotherUsersHoldIsNotFound() {
        assertFails(() -> confirm("u-seojun", PAYMENT_KEY, TOTAL), 404, "NOT_FOUND");

        assertTrue(saga.paymentRuns.isEmpty());
    }

    // --- a second submit ----------------------------------------------------------------------

    @Test
    void secondSubmitOfTheSamePaymentAnswersTheSameBooking() {
        sagaBooks();
        PaymentService.Outcome first = confirm();

        PaymentService.Outcome second = confirm();

        assertEquals(200, second.status());
        assertEquals(first.body(), second.body());
        assertEquals(holdId, second.body().get("bookingId"));
        assertEquals(1, saga.paymentRuns.size(), "the steps ran once");
        assertEquals(1, holds.bookingCount());
        assertEquals(List.of(Metric.DUPLICATE_SUBMIT), metrics.metrics());
    }

    @Test
    void aFirstSubmitAndAnotherPaymentForAUsedHoldAreNoDuplicateSubmits() {
        sagaBooks();
        confirm();

        assertFails(() -> confirm(MINJI, "tgen_other", TOTAL), 409, "ALREADY_PROCESSED");

        assertEquals(List.of(), metrics.metrics());
    }

    @Test
    void aResubmitWhileTheSagaStillWorksIsADuplicateSubmit() {
        confirm();

        assertEquals(202, confirm().status());

        assertEquals(List.of(Metric.DUPLICATE_SUBMIT), metrics.metrics());
    }

    @Test
    void anotherPaymentForABookedHoldIsAlreadyProcessed() {
        sagaBooks();
        confirm();

        assertFails(() -> confirm(MINJI, "tgen_other", TOTAL), 409, "ALREADY_PROCESSED");
        assertEquals(1, saga.paymentRuns.size());
    }

    @Test
    void anotherPaymentWhileTheFirstIsBeingConfirmedIsAlreadyProcessed() {
        confirm();

        assertFails(() -> confirm(MINJI, "tgen_other", TOTAL), 409, "ALREADY_PROCESSED");
        assertEquals(PAYMENT_KEY, hold().paymentKey());
    }

    // --- outcomes of the saga -----------------------------------------------------------------

    @Test
    void cardRejectedIsPaymentRejectedWithTossCode() {
        sagaFails("REJECT_CARD_PAYMENT", "한도초과 혹은 잔액부족으로 결제에 실패했습니다.");

        ApiException e = assertFails(this::confirm, 402, "PAYMENT_REJECTED");

        assertEquals("REJECT_CARD_PAYMENT", e.providerCode());
        assertEquals("한도초과 혹은 잔액부족으로 결제에 실패했습니다.", e.getMessage());
    }

    @Test
    void bookingFailedAfterApprovalIsAConflict() {
        sagaFails(HoldRules.BOOKING_FAILED, "The seat could not be booked.");

        assertFails(this::confirm, 409, HoldRules.BOOKING_FAILED);
    }

    @Test
    void refundStillPendingIsReportedAsBookingFailed() {
        sagaFails(HoldRules.REFUND_PENDING, "cancel failed");

        assertFails(this::confirm, 409, HoldRules.BOOKING_FAILED);
    }

    @Test
    void paymentServiceRefusingOurRequestIsBadGateway() {
        sagaFails(HoldRules.PAYMENT_ERROR, "UNAUTHORIZED_KEY");

        assertFails(this::confirm, 502, HoldRules.PAYMENT_ERROR);
    }

    @Test
    void tossSessionExpiredWhileConfirmingIsHoldExpired() {
        sagaEnds(HoldStatus.EXPIRED, null, null);

        assertFails(this::confirm, 410, "HOLD_EXPIRED");
    }

    // --- the fail redirect --------------------------------------------------------------------

    @Test
    void failRedirectKeepsTheSeatHeldAndRecordsWhy() {
        Map<String, Object> view = payments.fail(principal(MINJI), jsonBody("""
                {"holdId": "%s", "code": "PAY_PROCESS_CANCELED", "message": "사용자가 결제를 취소했습니다"}"""
                .formatted(holdId)));

        assertEquals("PENDING", view.get("status"));
        assertEquals(Map.of("code", "PAY_PROCESS_CANCELED", "message", "사용자가 결제를 취소했습니다"),
                view.get("lastPaymentFailure"));
        assertEquals(HoldStatus.PENDING, hold().status());
        assertEquals(holdId, holds.seatClaim(SCHEDULE, SEAT).orElseThrow().holdId());
        assertEquals("PAY_PROCESS_CANCELED", hold().failureCode());
    }

    @Test
    void paymentAfterAFailedWindowClearsTheFailure() {
        payments.fail(principal(MINJI), jsonBody("""
                {"holdId": "%s", "code": "PAY_PROCESS_CANCELED"}""".formatted(holdId)));
        sagaBooks();

        assertEquals(200, confirm().status());
        assertNull(hold().failureCode());
    }

    @Test
    void failRedirectForAnotherUsersHoldIsNotFound() {
        assertFails(() -> payments.fail(principal("u-seojun"), jsonBody("""
                {"holdId": "%s", "code": "PAY_PROCESS_CANCELED"}""".formatted(holdId))), 404, "NOT_FOUND");
        assertNull(hold().failureCode());
    }
}
