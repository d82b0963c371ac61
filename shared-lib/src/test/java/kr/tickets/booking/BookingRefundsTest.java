package kr.tickets.booking;

import static kr.tickets.booking.BookingFixtures.NOW;
import static kr.tickets.booking.BookingFixtures.SCHEDULE;
import static kr.tickets.booking.BookingFixtures.SEAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import kr.tickets.auth.Principal;
import kr.tickets.catalog.SeatStatus;
import kr.tickets.common.ApiException;
import kr.tickets.common.Ids;
import kr.tickets.common.MutableClock;
import kr.tickets.ops.Metric;
import kr.tickets.ops.RecordingMetrics;
import kr.tickets.payment.TossException;
import kr.tickets.payment.TossPayment;
import kr.tickets.policy.InMemoryPolicyRepository;
import kr.tickets.policy.PolicyKey;
import kr.tickets.policy.PolicyService;
import kr.tickets.users.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a booking: the cancel use case ({@link BookingCancelService}) with the refund flow's
 * steps ({@link BookingRefunds}) run in line, on the in-memory repository and a scripted Toss.
 * The show of the fixtures starts 2030-05-01 10:00Z, so with the default 24 hours the deadline is
 * 2030-04-30 10:00Z.
 */
class BookingRefundsTest {
    private static final String PAYMENT_KEY = "pay-key-refund";
    private static final Instant DEADLINE = Instant.parse("2030-04-30T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryHoldRepository holds = new InMemoryHoldRepository();
    private final BookingSagaTest.FakeToss toss = new BookingSagaTest.FakeToss();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final BookingSaga saga = new BookingSaga(holds, toss, BookingFixtures.catalog(), clock,
            new RecordingMetrics());
    private final BookingRefunds refunds = new BookingRefunds(holds, toss, clock, metrics, "5,10");
    private final InMemoryPolicyRepository policyTable = new InMemoryPolicyRepository();
    private final FakeRefundFlowClient flows = new FakeRefundFlowClient();
    private final List<String> started = flows.started;
    private final BookingCancelService cancels = cancelsOver(holds);

    private String bookingId;
    private String orderId;
    private long total;
    private TossPayment tossRecord;

    @BeforeEach
    void confirmedBooking() {
        bookingId = Ids.newId();
        Hold hold = BookingFixtures.placeHold(holds, bookingId, "u-minji", NOW);
        orderId = hold.orderId();
        total = hold.price().total();
        holds.startPayment(hold, PAYMENT_KEY, NOW);
        tossRecord = payment("DONE", total, total);
        toss.onConfirm = () -> tossRecord;
        toss.onGet = () -> tossRecord;
        toss.onCancel = () -> tossRecord = payment("CANCELED", total, 0);
        assertEquals("APPROVED", saga.confirmPayment(bookingId, 0).get("outcome"));
        assertEquals("CONFIRMED", saga.confirmBooking(bookingId).get("outcome"));
        clock.advance(Duration.ofDays(1));
    }

    @Test
    void aCancelHoldsTheSeatBackUntilTossRefundsThenFreesIt() {
        BookingCancelService.CancelResult accepted = cancels.cancel(buyerCancel(null));

        assertEquals(Booking.Status.REFUND_PENDING, accepted.booking().status());
        assertEquals(List.of(bookingId), started);
        assertEquals(SeatStatus.PENDING, holds.seatClaim(SCHEDULE, SEAT).orElseThrow().status());
        assertEquals(1, holds.heldSeats(SCHEDULE));
        assertEquals(0, holds.bookedSeats(SCHEDULE));
        assertEquals(List.of(), toss.cancelledKeys, "nothing refunded before the flow runs");

        assertEquals("REFUNDED", refunds.refundPayment(bookingId).get("outcome"));
        assertEquals(Booking.Status.REFUND_PENDING, booking().status(), "the seat waits for the completion step");
        assertEquals("CANCELLED", refunds.completeRefund(bookingId).get("outcome"));

        Booking cancelled = booking();
        assertEquals(Booking.Status.CANCELLED, cancelled.status());
        assertEquals(Booking.RefundStatus.DONE, cancelled.cancellation().refundStatus());
        assertEquals(total, cancelled.cancellation().refundedAmount());
        assertEquals(clock.instant(), cancelled.cancellation().refundedAt());
        assertEquals(List.of(Booking.Status.CONFIRMED, Booking.Status.REFUND_PENDING, Booking.Status.CANCELLED),
                cancelled.history().stream().map(Booking.StatusChange::status).toList());
        assertTrue(holds.seatClaim(SCHEDULE, SEAT).isEmpty(), "the seat is AVAILABLE again");
        assertEquals(0, holds.heldSeats(SCHEDULE));
        assertEquals(List.of(PAYMENT_KEY), toss.cancelledKeys);
        assertEquals(List.of("refund-" + bookingId + "-0"), toss.cancelIdempotencyKeys);
        assertEquals(List.of(BookingRefunds.DEFAULT_REASON), toss.cancelReasons);
        assertEquals(List.of(Metric.BOOKING_CANCELLED, Metric.REFUND_DONE), metrics.metrics());
    }

    @Test
    void aMinuteInsideIsAllowedAndAMinuteLateIsRefused() {
        clock.set(DEADLINE.plus(Duration.ofMinutes(1)));
        ApiException late = assertThrows(ApiException.class, () -> cancels.cancel(buyerCancel(null)));
        assertEquals(409, late.status());
        assertEquals(CancellationRules.WINDOW_CLOSED, late.code());
        assertTrue(late.getMessage().contains("2030년 4월 30일 19:00"), late.getMessage());
        assertEquals(Booking.Status.CONFIRMED, booking().status(), "a refused cancel changes nothing");
        assertEquals(List.of(), started);

        clock.set(DEADLINE.minus(Duration.ofMinutes(1)));
        assertEquals(Booking.Status.REFUND_PENDING, cancels.cancel(buyerCancel(null)).booking().status(),
                "one minute inside");
        assertEquals(DEADLINE, cancels.cancel(buyerCancel(null)).cancellableUntil());
    }

    @Test
    void theDeadlineItselfIsStillInside() {
        clock.set(DEADLINE);
        assertEquals(Booking.Status.REFUND_PENDING, cancels.cancel(buyerCancel(null)).booking().status());
    }

    @Test
    void maintenanceRefusesANewCancelAndChangesNothing() {
        policyTable.save(PolicyKey.MAINTENANCE, JsonNodeFactory.instance.booleanNode(true), "admin", NOW);

        ApiException paused = assertThrows(ApiException.class, () -> cancels.cancel(buyerCancel(null)));

        assertEquals(503, paused.status());
        assertEquals("MAINTENANCE", paused.code());
        assertEquals(Booking.Status.CONFIRMED, booking().status());
        assertEquals(List.of(), started);
    }

    @Test
    void thePolicysHoursMoveTheDeadline() {
        policyTable.save(PolicyKey.CANCELLATION_HOURS, JsonNodeFactory.instance.numberNode(48), "admin", NOW);
        clock.set(DEADLINE.minus(Duration.ofHours(24)).plus(Duration.ofMinutes(1)));
        assertEquals(CancellationRules.WINDOW_CLOSED,
                assertThrows(ApiException.class, () -> cancels.cancel(buyerCancel(null))).code());
    }

    @Test
    void anAdminCancelsPastTheDeadlineButOnlyWithAReason() {
        clock.set(DEADLINE.plus(Duration.ofHours(5)));
        Principal admin = new Principal("u-admin", Role.ADMIN, "t", "f", clock.instant().plusSeconds(900));

        assertEquals(400, assertThrows(ApiException.class, () -> cancels.cancel(
                new BookingCancelService.CancelCommand(admin, bookingId, " ", null, true))).status());
        Booking pending = cancels.cancel(new BookingCancelService.CancelCommand(admin, bookingId, "공연 취소", null,
                true)).booking();

        assertEquals(Booking.Status.REFUND_PENDING, pending.status());
        assertTrue(pending.cancellation().byAdmin());
        assertEquals("u-admin", pending.cancellation().requestedBy());
        assertEquals("공연 취소", pending.cancellation().reason());
        refunds.refundPayment(bookingId);
        assertEquals(List.of(PAYMENT_KEY), toss.cancelledKeys);
        assertEquals(List.of("공연 취소"), toss.cancelReasons, "the admin's reason goes to Toss");
    }

    @Test
    void anotherUsersBookingIsNotFoundAndAnAdminRouteNeedsAnAdmin() {
        assertEquals(404, assertThrows(ApiException.class, () -> cancels.cancel(new BookingCancelService.CancelCommand(
                BookingFixtures.principal("u-other"), bookingId, null, null, false))).status());
        assertEquals(403, assertThrows(ApiException.class, () -> cancels.cancel(new BookingCancelService.CancelCommand(
                BookingFixtures.principal("u-minji"), bookingId, "reason", null, true))).status());
        assertEquals(Booking.Status.CONFIRMED, booking().status());
    }

    @Test
    void aRepeatedCancelAnswersTheSameAndStartsNothingNew() {
        cancels.cancel(buyerCancel("key-1"));
        refunds.refundPayment(bookingId);
        refunds.completeRefund(bookingId);

        BookingCancelService.CancelResult again = cancels.cancel(buyerCancel("key-1"));

        assertEquals(Booking.Status.CANCELLED, again.booking().status());
        assertEquals(List.of(bookingId), started, "no flow is started for a cancelled booking");
        assertEquals("ALREADY_CANCELLED", refunds.refundPayment(bookingId).get("outcome"));
        assertEquals("CANCELLED", refunds.completeRefund(bookingId).get("outcome"));
        assertEquals(1, toss.cancelledKeys.size());
        assertEquals(0, holds.heldSeats(SCHEDULE), "counted once");
        assertEquals(List.of(Metric.BOOKING_CANCELLED, Metric.REFUND_DONE, Metric.DUPLICATE_SUBMIT), metrics.metrics());
    }

    @Test
    void aCancelWhoseFlowDidNotStartStaysAcceptedForReconciliation() {
        flows.startFailure = new IllegalStateException("Step Functions unavailable");

        BookingCancelService.CancelResult accepted = cancels.cancel(buyerCancel(null));

        assertEquals(Booking.Status.REFUND_PENDING, accepted.booking().status());
        assertEquals(SeatStatus.PENDING, holds.seatClaim(SCHEDULE, SEAT).orElseThrow().status());
        assertEquals(List.of(bookingId), holds.paymentsToReconcile(NOW, clock.instant()).stream()
                .map(Hold::holdId).toList(), "back in reconciliation's index");
        flows.startFailure = null;
        cancels.cancel(buyerCancel(null));
        assertEquals(List.of(bookingId), started, "a repeated cancel starts it");
        assertEquals(List.of(Metric.BOOKING_CANCELLED, Metric.DUPLICATE_SUBMIT), metrics.metrics());
    }

    @Test
    void aRefundAlreadyRecordedIsNotAskedOfTossAgain() {
        cancels.cancel(buyerCancel(null));
        refunds.refundPayment(bookingId);
        int lookups = toss.lookedUp.size();

        assertEquals("REFUNDED", refunds.refundPayment(bookingId).get("outcome"));

        assertEquals(lookups, toss.lookedUp.size());
        assertEquals(1, toss.cancelledKeys.size());
    }

    @Test
    void aStepForABookingThatDoesNotExistFails() {
        assertThrows(IllegalStateException.class, () -> refunds.refundPayment("no-such-booking"));
    }

    @Test
    void aReasonOfExactlyTwoHundredCharactersIsKept() {
        String reason = "가".repeat(200);
        Booking pending = cancels.cancel(new BookingCancelService.CancelCommand(BookingFixtures.principal("u-minji"),
                bookingId, reason, null, false)).booking();
        assertEquals(reason, pending.cancellation().reason());
        assertEquals(400, assertThrows(ApiException.class, () -> cancels.cancel(new BookingCancelService.CancelCommand(
                BookingFixtures.principal("u-minji"), bookingId, reason + "가", null, false))).status());
    }

    @Test
    void theAnswerWaitsForARefundThatCompletesWhileItWaits() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Clock ticking = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                // The flow finishes while the request waits: on the third look at the clock.
                if (reads.incrementAndGet() == 3) {
                    refunds.refundPayment(bookingId);
                    refunds.completeRefund(bookingId);
                }
                return clock.instant();
            }
        };
        BookingCancelService waiting = new BookingCancelService(holds, flows,
                new PolicyService(policyTable, clock), ticking, metrics, Duration.ofMinutes(10));

        assertEquals(Booking.Status.CANCELLED, waiting.cancel(buyerCancel(null)).booking().status());
    }

    @Test
    void theAnswerStopsWaitingAtTheDeadlineOrWhenTheRefundFailed() {
        // The real clock, so the wait's end comes (the fixtures' show is years ahead of it).
        BookingCancelService waiting = new BookingCancelService(holds, flows,
                new PolicyService(policyTable, clock), Clock.systemUTC(), metrics, Duration.ofMillis(300));
        assertEquals(Booking.Status.REFUND_PENDING, waiting.cancel(buyerCancel(null)).booking().status());

        refunds.giveUp(bookingId);
        BookingCancelService forever = new BookingCancelService(holds, flows,
                new PolicyService(policyTable, clock), clock, metrics, Duration.ofDays(1));
        assertEquals(Booking.RefundStatus.FAILED,
                forever.cancel(buyerCancel(null)).booking().cancellation().refundStatus(), "FAILED ends the wait");
    }

    @Test
    void anInterruptedWaitAnswersWhatIsThereAndKeepsTheInterrupt() {
        BookingCancelService waiting = new BookingCancelService(holds, flows,
                new PolicyService(policyTable, clock), clock, metrics, Duration.ofDays(1));
        Thread.currentThread().interrupt();
        try {
            assertEquals(Booking.Status.REFUND_PENDING, waiting.cancel(buyerCancel(null)).booking().status());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aKeyOfAnotherBookingIsRefusedAlsoWhenThisOneIsAlreadyCancelled() {
        String second = confirmedBooking(BookingFixtures.OTHER_SEAT);
        cancels.cancel(new BookingCancelService.CancelCommand(BookingFixtures.principal("u-minji"), second, null,
                null, false));
        cancels.cancel(buyerCancel("key-3"));

        assertEquals(422, assertThrows(ApiException.class, () -> cancels.cancel(new BookingCancelService.CancelCommand(
                BookingFixtures.principal("u-minji"), second, null, "key-3", false))).status());
    }

    @Test
    void aKeyOfAnotherBookingIsRefused() {
        cancels.cancel(buyerCancel("key-2"));
        String second = confirmedBooking(BookingFixtures.OTHER_SEAT);

        ApiException reused = assertThrows(ApiException.class, () -> cancels.cancel(
                new BookingCancelService.CancelCommand(BookingFixtures.principal("u-minji"), second, null, "key-2",
                        false)));

        assertEquals(422, reused.status());
        assertEquals(Booking.Status.CONFIRMED, holds.findBooking(second).orElseThrow().status());
    }

    @Test
    void tossFailingIsCountedAndRetriedAfterTheConfiguredWaitsThenGivenUp() {
        cancels.cancel(buyerCancel(null));
        toss.onCancel = fails(500, "PROVIDER_ERROR");

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThrows(RetryableStepException.class, () -> refunds.refundPayment(bookingId));
            assertEquals(attempt, booking().cancellation().attempts());
            assertEquals("PROVIDER_ERROR", booking().cancellation().lastError());
            Map<String, Object> next = refunds.scheduleRetry(bookingId);
            if (attempt < 3) {
                assertEquals("WAIT", next.get("outcome"));
                assertEquals(attempt == 1 ? 5L : 10L, next.get("waitSeconds"));
            } else {
                assertEquals("EXHAUSTED", next.get("outcome"));
            }
        }
        assertEquals(List.of("refund-" + bookingId + "-0", "refund-" + bookingId + "-1", "refund-" + bookingId + "-2"),
                toss.cancelIdempotencyKeys, "one key per attempt");
        assertEquals("FAILED", refunds.giveUp(bookingId).get("outcome"));

        assertEquals(Booking.RefundStatus.FAILED, booking().cancellation().refundStatus());
        assertEquals(Booking.Status.REFUND_PENDING, booking().status());
        assertEquals("NOT_REFUNDED", refunds.completeRefund(bookingId).get("outcome"), "never released unrefunded");
        assertEquals(SeatStatus.PENDING, holds.seatClaim(SCHEDULE, SEAT).orElseThrow().status(), "the seat stays held back");
        assertEquals(List.of(Metric.BOOKING_CANCELLED, Metric.REFUND_PENDING, Metric.REFUND_PENDING,
                Metric.REFUND_FAILED), metrics.metrics());
        refunds.giveUp(bookingId);
        assertEquals(1, metrics.total(Metric.REFUND_FAILED), "a repeated step counts the failure once");
    }

    @Test
    void aRefundTossAlreadyDidIsRecordedWithoutAnotherCancel() {
        cancels.cancel(buyerCancel(null));
        tossRecord = payment("CANCELED", total, 0);

        assertEquals("REFUNDED", refunds.refundPayment(bookingId).get("outcome"));

        assertEquals(List.of(), toss.cancelledKeys);
        assertEquals(total, booking().cancellation().refundedAmount());
    }

    @Test
    void anAlreadyCancelledAnswerIsCheckedAgainstTossRecord() {
        cancels.cancel(buyerCancel(null));
        toss.onCancel = () -> {
            tossRecord = payment("CANCELED", total, 0);
            throw new TossException(400, "ALREADY_CANCELED_PAYMENT", "이미 취소된 결제 입니다.");
        };

        assertEquals("REFUNDED", refunds.refundPayment(bookingId).get("outcome"));
        assertEquals(Booking.RefundStatus.DONE, booking().cancellation().refundStatus());
    }

    @Test
    void aTossRecordOfAnotherOrderOrAmountIsNeverRefundedFromHere() {
        cancels.cancel(buyerCancel(null));
        tossRecord = new TossPayment(PAYMENT_KEY, "T-someone-else", "DONE", "카드", total, null, null);
        assertThrows(PaymentNeedsOperatorException.class, () -> refunds.refundPayment(bookingId));
        tossRecord = payment("DONE", total + 1000, total + 1000);
        assertThrows(PaymentNeedsOperatorException.class, () -> refunds.refundPayment(bookingId));

        assertEquals(List.of(), toss.cancelledKeys);
        assertEquals("MISMATCH", booking().cancellation().lastError());
    }

    @Test
    void aRefundTossRefusesForGoodGoesToAnOperator() {
        cancels.cancel(buyerCancel(null));
        toss.onCancel = fails(403, "NOT_CANCELABLE_PAYMENT");

        assertThrows(PaymentNeedsOperatorException.class, () -> refunds.refundPayment(bookingId));

        assertEquals("NOT_CANCELABLE_PAYMENT", booking().cancellation().lastError());
        assertEquals(Booking.Status.REFUND_PENDING, booking().status());
    }

    @Test
    void aLookupThatFailsIsRetriedLikeACancelThatFails() {
        cancels.cancel(buyerCancel(null));
        toss.onGet = fails(500, "FAILED_INTERNAL_SYSTEM_PROCESSING");

        assertThrows(RetryableStepException.class, () -> refunds.refundPayment(bookingId));

        assertEquals(1, booking().cancellation().attempts());
        assertEquals(List.of(), toss.cancelledKeys);
    }

    @Test
    void stepsOnABookingWithoutACancelDoNothing() {
        assertEquals("NOT_REQUESTED", refunds.refundPayment(bookingId).get("outcome"));
        assertEquals("NOT_REFUNDED", refunds.completeRefund(bookingId).get("outcome"));
        assertEquals("EXHAUSTED", refunds.scheduleRetry(bookingId).get("outcome"));
        refunds.giveUp(bookingId);
        assertEquals(Booking.Status.CONFIRMED, booking().status());
        assertEquals(List.of(), toss.cancelledKeys);
    }

    /** Another confirmed booking of the same buyer, on {@code seatId}. */
    private String confirmedBooking(String seatId) {
        String id = Ids.newId();
        Hold hold = BookingFixtures.placeHold(holds, id, "u-minji", seatId, clock.instant());
        holds.startPayment(hold, "pay-key-" + id, clock.instant());
        TossPayment paid = new TossPayment("pay-key-" + id, hold.orderId(), "DONE", "카드", hold.price().total(),
                "2030-04-11T11:01:05+09:00", null);
        toss.onConfirm = () -> paid;
        assertEquals("APPROVED", saga.confirmPayment(id, 0).get("outcome"));
        assertEquals("CONFIRMED", saga.confirmBooking(id).get("outcome"));
        return id;
    }

    private BookingCancelService.CancelCommand buyerCancel(String key) {
        return new BookingCancelService.CancelCommand(BookingFixtures.principal("u-minji"), bookingId, null, key, false);
    }

    private Booking booking() {
        return holds.findBooking(bookingId).orElseThrow();
    }

    private TossPayment payment(String status, long amount, long balance) {
        return new TossPayment(PAYMENT_KEY, orderId, status, "카드", amount, "2030-04-10T11:01:05+09:00",
                "https://dashboard.tosspayments.com/receipt/abc", balance);
    }

    private static Supplier<TossPayment> fails(int status, String code) {
        return () -> {
            throw new TossException(status, code, "Toss says " + code);
        };
    }

    /** The cancel service these tests use, over {@code repository}: it answers without waiting for the refund. */
    private BookingCancelService cancelsOver(HoldRepository repository) {
        return new BookingCancelService(repository, flows, new PolicyService(policyTable, clock), clock, metrics,
                Duration.ZERO);
    }

    @Test
    void aCancelThatLosesTheRaceToAnotherCancelIsADuplicateSubmit() {
        Booking confirmed = booking();
        cancels.cancel(buyerCancel(null));
        // This request read the booking while it was still CONFIRMED.
        BookingCancelService racing = cancelsOver(StaleReads.of(holds, "findBooking", Optional.of(confirmed)));

        racing.cancel(buyerCancel(null));

        assertEquals(List.of(Metric.BOOKING_CANCELLED, Metric.DUPLICATE_SUBMIT), metrics.metrics());
    }

    @Test
    void aCancelThatLosesTheRaceAnswersTheWinnersOutcomeAndMakesSureItsRefundRuns() {
        Booking confirmed = booking();
        cancels.cancel(buyerCancel(null));
        // Only the first read is from before the winner's write; the loser reads the outcome afresh.
        BookingCancelService racing = cancelsOver(StaleReads.once(holds, "findBooking", Optional.of(confirmed)));

        BookingCancelService.CancelResult result = racing.cancel(buyerCancel(null));

        assertEquals(Booking.Status.REFUND_PENDING, result.booking().status());
        // Starting the flow again is a no-op by its name; it covers a winner whose start was lost.
        assertEquals(List.of(bookingId, bookingId), started);
    }

    @Test
    void refusedCancelsCountNothing() {
        policyTable.save(PolicyKey.MAINTENANCE, JsonNodeFactory.instance.booleanNode(true), "admin", NOW);
        assertThrows(ApiException.class, () -> cancels.cancel(buyerCancel(null)));
        policyTable.save(PolicyKey.MAINTENANCE, JsonNodeFactory.instance.booleanNode(false), "admin", NOW);
        clock.set(DEADLINE.plus(Duration.ofMinutes(1)));
        assertThrows(ApiException.class, () -> cancels.cancel(buyerCancel(null)));

        assertEquals(List.of(), metrics.metrics());
    }
}
