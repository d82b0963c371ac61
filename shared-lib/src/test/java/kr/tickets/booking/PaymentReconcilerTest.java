package kr.tickets.booking;

import static kr.tickets.booking.BookingFixtures.FEE;
import static kr.tickets.booking.BookingFixtures.NOW;
import static kr.tickets.booking.BookingFixtures.SCHEDULE;
import static kr.tickets.booking.BookingFixtures.SEAT;
import static kr.tickets.booking.BookingFixtures.VIP_PRICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kr.tickets.booking.PaymentReconciler.Action;
import kr.tickets.catalog.SeatStatus;
import kr.tickets.common.Ids;
import kr.tickets.common.MutableClock;
import kr.tickets.ops.Metric;
import kr.tickets.ops.RecordingMetrics;
import kr.tickets.payment.TossException;
import kr.tickets.payment.TossPayment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentReconcilerTest {
    private static final long TOTAL = VIP_PRICE + FEE;
    private static final String PAYMENT_KEY = "tgen_20300410110000abcd";
    private static final Duration LOOKBACK = Duration.ofHours(24);
    private static final Duration GRACE = Duration.ofMinutes(3);

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryHoldRepository holds = new InMemoryHoldRepository();
    private final BookingSagaTest.FakeToss toss = new BookingSagaTest.FakeToss();
    private final FakeBookingSagaClient sagas = new FakeBookingSagaClient();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final BookingSaga saga = new BookingSaga(holds, toss, BookingFixtures.catalog(), clock, metrics);
    private final List<String> receipts = new ArrayList<>();
    private final FakeRefundFlowClient refundFlows = new FakeRefundFlowClient();
    private final PaymentReconciler reconciler = new PaymentReconciler(holds, sagas, saga, receipts::add, refundFlows,
            clock, metrics);

    private String holdId;
    private String orderId;

    /** A hold whose payment was handed over; its saga has ended (a test says how far it got). */
    @BeforeEach
    void payingHold() {
        holdId = Ids.newId();
        orderId = BookingFixtures.placeHold(holds, holdId, "u-minji", NOW).orderId();
        holds.startPayment(holds.find(holdId).orElseThrow(), PAYMENT_KEY, clock.instant());
        toss.onGet = () -> {
            throw new TossException(404, "NOT_FOUND_PAYMENT", "없음");
        };
    }

    private TossPayment tossHas(String status, long amount) {
        TossPayment payment = new TossPayment(PAYMENT_KEY, orderId, status, "카드", amount,
                "2030-04-10T11:01:05+09:00", null);
        toss.onGet = () -> payment;
        toss.onGetByOrder = () -> payment;
        toss.onCancel = () -> new TossPayment(PAYMENT_KEY, orderId, "CANCELED", "카드", amount, null, null);
        return payment;
    }

    private PaymentReconciler.Report runAfterGrace() {
        clock.advance(GRACE.plusSeconds(1));
        return reconciler.run(LOOKBACK, GRACE);
    }

    private Hold hold() {
        return holds.find(holdId).orElseThrow();
    }

    @Test
    void paidButNeverBookedIsBookedWhenTheSeatIsStillTheHolds() {
        tossHas("DONE", TOTAL);

        PaymentReconciler.Report report = runAfterGrace();

        assertEquals(1, report.count(Action.BOOKED));
        assertCounted(1, 0);
        assertEquals(List.of(holdId), receipts, "the receipt the saga never sent");
        assertEquals(HoldStatus.CONFIRMED, hold().status());
        assertEquals(SeatStatus.BOOKED, holds.seatClaim(SCHEDULE, SEAT).orElseThrow().status());
        assertTrue(toss.cancelledKeys.isEmpty());
        assertTrue(holds.paymentsToReconcile(NOW.minus(LOOKBACK), clock.instant()).isEmpty());
    }

    @Test
    void aBookingCancelledAndRefundedBeforeTheRunIsSettledNotReported() {
        tossHas("DONE", TOTAL);
        book();
        Booking booked = holds.findBooking(holdId).orElseThrow();
        Booking.Cancellation cancel = Booking.Cancellation.requested(clock.instant(), "u-minji", false, null);
        holds.startRefund(hold(), booked.moved(Booking.Status.REFUND_PENDING, clock.instant(), null, cancel), null);
        Booking pending = holds.findBooking(holdId).orElseThrow();
        holds.saveRefundProgress(pending.withCancellation(cancel.refunded(clock.instant(), TOTAL)));
        holds.completeRefund(hold(), holds.findBooking(holdId).orElseThrow()
                .moved(Booking.Status.CANCELLED, clock.instant(), null, cancel.refunded(clock.instant(), TOTAL)));
        tossHas("CANCELED", TOTAL);

        PaymentReconciler.Report report = runAfterGrace();

        assertEquals(1, report.count(Action.SETTLED));
        assertCounted(0, 0);
        assertEquals(0, report.count(Action.REPORTED));
        assertTrue(listed().isEmpty());
    }

    @Test
    void aCancelledBookingWhoseMoneyTossStillHoldsIsReported() {
        tossHas("DONE", TOTAL);
        book();
        Booking booked = holds.findBooking(holdId).orElseThrow();
        Booking.Cancellation cancel = Booking.Cancellation.requested(clock.instant(), "u-minji", false, null);
        holds.startRefund(hold(), booked.moved(Booking.Status.REFUND_PENDING, clock.instant(), null, cancel), null);
        holds.completeRefund(hold(), holds.findBooking(holdId).orElseThrow()
                .moved(Booking.Status.CANCELLED, clock.instant(), null, cancel));

        assertEquals(1, runAfterGrace().count(Action.REPORTED));
        assertCounted(0, 1);
        assertTrue(toss.cancelledKeys.isEmpty(), "reported, never refunded from here");
    }

    @Test
    void aBookingWhoseRefundFlowRunsIsLeftToItAndOneThatDoesNotRunIsStarted() {
        tossHas("DONE", TOTAL);
        book();
        runAfterGrace();
        Booking booked = holds.findBooking(holdId).orElseThrow();
        holds.startRefund(hold(), booked.moved(Booking.Status.REFUND_PENDING, clock.instant(), null,
                Booking.Cancellation.requested(clock.instant(), "u-minji", false, null)), null);
        refundFlows.running.add(holdId);

        assertEquals(1, runAfterGrace().count(Action.SKIPPED), "the cancel put the hold back in the index");
        assertCounted(0, 0);
        assertEquals(List.of(), refundFlows.started);

        refundFlows.running.clear();
        assertEquals(1, runAfterGrace().count(Action.REFUND_STARTED));
        assertCounted(1, 0);
        assertEquals(List.of(holdId), refundFlows.started);
        assertTrue(toss.cancelledKeys.isEmpty(), "the refund is the flow's, never reconciliation's");
        assertEquals(1, listed().size(), "kept until the booking is CANCELLED");
    }

    @Test
    void aRefundFlowThatEndedWithoutCancellingIsReported() {
        tossHas("DONE", TOTAL);
        book();
        Booking booked = holds.findBooking(holdId).orElseThrow();
        Booking.Cancellation cancel = Booking.Cancellation.requested(clock.instant(), "u-minji", false, null);
        holds.startRefund(hold(), booked.moved(Booking.Status.REFUND_PENDING, clock.instant(), null, cancel), null);
        holds.saveRefundProgress(holds.findBooking(holdId).orElseThrow().withCancellation(cancel.gaveUp()));

        assertEquals(1, runAfterGrace().count(Action.REPORTED));
        assertEquals(List.of(), refundFlows.started);
    }

    /** The saga's happy end: Toss approved and the booking written. */
    private void book() {
        toss.onConfirm = toss.onGet;
        assertEquals("APPROVED", saga.confirmPayment(holdId, 0).get("outcome"));
        assertEquals("CONFIRMED", saga.confirmBooking(holdId).get("outcome"));
    }

    @Test
    void aReceiptQueueThatFailsDoesNotUndoTheBooking() {
        tossHas("DONE", TOTAL);
        PaymentReconciler failing = new PaymentReconciler(holds, sagas, saga, bookingId -> {
            throw new IllegalStateException("SQS down");
        }, refundFlows, clock, metrics);
        clock.advance(GRACE.plusSeconds(1));

        assertEquals(1, failing.run(LOOKBACK, GRACE).count(Action.BOOKED));
        assertEquals(HoldStatus.CONFIRMED, hold().status());
    }

    @Test
    void paidAfterTheHoldEndedIsRefunded() {
        tossHas("DONE", TOTAL);
        saga.release(holdId, HoldStatus.FAILED, HoldRules.REFUND_PENDING, "cancel failed");

        PaymentReconciler.Report report = runAfterGrace();

        assertEquals(1, report.count(Action.REFUNDED));
        assertCounted(1, 0);
        assertEquals(List.of(PAYMENT_KEY), toss.cancelledKeys);
        assertEquals(List.of("reconcile-cancel-" + holdId), toss.cancelIdempotencyKeys);
        assertTrue(listed().isEmpty(), "settled: out of the index");
    }

    @Test
    void paidButTheSeatWentToAnotherHoldIsRefundedAndReleased() {
        tossHas("DONE", TOTAL);
        holds.seatItemDeletedByTtl(SCHEDULE, SEAT);
        String other = Ids.newId();
        BookingFixtures.placeHold(holds, other, "u-seojun", clock.instant());

        PaymentReconciler.Report report = runAfterGrace();

        assertEquals(1, report.count(Action.REFUNDED));
        assertEquals(List.of(PAYMENT_KEY), toss.cancelledKeys);
        assertEquals(HoldStatus.FAILED, hold().status());
        assertEquals(HoldRules.BOOKING_FAILED, hold().failureCode());
        assertEquals(other, holds.seatClaim(SCHEDULE, SEAT).orElseThrow().holdId());
        assertEquals(0, holds.bookingCount());
    }

    @Test
    void bookedAndPaidIsSettledAndLeavesTheIndex() {
        tossHas("DONE", TOTAL);
        toss.onConfirm = () -> toss.onGet.get();
        saga.confirmPayment(holdId, 1);
        saga.confirmBooking(holdId);

        assertEquals(1, runAfterGrace().count(Action.SETTLED));
        assertTrue(listed().isEmpty());
        assertTrue(toss.cancelledKeys.isEmpty());
    }

    @Test
    void endedWithoutAPaymentIsSettledWithoutARefund() {
        saga.release(holdId, HoldStatus.FAILED, "REJECT_CARD_PAYMENT", "declined");

        assertEquals(1, runAfterGrace().count(Action.SETTLED));
        assertTrue(listed().isEmpty());
        assertTrue(toss.cancelledKeys.isEmpty());
    }

    private List<Hold> listed() {
        return holds.paymentsToReconcile(NOW.minus(LOOKBACK), clock.instant());
    }

    @Test
    void payingWithoutACapturedPaymentIsReleased() {
        PaymentReconciler.Report report = runAfterGrace();

        assertEquals(1, report.count(Action.RELEASED));
        assertCounted(1, 0);
        assertTrue(listed().isEmpty());
        assertEquals(HoldStatus.FAILED, hold().status());
        assertEquals(HoldRules.PAYMENT_NOT_COMPLETED, hold().failureCode());
        assertTrue(holds.seatClaim(SCHEDULE, SEAT).isEmpty());
        assertEquals(List.of(orderId), toss.lookedUpOrders, "only Toss's answer says nothing was charged");
    }

    @Test
    void aHoldWhoseSagaStillRunsIsLeftToIt() {
        tossHas("DONE", TOTAL);
        sagas.running.add(holdId);

        assertEquals(1, runAfterGrace().count(Action.SKIPPED));
        assertCounted(0, 0);
        assertEquals(HoldStatus.PAYING, hold().status());
        assertTrue(toss.lookedUp.isEmpty() && toss.lookedUpOrders.isEmpty());
    }

    @Test
    void aHoldWithinTheGraceIsNotLookedAt() {
        assertEquals(0, reconciler.run(LOOKBACK, GRACE).actions().size());
        assertEquals(HoldStatus.PAYING, hold().status());
    }

    @Test
    void bookedButNotPaidAtTossIsReportedAndNeverCancelled() {
        tossHas("DONE", TOTAL);
        toss.onConfirm = () -> toss.onGet.get();
        saga.confirmPayment(holdId, 1);
        saga.confirmBooking(holdId);
        tossHas("CANCELED", TOTAL);

        PaymentReconciler.Report report = runAfterGrace();

        assertEquals(1, report.count(Action.REPORTED));
        assertCounted(0, 1);
        assertEquals(HoldStatus.CONFIRMED, hold().status());
        assertTrue(toss.cancelledKeys.isEmpty());
        assertEquals(1, holds.paymentsToReconcile(NOW.minus(LOOKBACK), clock.instant()).size(), "reported again");
    }

    @Test
    void aSecondRunChangesNothing() {
        tossHas("DONE", TOTAL);
        runAfterGrace();

        PaymentReconciler.Report again = reconciler.run(LOOKBACK, GRACE);

        assertEquals(0, again.actions().size());
        assertEquals(1, holds.bookingCount());
        assertTrue(toss.cancelledKeys.isEmpty());
    }

    @Test
    void anotherAmountCapturedForTheOrderIsReported() {
        tossHas("DONE", TOTAL + 5_000);

        assertEquals(1, runAfterGrace().count(Action.REPORTED));
        assertEquals(HoldStatus.PAYING, hold().status());
        assertTrue(toss.cancelledKeys.isEmpty());
    }

    @Test
    void tossNotAnsweringIsAFailureForTheNextRun() {
        toss.onGetByOrder = () -> {
            throw new TossException(0, "TIMEOUT", "no answer");
        };

        assertEquals(1, runAfterGrace().count(Action.FAILED));
        assertCounted(0, 0);
        assertEquals(HoldStatus.PAYING, hold().status(), "no answer is no proof that nothing was charged");
    }

    /** The run's repairs and reports as metrics, so far in this test. */
    private void assertCounted(int repairs, int reports) {
        assertEquals(repairs, metrics.total(Metric.RECONCILIATION_REPAIR), "repairs");
        assertEquals(reports, metrics.total(Metric.RECONCILIATION_REPORTED), "reports");
    }
}
