package kr.tickets.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.tickets.common.Ids;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.LocalStack;
import kr.tickets.ops.RecordingMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Discount code uses and the wrong-code counter against moto: counted in the payment-start
 * transaction, refused past the maximum or a second time per user, given back by
 * {@code release}, kept by a booking; and the throttle's window.
 */
class DynamoDiscountUsesIT {
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static DynamoHoldRepository holds;
    private static DynamoDiscountThrottle throttle;
    private static String schedule;

    @BeforeAll
    static void connect() {
        LocalStack stack = LocalStack.shared();
        DynamoDbClient dynamo = AwsLocal.dynamo(stack.endpoint());
        String catalogTable = stack.resources().physicalId("CatalogTable");
        String bookingTable = stack.resources().physicalId("BookingTable");
        holds = new DynamoHoldRepository(dynamo, new RecordingMetrics(), bookingTable, catalogTable);
        throttle = new DynamoDiscountThrottle(dynamo, bookingTable);
        schedule = BookingFixtures.SCHEDULE;
        // The schedule's counters, which every seat change updates.
        dynamo.putItem(r -> r.tableName(catalogTable).item(BookingFixtures.freshScheduleCounters(schedule)));
    }

    private static String code() {
        return "IT" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(java.util.Locale.ROOT);
    }

    /** A PENDING hold of a fresh seat for a fresh user, checked out with {@code code}. */
    private static Hold checkedOut(String code) {
        String holdId = Ids.newId();
        Hold hold = BookingFixtures.newHold(holdId, "u-" + UUID.randomUUID(), "1층-Z-" + holdId.substring(30), NOW);
        holds.place(hold, null, holds.userSeats(hold.userId(), schedule), null, NOW);
        holds.saveCheckout(holds.find(holdId).orElseThrow(), "CARD", code, HoldRules.price(150_000, 2_000, 3_000));
        return holds.find(holdId).orElseThrow();
    }

    /** Starts the hold's payment with a key of its own (a key pays for one hold only). */
    private static void startPayment(Hold hold, String key, long maxUses) {
        holds.startPayment(hold, key + "-" + hold.holdId(), NOW,
                new HoldRepository.DiscountUse(hold.discountCode(), maxUses));
    }

    @Test
    void theLastUseGoesToOnePaymentAndComesBackWhenThatPaymentFails() {
        String code = code();
        Hold first = checkedOut(code);
        Hold second = checkedOut(code);
        startPayment(first, "tgen_1", 1);
        assertEquals(1, holds.discountUses(code));
        assertTrue(holds.discountUsedBy(code, first.userId()));

        HoldRepository.HoldConflict refused = assertThrows(HoldRepository.HoldConflict.class,
                () -> startPayment(second, "tgen_2", 1));
        assertEquals(HoldRepository.Conflict.DISCOUNT, refused.conflict());
        assertEquals(HoldStatus.PENDING, holds.find(second.holdId()).orElseThrow().status());

        assertTrue(holds.release(holds.find(first.holdId()).orElseThrow(), HoldStatus.FAILED, "REJECT_CARD_PAYMENT",
                "declined"));
        assertEquals(0, holds.discountUses(code));
        assertFalse(holds.discountUsedBy(code, first.userId()));
        startPayment(holds.find(second.holdId()).orElseThrow(), "tgen_2", 1);
        assertEquals(1, holds.discountUses(code));
    }

    @Test
    void aPayingHoldThatEndsWithoutABookingGivesItsUseBackAndABookingKeepsIt() {
        String code = code();
        Hold declined = checkedOut(code);
        startPayment(declined, "tgen_d", 5);
        assertTrue(holds.release(holds.find(declined.holdId()).orElseThrow(), HoldStatus.FAILED, "REJECT_CARD_PAYMENT",
                "declined"));
        assertEquals(0, holds.discountUses(code));
        assertFalse(holds.discountUsedBy(code, declined.userId()));

        Hold booked = checkedOut(code);
        startPayment(booked, "tgen_b", 5);
        Hold paying = holds.find(booked.holdId()).orElseThrow();
        Booking.PaymentInfo payment = new Booking.PaymentInfo("CARD", "카드", "tgen_b-" + booked.holdId(), NOW, null);
        holds.savePayment(booked.holdId(), payment);
        holds.confirm(paying, BookingFixtures.booking(paying, payment, NOW));
        assertEquals(1, holds.discountUses(code));
        assertTrue(holds.discountUsedBy(code, booked.userId()));
    }

    @Test
    void aStaleReadOfADiscountedHoldIsDecidedAgainBeforeTheRelease() {
        String code = code();
        Hold pending = checkedOut(code);
        startPayment(pending, "tgen_s", 5);
        // Released from the read before the payment started: the use must still come back.
        assertTrue(holds.release(pending, HoldStatus.FAILED, "X", "x"));
        assertEquals(0, holds.discountUses(code));
    }

    @Test
    void oneUserCannotUseACodeTwice() {
        String code = code();
        Hold first = checkedOut(code);
        startPayment(first, "tgen_1", 100);
        String holdId = Ids.newId();
        Hold again = BookingFixtures.newHold(holdId, first.userId(), "1층-Y-" + holdId.substring(30), NOW);
        holds.place(again, null, holds.userSeats(first.userId(), schedule), null, NOW);
        holds.saveCheckout(holds.find(holdId).orElseThrow(), "CARD", code, HoldRules.price(150_000, 2_000, 3_000));

        HoldRepository.HoldConflict refused = assertThrows(HoldRepository.HoldConflict.class,
                () -> startPayment(holds.find(holdId).orElseThrow(), "tgen_2", 100));
        assertEquals(HoldRepository.Conflict.DISCOUNT, refused.conflict());
        assertEquals(1, holds.discountUses(code));
    }

    @Test
    void parallelWrongCodesAllCountAndLockForTheRestOfTheWindow() throws Exception {
        String user = "u-" + UUID.randomUUID();
        int guesses = 12;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < guesses; i++) {
            all.add(pool.submit(() -> {
                go.await();
                throttle.recordWrongCode(user, NOW);
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        assertEquals(HoldRules.WRONG_CODE_WINDOW.minusMinutes(1),
                throttle.lockedFor(user, NOW.plus(Duration.ofMinutes(1))).orElseThrow());
        assertTrue(throttle.lockedFor(user, NOW.plus(HoldRules.WRONG_CODE_WINDOW)).isEmpty());
    }

    @Test
    void fewerWrongCodesThanTheLimitDoNotLockAndAnEndedWindowStartsAfresh() {
        String user = "u-" + UUID.randomUUID();
        for (int i = 0; i < HoldRules.WRONG_CODES - 1; i++) {
            throttle.recordWrongCode(user, NOW);
        }
        assertTrue(throttle.lockedFor(user, NOW).isEmpty());
        Instant later = NOW.plus(HoldRules.WRONG_CODE_WINDOW);
        throttle.recordWrongCode(user, later);
        assertTrue(throttle.lockedFor(user, later).isEmpty());
    }
}
