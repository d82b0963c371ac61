package kr.tickets.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import kr.tickets.common.Ids;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.LocalStack;
import kr.tickets.ops.Metric;
import kr.tickets.ops.RecordingMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The payment start and the releases that follow it, on DynamoDB (moto): one payment key per
 * hold, the paying seat kept without an expiry and counted against its user, the release that
 * only a PENDING hold allows, and reconciliation's sparse index.
 */
class DynamoPaymentStartIT {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String SCHEDULE = "SCHED-PAYSTART-" + UUID.randomUUID();
    private static final RecordingMetrics METRICS = new RecordingMetrics();
    private static DynamoHoldRepository holds;

    @BeforeAll
    static void connect() {
        LocalStack stack = LocalStack.shared();
        DynamoDbClient dynamo = AwsLocal.dynamo(stack.endpoint());
        String catalogTable = stack.resources().physicalId("CatalogTable");
        holds = new DynamoHoldRepository(dynamo, METRICS, stack.resources().physicalId("BookingTable"),
                catalogTable);
        dynamo.putItem(r -> r.tableName(catalogTable).item(BookingFixtures.freshScheduleCounters(SCHEDULE)));
    }

    /** A PENDING hold of a fresh seat of the schedule for a fresh user. */
    private static Hold pending() {
        String holdId = Ids.newId();
        Hold fixture = BookingFixtures.newHold(holdId, "u-" + UUID.randomUUID(), "1층-P-" + holdId.substring(30), NOW);
        Hold hold = new Hold(fixture.holdId(), fixture.userId(), fixture.customerName(), fixture.customerEmail(),
                SCHEDULE, fixture.performanceId(), fixture.seatId(), fixture.seatLabel(), fixture.gradeId(),
                fixture.gradeName(), fixture.status(), fixture.createdAt(), fixture.holdUntil(), fixture.orderId(),
                fixture.orderName(), fixture.price(), null, null, null, null, null, null, 1);
        holds.place(hold, null, holds.userSeats(hold.userId(), SCHEDULE), null, NOW);
        return holds.find(holdId).orElseThrow();
    }

    private static String key() {
        return "tgen_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aKeyPaysForOneHoldOnlyAndIsFreedWhenItsHoldEndsUnbooked() {
        Hold first = pending();
        Hold second = pending();
        String key = key();
        holds.startPayment(first, key, NOW);
        double conditionFailures = METRICS.total(Metric.CONDITION_CHECK_FAILED);

        HoldRepository.HoldConflict refused = assertThrows(HoldRepository.HoldConflict.class,
                () -> holds.startPayment(second, key, NOW));
        assertEquals(HoldRepository.Conflict.PAYMENT_KEY, refused.conflict());
        assertEquals(conditionFailures + 1, METRICS.total(Metric.CONDITION_CHECK_FAILED), "counted where it is mapped");
        Hold untouched = holds.find(second.holdId()).orElseThrow();
        assertEquals(HoldStatus.PENDING, untouched.status());
        assertNull(untouched.paymentKey());

        assertTrue(holds.release(holds.find(first.holdId()).orElseThrow(), HoldStatus.FAILED, "INVALID_REQUEST", "no"));
        holds.startPayment(untouched, key, NOW);
        assertEquals(HoldStatus.PAYING, holds.find(second.holdId()).orElseThrow().status());
    }

    @Test
    void aPayingSeatHasNoExpiryAndCountsAgainstItsUserUntilTheSagaEnds() {
        Hold hold = pending();
        holds.startPayment(hold, key(), NOW);

        HoldRepository.SeatClaim claim = holds.seatClaim(SCHEDULE, hold.seatId()).orElseThrow();
        assertEquals(hold.holdId(), claim.holdId());
        assertNull(claim.holdUntil());
        assertFalse(claim.expiredAt(NOW.plus(Duration.ofDays(2))));
        assertEquals(0L, holds.userSeats(hold.userId(), SCHEDULE).seats().get(hold.holdId()));
    }

    @Test
    void onlyAPendingHoldIsReleasedWhenOnlyPendingIsAllowed() {
        Hold hold = pending();
        holds.startPayment(hold, key(), NOW);

        // A release decided on the stale PENDING read must not undo the payment that started since.
        assertFalse(holds.release(hold, EnumSet.of(HoldStatus.PENDING), HoldStatus.RELEASED, null, null));

        Hold paying = holds.find(hold.holdId()).orElseThrow();
        assertEquals(HoldStatus.PAYING, paying.status());
        assertEquals(hold.holdId(), holds.seatClaim(SCHEDULE, hold.seatId()).orElseThrow().holdId());
        assertTrue(holds.release(paying, HoldStatus.FAILED, "REJECT_CARD_PAYMENT", "declined"));
        assertTrue(holds.seatClaim(SCHEDULE, hold.seatId()).isEmpty());
    }

    @Test
    void reconciliationListsStartedPaymentsUntilMarkedSettled() {
        Hold hold = pending();
        Instant started = NOW.plusSeconds(7);
        holds.startPayment(hold, key(), started);

        List<String> listed = holds.paymentsToReconcile(started.minus(Duration.ofHours(2)), started).stream()
                .map(Hold::holdId).toList();
        assertTrue(listed.contains(hold.holdId()), listed::toString);
        assertFalse(holds.paymentsToReconcile(started.minus(Duration.ofHours(2)), started.minusSeconds(1)).stream()
                .anyMatch(h -> h.holdId().equals(hold.holdId())), "younger than the window's end");

        holds.markReconciled(hold.holdId());
        assertFalse(holds.paymentsToReconcile(started.minus(Duration.ofHours(2)), started).stream()
                .anyMatch(h -> h.holdId().equals(hold.holdId())));
    }
}
