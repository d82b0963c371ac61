package kr.tickets.booking;

import static kr.tickets.booking.BookingFixtures.FEE;
import static kr.tickets.booking.BookingFixtures.NOW;
import static kr.tickets.booking.BookingFixtures.OTHER_SEAT;
import static kr.tickets.booking.BookingFixtures.SCHEDULE;
import static kr.tickets.booking.BookingFixtures.SEAT;
import static kr.tickets.booking.BookingFixtures.VIP_PRICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import kr.tickets.catalog.SeatStatus;
import kr.tickets.common.Ids;
import kr.tickets.common.MutableClock;
import kr.tickets.ops.Metric;
import kr.tickets.ops.RecordingMetrics;
import kr.tickets.payment.TossException;
import kr.tickets.payment.TossPayment;
import kr.tickets.payment.TossPaymentsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BookingSagaTest {
    private static final long TOTAL = VIP_PRICE + FEE;
    private static final String PAYMENT_KEY = "tgen_20300410110000abcd";

    /** Toss in memory: answers what a test says and records every call. */
    static final class FakeToss extends TossPaymentsClient {
        final List<String> confirmCalls = new ArrayList<>();
        final List<String> confirmIdempotencyKeys = new ArrayList<>();
        final List<String> lookedUp = new ArrayList<>();
        final List<String> lookedUpOrders = new ArrayList<>();
        final List<String> cancelledKeys = new ArrayList<>();
        final List<String> cancelIdempotencyKeys = new ArrayList<>();
        final List<String> cancelReasons = new ArrayList<>();
        Supplier<TossPayment> onConfirm;
        Supplier<TossPayment> onGet;
        /** Toss's payment of an order; null stands for Toss's NOT_FOUND_PAYMENT. */
        Supplier<TossPayment> onGetByOrder = () -> null;
        Supplier<TossPayment> onCancel;

        FakeToss() {
            // Builds an HTTP client but sends nothing until a call; every call is overridden.
            super("http://toss.invalid", "test_sk_fake", Duration.ofSeconds(1), Duration.ofSeconds(1));
        }

        @Override
        public TossPayment confirm(String paymentKey, String orderId, long amount, String idempotencyKey) {
            confirmCalls.add(paymentKey + " " + orderId + " " + amount);
            confirmIdempotencyKeys.add(idempotencyKey);
            return onConfirm.get();
        }

        @Override
        public TossPayment get(String paymentKey) {
            lookedUp.add(paymentKey);
            return onGet.get();
        }

        @Override
        public Optional<TossPayment> getByOrderId(String orderId) {
            lookedUpOrders.add(orderId);
            return Optional.ofNullable(onGetByOrder.get());
        }

        @Override
        public TossPayment cancel(String paymentKey, String reason, String idempotencyKey) {
            cancelIdempotencyKeys.add(idempotencyKey);
            cancelReasons.add(reason);
            cancelledKeys.add(paymentKey);
            return onCancel.get();
        }
    }

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryHoldRepository holds = new InMemoryHoldRepository();
    private final FakeToss toss = new FakeToss();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final BookingSaga saga = new BookingSaga(holds, toss, BookingFixtures.catalog(), clock, metrics);

    private String holdId;
    private String orderId;

    /** A hold whose payment the user handed over a minute after holding the seat: PAYING. */
    @BeforeEach
    void payingHold() {
        holdId = Ids.newId();
        Hold hold = BookingFixtures.placeHold(holds, holdId, "u-minji", NOW);
        orderId = hold.orderId();
        holds.saveCheckout(hold, "EASY_PAY", null, hold.price());
        clock.advance(Duration.ofMinutes(1));
        holds.startPayment(holds.find(holdId).orElseThrow(), PAYMENT_KEY, clock.instant());
    }

    private TossPayment done(long amount) {
        return new TossPayment(PAYMENT_KEY, orderId, "DONE", "간편결제", amount, "2030-04-10T11:01:05+09:00",
                "https://dashboard.tosspayments.com/receipt/abc");
    }

    private static Supplier<TossPayment> fails(int status, String code) {
        return () -> {
            throw new TossException(status, code, "Toss says " + code);
        };
    }

    private Hold hold() {
        return holds.find(holdId).orElseThrow();
    }

    private static String outcome(Map<String, Object> answer) {
        return (String) answer.get("outcome");
    }

    @Test
    void anAnswerNeverCarriesNullsForTheStateMachineToCompare() {
        assertEquals(Map.of("outcome", "REJECTED", "code", "", "message", ""), BookingSaga.answer("REJECTED", null, null));
        assertEquals(Map.of("outcome", "REJECTED", "code", "C", "message", "M"), BookingSaga.answer("REJECTED", "C", "M"));
    }

    @Test
    void aHoldPaidWithoutAChosenMethodIsRecordedAsCard() {
        Hold unchosen = BookingFixtures.placeHold(holds, Ids.newId(), "u-seojun", OTHER_SEAT, NOW);

        assertEquals("CARD", saga.approval(unchosen, done(TOTAL)).method());
        assertEquals("EASY_PAY", saga.approval(hold(), done(TOTAL)).method());
    }

    // --- confirmPayment -----------------------------------------------------------------------

    @Test
    void approvedPaymentIsStoredOnTheHold() {
        toss.onConfirm = () -> done(TOTAL);

        assertEquals("APPROVED", outcome(saga.confirmPayment(holdId, 1)));

        assertEquals(List.of(PAYMENT_KEY + " " + orderId + " " + TOTAL), toss.confirmCalls);
        Booking.PaymentInfo payment = holds.approvedPayment(holdId).orElseThrow();
        assertEquals("EASY_PAY", payment.method());
        assertEquals("간편결제", payment.methodLabel());
        assertEquals(PAYMENT_KEY, payment.paymentKey());
        assertEquals(Instant.parse("2030-04-10T02:01:05Z"), payment.approvedAt());
        assertEquals("https://dashboard.tosspayments.com/receipt/abc", payment.receiptUrl());
    }

    @Test
    void rejectedCardIsRejectedWithTossCode() {
        toss.onConfirm = fails(400, "REJECT_CARD_PAYMENT");

        Map<String, Object> answer = saga.confirmPayment(holdId, 1);

        assertEquals("REJECTED", outcome(answer));
        assertEquals("REJECT_CARD_PAYMENT", answer.get("code"));
        assertTrue(holds.approvedPayment(holdId).isEmpty());
    }

    @Test
    void providerErrorIsRetried() {
        toss.onConfirm = fails(500, "PROVIDER_ERROR");

        assertThrows(RetryableStepException.class, () -> saga.confirmPayment(holdId, 1));
        assertTrue(holds.approvedPayment(holdId).isEmpty());
    }

    @Test
    void expiredTossSessionEndsAsExpired() {
        toss.onConfirm = fails(404, "NOT_FOUND_PAYMENT_SESSION");

        Map<String, Object> answer = saga.confirmPayment(holdId, 1);

        assertEquals("EXPIRED", outcome(answer));
        assertEquals("NOT_FOUND_PAYMENT_SESSION", answer.get("code"));
    }

    @Test
    void alreadyProcessedPaymentIsLookedUpAndApprovedWhenDoneWithTheRightAmount() {
        toss.onConfirm = fails(400, "ALREADY_PROCESSED_PAYMENT");
        toss.onGet = () -> done(TOTAL);

        assertEquals("APPROVED", outcome(saga.confirmPayment(holdId, 2)));

        assertEquals(List.of(PAYMENT_KEY), toss.lookedUp);
        assertEquals("간편결제", holds.approvedPayment(holdId).orElseThrow().methodLabel());
    }

    @Test
    void alreadyProcessedKeyOfAnotherOrderIsRefusedAndNeverCancelled() {
        toss.onConfirm = fails(400, "ALREADY_PROCESSED_PAYMENT");
        toss.onGet = () -> new TossPayment(PAYMENT_KEY, "T-someone-else", "DONE", "카드", 99_000, null, null);

        Map<String, Object> answer = saga.confirmPayment(holdId, 1);

        assertEquals("REJECTED", outcome(answer));
        assertEquals(HoldRules.PAYMENT_KEY_USED, answer.get("code"));
        assertTrue(holds.approvedPayment(holdId).isEmpty());
        assertTrue(toss.cancelIdempotencyKeys.isEmpty());
    }

    @Test
    void alreadyProcessedPaymentThatWasCancelledIsAMismatch() {
        toss.onConfirm = fails(400, "ALREADY_PROCESSED_PAYMENT");
        toss.onGet = () -> new TossPayment(PAYMENT_KEY, orderId, "CANCELED", "간편결제", TOTAL, null, null);

        assertEquals("MISMATCH", outcome(saga.confirmPayment(holdId, 2)));
        assertTrue(holds.approvedPayment(holdId).isEmpty());
    }

    @Test
    void approvalOfAnotherAmountIsAMismatchAndNotStored() {
        toss.onConfirm = () -> done(TOTAL - 1_000);

        Map<String, Object> answer = saga.confirmPayment(holdId, 1);

        assertEquals("MISMATCH", outcome(answer));
        assertEquals("AMOUNT_MISMATCH", answer.get("code"));
        assertTrue(holds.approvedPayment(holdId).isEmpty());
    }

    @Test
    void wrongSecretKeyFailsWithPaymentError() {
        toss.onConfirm = fails(401, "UNAUTHORIZED_KEY");

        Map<String, Object> answer = saga.confirmPayment(holdId, 1);

        assertEquals("FAILED", outcome(answer));
        assertEquals(HoldRules.PAYMENT_ERROR, answer.get("code"));
        assertTrue(holds.approvedPayment(holdId).isEmpty());
    }

    @Test
    void eachConfirmAttemptSendsItsOwnIdempotencyKey() {
        toss.onConfirm = fails(500, "PROVIDER_ERROR");
        assertThrows(RetryableStepException.class, () -> saga.confirmPayment(holdId, 1));
        toss.onConfirm = () -> done(TOTAL);
        saga.confirmPayment(holdId, 2);

        assertEquals(List.of("confirm-" + holdId + "-1", "confirm-" + holdId + "-2"), toss.confirmIdempotencyKeys);
    }

    @Test
    void confirmOfAHoldNoLongerPayingDoesNotAskToss() {
        saga.release(holdId, HoldStatus.EXPIRED, "", "");

        assertEquals("NOT_PAYING", outcome(saga.confirmPayment(holdId, 1)));
        assertTrue(toss.confirmCalls.isEmpty());
    }

    // --- confirmBooking -----------------------------------------------------------------------

    private void approve() {
        toss.onConfirm = () -> done(TOTAL);
        assertEquals("APPROVED", outcome(saga.confirmPayment(holdId, 1)));
    }

    @Test
    void aBookingNumberAlreadyTakenIsDrawnAgainNotFailed() {
        approve();
        Booking other = holds.findBooking(holdId).orElse(null);
        String taken = HoldRules.bookingNumber(holdId, clock.instant(), 0);
        holds.putBooking(new Booking("other-booking", taken, "user-9", "남", "n@example.com", "other-booking",
                SCHEDULE, "perf-1", "레미제라블", null, "블루스퀘어", clock.instant(), "x", "x", "VIP",
                new PriceBreakdown(1, 0, 0), null, Booking.Status.CONFIRMED, clock.instant()));

        assertEquals("CONFIRMED", outcome(saga.confirmBooking(holdId)));

        assertNull(other);
        assertEquals(HoldRules.bookingNumber(holdId, clock.instant(), 1),
                holds.findBooking(holdId).orElseThrow().bookingNumber());
    }

    @Test
    void whenEveryNumberItMayDrawIsTakenTheBookingFailsAndIsRefunded() {
        approve();
        for (int attempt = 0; attempt <= 4; attempt++) {
            String taken = HoldRules.bookingNumber(holdId, clock.instant(), attempt);
            holds.putBooking(new Booking("other-" + attempt, taken, "user-9", "남", "n@example.com", "other-" + attempt,
                    SCHEDULE, "perf-1", "레미제라블", null, "블루스퀘어", clock.instant(), "x", "x", "VIP",
                    new PriceBreakdown(1, 0, 0), null, Booking.Status.CONFIRMED, clock.instant()));
        }

        Map<String, Object> answer = saga.confirmBooking(holdId);

        assertEquals("CONFLICT", outcome(answer));
        assertEquals("BOOKING_FAILED", answer.get("code"));
        assertTrue(holds.findBooking(holdId).isEmpty());
    }

    @Test
    void confirmBookingBooksTheSeatAndWritesTheBooking() {
        approve();

        assertEquals("CONFIRMED", outcome(saga.confirmBooking(holdId)));

        Booking booking = holds.findBooking(holdId).orElseThrow();
        assertEquals(HoldRules.bookingNumber(holdId, clock.instant(), 0), booking.bookingNumber());
        assertEquals("레미제라블", booking.performanceTitle());
        assertEquals("블루스퀘어", booking.venueName());
        assertEquals(SEAT, booking.seatId());
        assertEquals(TOTAL, booking.price().total());
        assertEquals(PAYMENT_KEY, booking.payment().paymentKey());
        assertEquals(Booking.Status.CONFIRMED, booking.status());
        assertEquals(HoldStatus.CONFIRMED, hold().status());
        assertEquals(SeatStatus.BOOKED, holds.seatClaim(SCHEDULE, SEAT).orElseThrow().status());
        assertEquals(1, holds.bookedSeats(SCHEDULE));
        assertEquals(0, holds.heldSeats(SCHEDULE));
    }

    @Test
    void confirmBookingTwiceWritesOneBooking() {
        approve();
        saga.confirmBooking(holdId);
        clock.advance(Duration.ofSeconds(5));

        assertEquals("CONFIRMED", outcome(saga.confirmBooking(holdId)));
        assertEquals(1, holds.bookingCount());
        assertEquals(1, holds.bookedSeats(SCHEDULE));
    }

    @Test
    void confirmBookingWhenTheSeatWasTakenIsAConflict() {
        approve();
        // The seat item vanished (TTL) and another user held the seat meanwhile.
        holds.seatItemDeletedByTtl(SCHEDULE, SEAT);
        String other = Ids.newId();
        BookingFixtures.placeHold(holds, other, "u-seojun", clock.instant());

        Map<String, Object> answer = saga.confirmBooking(holdId);

        assertEquals("CONFLICT", outcome(answer));
        assertEquals(HoldRules.BOOKING_FAILED, answer.get("code"));
        assertEquals(0, holds.bookingCount());
        assertEquals(HoldStatus.PAYING, hold().status(), "the payment must still be cancelled");
        assertEquals(other, holds.seatClaim(SCHEDULE, SEAT).orElseThrow().holdId());
    }

    @Test
    void confirmBookingWithoutAnApprovedPaymentIsAConflict() {
        Map<String, Object> answer = saga.confirmBooking(holdId);

        assertEquals("CONFLICT", outcome(answer));
        assertEquals("NOT_PAYING", answer.get("code"));
        assertEquals(0, holds.bookingCount());
    }

    // --- cancelPayment ------------------------------------------------------------------------

    private TossPayment payment(String key, String order, String status, long amount) {
        return new TossPayment(key, order, status, "카드", amount, null, null);
    }

    @Test
    void compensationCancelsWhatTossRecordsAsThisOrdersPayment() {
        toss.onGet = () -> done(TOTAL);
        toss.onCancel = () -> payment(PAYMENT_KEY, orderId, "CANCELED", TOTAL);

        assertEquals("CANCELLED", outcome(saga.cancelPayment(holdId, "booking failed", 2)));

        assertEquals(List.of(PAYMENT_KEY), toss.cancelledKeys);
        assertEquals(List.of("cancel-" + holdId + "-2"), toss.cancelIdempotencyKeys);
    }

    @Test
    void compensationNeverCancelsAKeyOfAnotherOrder() {
        toss.onGet = () -> payment(PAYMENT_KEY, "T-someone-else", "DONE", TOTAL);

        assertEquals("NOTHING_TO_CANCEL", outcome(saga.cancelPayment(holdId, "booking failed", 1)));

        assertEquals(List.of(orderId), toss.lookedUpOrders, "the order is looked up instead");
        assertTrue(toss.cancelledKeys.isEmpty());
    }

    @Test
    void compensationWithoutAKeyOnRecordLooksTheOrderUpAndCancelsItsPayment() {
        String unpaid = Ids.newId();
        Hold other = BookingFixtures.placeHold(holds, unpaid, "u-seojun", OTHER_SEAT, clock.instant());
        toss.onGetByOrder = () -> payment("tgen_found", other.orderId(), "DONE", other.price().total());
        toss.onCancel = () -> payment("tgen_found", other.orderId(), "CANCELED", other.price().total());

        assertEquals("CANCELLED", outcome(saga.cancelPayment(unpaid, "timeout", 1)));

        assertEquals(List.of(other.orderId()), toss.lookedUpOrders);
        assertEquals(List.of("tgen_found"), toss.cancelledKeys);
    }

    @Test
    void nothingToCancelOnlyWhenTossSaysItHasNoPaymentForTheOrder() {
        String unpaid = Ids.newId();
        BookingFixtures.placeHold(holds, unpaid, "u-seojun", OTHER_SEAT, clock.instant());

        assertEquals("NOTHING_TO_CANCEL", outcome(saga.cancelPayment(unpaid, "timeout", 1)));
        assertEquals(1, toss.lookedUpOrders.size());
        assertTrue(toss.cancelIdempotencyKeys.isEmpty());

        toss.onGetByOrder = () -> {
            throw new TossException(0, "TIMEOUT", "no answer");
        };
        assertThrows(RetryableStepException.class, () -> saga.cancelPayment(unpaid, "timeout", 2),
                "no answer from Toss is no proof that nothing was charged");
    }

    @Test
    void paymentTossNeverCapturedIsNotCancelled() {
        toss.onGet = () -> payment(PAYMENT_KEY, orderId, "ABORTED", TOTAL);

        assertEquals("NOTHING_TO_CANCEL", outcome(saga.cancelPayment(holdId, "booking failed", 1)));
        assertTrue(toss.cancelledKeys.isEmpty());
    }

    @Test
    void paymentAlreadyCancelledAtTossCountsAsCancelledWithoutAnotherCancel() {
        toss.onGet = () -> payment(PAYMENT_KEY, orderId, "CANCELED", TOTAL);

        assertEquals("CANCELLED", outcome(saga.cancelPayment(holdId, "booking failed", 1)));
        assertTrue(toss.cancelledKeys.isEmpty());
    }

    @Test
    void captureOfAnotherAmountIsForAnOperator() {
        toss.onGet = () -> done(TOTAL + 1_000);

        assertThrows(PaymentNeedsOperatorException.class, () -> saga.cancelPayment(holdId, "booking failed", 1));
        assertTrue(toss.cancelledKeys.isEmpty());
    }

    @Test
    void cancelThatFailsForNowIsRetried() {
        toss.onGet = () -> done(TOTAL);
        toss.onCancel = fails(0, "NETWORK_ERROR");

        assertThrows(RetryableStepException.class, () -> saga.cancelPayment(holdId, "booking failed", 1));
    }

    @Test
    void lookupThatFailsForNowIsRetried() {
        toss.onGet = fails(500, "FAILED_INTERNAL_SYSTEM_PROCESSING");

        assertThrows(RetryableStepException.class, () -> saga.cancelPayment(holdId, "booking failed", 1));
        assertTrue(toss.cancelledKeys.isEmpty());
    }

    @Test
    void cancelOfAnAlreadyCancelledPaymentCountsAsCancelled() {
        toss.onGet = () -> done(TOTAL);
        toss.onCancel = fails(400, "ALREADY_CANCELED_PAYMENT");

        assertEquals("CANCELLED", outcome(saga.cancelPayment(holdId, "booking failed", 2)));
    }

    @Test
    void cancelThatTossRefusesIsForAnOperator() {
        toss.onGet = () -> done(TOTAL);
        toss.onCancel = fails(403, "NOT_CANCELABLE_PAYMENT");

        assertThrows(PaymentNeedsOperatorException.class, () -> saga.cancelPayment(holdId, "booking failed", 1));
    }

    @Test
    void compensationOfABookedHoldRefundsNothing() {
        approve();
        saga.confirmBooking(holdId);

        assertEquals("BOOKED", outcome(saga.cancelPayment(holdId, "booking failed", 1)));
        assertTrue(toss.lookedUp.isEmpty());
        assertTrue(toss.cancelledKeys.isEmpty());
    }

    // --- expire -------------------------------------------------------------------------------

    @Test
    void expiryReleasesAPendingHold() {
        String pending = Ids.newId();
        BookingFixtures.placeHold(holds, pending, "u-seojun", OTHER_SEAT, clock.instant());

        assertEquals("EXPIRED", outcome(saga.expire(pending)));

        assertEquals(HoldStatus.EXPIRED, holds.find(pending).orElseThrow().status());
        assertTrue(holds.seatClaim(SCHEDULE, OTHER_SEAT).isEmpty());
    }

    @Test
    void expiryOfAHoldWithAPaymentStartedKeepsItAndHandsItToThePaymentSteps() {
        assertThrows(PaymentStartedException.class, () -> saga.expire(holdId));

        assertEquals(HoldStatus.PAYING, hold().status());
        assertEquals(holdId, holds.seatClaim(SCHEDULE, SEAT).orElseThrow().holdId());
    }

    @Test
    void expiryOfAnEndedHoldChangesNothing() {
        saga.release(holdId, HoldStatus.FAILED, "REJECT_CARD_PAYMENT", "");

        assertEquals("ENDED", outcome(saga.expire(holdId)));
        assertEquals(HoldStatus.FAILED, hold().status());
    }

    @Test
    void expiryOfAHoldThatIsGoneEnds() {
        assertEquals("ENDED", outcome(saga.expire("no-such-hold")));
    }

    // --- release and the wait -----------------------------------------------------------------

    @Test
    void releaseEndsTheHoldOnceAndFreesTheSeat() {
        Map<String, Object> first = saga.release(holdId, HoldStatus.FAILED, "REJECT_CARD_PAYMENT", "한도 초과");

        assertEquals("FAILED", outcome(first));
        assertTrue(holds.seatClaim(SCHEDULE, SEAT).isEmpty());
        assertEquals("REJECT_CARD_PAYMENT", hold().failureCode());
        assertEquals("한도 초과", hold().failureMessage());

        assertEquals("ALREADY_ENDED", outcome(saga.release(holdId, HoldStatus.EXPIRED, "", "")));
        assertEquals(HoldStatus.FAILED, hold().status());
    }

    @Test
    void releaseWithABlankCodeRecordsNoFailure() {
        assertEquals("EXPIRED", outcome(saga.release(holdId, HoldStatus.EXPIRED, " ", "")));
        assertNull(hold().failureCode());
    }

    @Test
    void releaseAnswersTheCodeAndMessageTheHoldEndedWith() {
        Map<String, Object> answer = saga.release(holdId, HoldStatus.FAILED, "REJECT_CARD_PAYMENT", "한도 초과");

        assertEquals(Map.of("outcome", "FAILED", "code", "REJECT_CARD_PAYMENT", "message", "한도 초과"), answer);
        assertEquals(Map.of("outcome", "ALREADY_ENDED", "code", "", "message", ""),
                saga.release(holdId, HoldStatus.FAILED, HoldRules.PAYMENT_ERROR, "again"), "an ended hold keeps its end");
    }

    // --- metrics ------------------------------------------------------------------------------

    @Test
    void anApprovalIsCountedOnceEvenWhenTheStepIsRetried() {
        approve();
        toss.onConfirm = fails(400, "ALREADY_PROCESSED_PAYMENT");
        toss.onGet = () -> done(TOTAL);

        assertEquals("APPROVED", outcome(saga.confirmPayment(holdId, 2)));

        assertEquals(List.of(Metric.PAYMENT_APPROVED), metrics.metrics());
    }

    @Test
    void confirmOutcomesOtherThanApprovalAreCountedWhenTheHoldIsReleased() {
        toss.onConfirm = fails(400, "REJECT_CARD_PAYMENT");
        saga.confirmPayment(holdId, 1);
        toss.onConfirm = fails(404, "NOT_FOUND_PAYMENT_SESSION");
        saga.confirmPayment(holdId, 1);
        toss.onConfirm = fails(401, "UNAUTHORIZED_KEY");
        saga.confirmPayment(holdId, 1);
        toss.onConfirm = fails(500, "PROVIDER_ERROR");
        assertThrows(RetryableStepException.class, () -> saga.confirmPayment(holdId, 1));

        assertEquals(List.of(), metrics.metrics());
    }

    @Test
    void aDeclinedPaymentIsCountedOnceWhenTheSagaReleasesItsHold() {
        saga.release(holdId, HoldStatus.FAILED, "REJECT_CARD_PAYMENT", "한도 초과");
        saga.release(holdId, HoldStatus.FAILED, "REJECT_CARD_PAYMENT", "한도 초과");

        assertEquals(List.of(Metric.PAYMENT_DECLINED), metrics.metrics());
    }

    /** A paymentKey of another order, and Toss's payment session expiring, are declines too. */
    @ParameterizedTest
    @CsvSource({"FAILED, " + HoldRules.PAYMENT_KEY_USED, "EXPIRED, ''"})
    void otherEndsOfTheBuyersPaymentAreDeclines(HoldStatus status, String code) {
        saga.release(holdId, status, code, "");

        assertEquals(List.of(Metric.PAYMENT_DECLINED), metrics.metrics());
    }

    @Test
    void aTossErrorIsCountedAsErroredWhenTheSagaReleasesItsHold() {
        saga.release(holdId, HoldStatus.FAILED, HoldRules.PAYMENT_ERROR, "Toss has no payment for this order");

        assertEquals(List.of(Metric.PAYMENT_ERRORED), metrics.metrics());
    }

    @Test
    void holdsEndedForAnotherReasonAreNoPaymentFailure() {
        for (String code : List.of(HoldRules.BOOKING_FAILED, HoldRules.REFUND_PENDING, HoldRules.PAYMENT_NOT_COMPLETED,
                "")) {
            String other = Ids.newId();
            BookingFixtures.placeHold(holds, other, "u-" + other, OTHER_SEAT, clock.instant());
            assertEquals("FAILED", outcome(saga.release(other, HoldStatus.FAILED, code, "")));
        }

        assertEquals(List.of(), metrics.metrics());
    }

    @Test
    void aBookingIsCountedOnceWhenItIsWritten() {
        approve();
        saga.confirmBooking(holdId);
        saga.confirmBooking(holdId);

        assertEquals(List.of(Metric.PAYMENT_APPROVED, Metric.BOOKING_CONFIRMED), metrics.metrics());
    }

    @Test
    void aBookingThatCouldNotBeWrittenIsNotCounted() {
        approve();
        holds.seatItemDeletedByTtl(SCHEDULE, SEAT);
        BookingFixtures.placeHold(holds, Ids.newId(), "u-seojun", clock.instant());

        assertEquals("CONFLICT", outcome(saga.confirmBooking(holdId)));

        assertEquals(List.of(Metric.PAYMENT_APPROVED), metrics.metrics());
    }

    @Test
    void aCompensationIsCountedOnlyWhenTossCancelsThePaymentNow() {
        toss.onGet = () -> done(TOTAL);
        toss.onCancel = () -> payment(PAYMENT_KEY, orderId, "CANCELED", TOTAL);
        saga.cancelPayment(holdId, "booking failed", 1);
        assertEquals(List.of(Metric.COMPENSATION), metrics.metrics());

        toss.onCancel = fails(400, "ALREADY_CANCELED_PAYMENT");
        saga.cancelPayment(holdId, "booking failed", 2);
        toss.onGet = () -> payment(PAYMENT_KEY, orderId, "CANCELED", TOTAL);
        saga.cancelPayment(holdId, "booking failed", 3);
        toss.onGet = () -> done(TOTAL);
        toss.onCancel = fails(403, "NOT_CANCELABLE_PAYMENT");
        assertThrows(PaymentNeedsOperatorException.class, () -> saga.cancelPayment(holdId, "booking failed", 4));

        assertEquals(List.of(Metric.COMPENSATION), metrics.metrics());
    }

    @Test
    void anExpiryIsCountedOnlyWhenTheTimeoutReleasesAPendingHold() {
        String pending = Ids.newId();
        BookingFixtures.placeHold(holds, pending, "u-seojun", OTHER_SEAT, clock.instant());

        saga.expire(pending);
        saga.expire(pending);
        assertThrows(PaymentStartedException.class, () -> saga.expire(holdId));

        assertEquals(List.of(Metric.HOLD_EXPIRED), metrics.metrics());
    }
}
