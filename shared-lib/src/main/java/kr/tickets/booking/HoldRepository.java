package kr.tickets.booking;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kr.tickets.catalog.SeatStatus;

/**
 * Holds, the seats they claim and the bookings they become. Every change of a seat is one
 * transaction with the schedule's counters and version (the seat map's ETag) and the user's
 * seats of that schedule, so a failed condition writes nothing.
 */
public interface HoldRepository {

    /** Who claims a seat of a schedule now: a hold (status PENDING, until {@code holdUntil}) or a booking (BOOKED). */
    record SeatClaim(String holdId, SeatStatus status, Instant holdUntil) {
        public boolean expiredAt(Instant now) {
            return status == SeatStatus.PENDING && holdUntil != null && !now.isBefore(holdUntil);
        }
    }

    /** A user's seats of one schedule: hold id → until (epoch second; 0 once booked), and a version for the write. */
    record UserSeats(Map<String, Long> seats, long version) {
    }

    /** Which condition of a transaction failed. */
    enum Conflict { SEAT, USER_SEATS, IDEMPOTENCY_KEY, HOLD_STATE, PAYMENT_KEY, DISCOUNT, BOOKING_NUMBER }

    /** The holds the saga may still be working on: a release from the saga takes either. */
    Set<HoldStatus> LIVE = EnumSet.of(HoldStatus.PENDING, HoldStatus.PAYING);

    /**
     * A discount code's use, counted by {@link #startPayment} for the hold's user: at most
     * {@code maxUses} in all and one per user.
     */
    record DiscountUse(String code, long maxUses) {
    }

    final class HoldConflict extends RuntimeException {
        private final Conflict conflict;

        public HoldConflict(Conflict conflict) {
            super(conflict.name());
            this.conflict = conflict;
        }

        public Conflict conflict() {
            return conflict;
        }
    }

    Optional<SeatClaim> seatClaim(String scheduleId, String seatId);

    UserSeats userSeats(String userId, String scheduleId);

    Optional<String> holdForIdempotencyKey(String userId, String key);

    /**
     * What placing a hold reads first: the hold an idempotency key already names (empty without
     * a key), the seat's claim and the user's seats of the schedule.
     */
    record PlacementReads(Optional<String> earlierHoldId, Optional<SeatClaim> claim, UserSeats userSeats) {
    }

    /**
     * {@link #holdForIdempotencyKey}, {@link #seatClaim} and {@link #userSeats} at once: a store
     * that can reads them in one request (DynamoDB: one strongly consistent BatchGetItem across
     * the two tables, issue #11), one emulator request instead of three in a rush.
     */
    default PlacementReads placementReads(String userId, String scheduleId, String seatId, String idempotencyKey) {
        return new PlacementReads(idempotencyKey == null ? Optional.empty() : holdForIdempotencyKey(userId, idempotencyKey),
                seatClaim(scheduleId, seatId), userSeats(userId, scheduleId));
    }

    /**
     * Claims the seat for {@code hold}: free, or {@code expired} (an earlier hold whose time ran
     * out, which is marked EXPIRED). Writes the hold, the seat's claim (with its grade: the
     * schedule's counters are derived from the claims), the user's seats (pruned of expired holds;
     * guarded by their version) and the idempotency key, all or nothing.
     *
     * @throws HoldConflict which condition failed
     */
    void place(Hold hold, SeatClaim expired, UserSeats userSeats, String idempotencyKey, Instant now);

    /** Frees an Idempotency-Key whose hold never started, so a retry with it makes a new hold. */
    void forgetIdempotencyKey(String userId, String key);

    Optional<Hold> find(String holdId);

    /** Saves the payment method, discount and price of a PENDING hold (guarded by its version). */
    void saveCheckout(Hold hold, String method, String discountCode, PriceBreakdown price);

    /**
     * PENDING → PAYING with the payment key while the hold is live, in one transaction with: the
     * key's uniqueness item (a key already attached to another hold refuses the payment before
     * Toss is asked), the seat kept for this hold until its saga ends (no expiry), the seat counted
     * against the user until then, the hold listed for reconciliation and, with a {@code discount}
     * (the hold's code, unchanged since it was read), its use counted.
     *
     * @throws HoldConflict HOLD_STATE when the hold is no longer PENDING and live (or its code
     *                      changed), PAYMENT_KEY when the key belongs to another hold, DISCOUNT
     *                      when the code is used up or this user used it
     */
    void startPayment(Hold hold, String paymentKey, Instant now, DiscountUse discount);

    /** {@link #startPayment(Hold, String, Instant, DiscountUse)} of a hold without a discount code. */
    default void startPayment(Hold hold, String paymentKey, Instant now) {
        startPayment(hold, paymentKey, now, null);
    }

    /** How many payments count a use of the discount code now. */
    long discountUses(String code);

    /** Whether the user has a payment that counts a use of the code (being confirmed or booked). */
    boolean discountUsedBy(String code, String userId);

    /** Remembers why the payment window failed; the hold stays PENDING. */
    void recordPaymentFailure(String holdId, String code, String message);

    /** Stores how Toss approved the payment, before the booking is written. */
    void savePayment(String holdId, Booking.PaymentInfo payment);

    /** How Toss approved the hold's payment, once {@link #savePayment} stored it. */
    default Optional<Booking.PaymentInfo> approvedPayment(String holdId) {
        return find(holdId).map(Hold::approval);
    }

    /**
     * Ends a hold that is in one of the states {@code from} with {@code outcome}, frees its seat if
     * the seat is still this hold's, frees its payment key and, for a PAYING hold, gives back the
     * discount code use its payment counted. The state is the write's condition, so a hold that
     * moved on meanwhile is left alone. False when the hold was not in {@code from} (nothing
     * written).
     */
    boolean release(Hold hold, Set<HoldStatus> from, HoldStatus outcome, String failureCode, String failureMessage);

    /** {@link #release(Hold, Set, HoldStatus, String, String)} of a PENDING or PAYING hold. */
    default boolean release(Hold hold, HoldStatus outcome, String failureCode, String failureMessage) {
        return release(hold, LIVE, outcome, failureCode, failureMessage);
    }

    /**
     * PAYING → CONFIRMED: the seat becomes BOOKED and the booking is written, all or nothing.
     *
     * @throws HoldConflict SEAT when the seat is no longer this hold's, HOLD_STATE when the hold is not PAYING
     */
    void confirm(Hold hold, Booking booking);

    Optional<Booking> findBooking(String bookingId);

    /**
     * CONFIRMED → REFUND_PENDING, all or nothing: the booking becomes {@code pending} (its
     * cancellation and history), the seat goes from BOOKED to PENDING for the refund (no expiry:
     * nobody can take it), the schedule counts it as held instead of booked, and with an
     * Idempotency-Key the key is recorded for this booking.
     *
     * @throws HoldConflict HOLD_STATE when the booking is no longer CONFIRMED, IDEMPOTENCY_KEY when
     *                      the key was used for another booking
     */
    void startRefund(Hold hold, Booking pending, String idempotencyKey);

    /** The booking a cancel's Idempotency-Key was first used for. */
    Optional<String> bookingForCancelKey(String userId, String key);

    /** Stores a REFUND_PENDING booking's refund progress (attempts, last error, FAILED); false if no longer REFUND_PENDING. */
    boolean saveRefundProgress(Booking pending);

    /**
     * REFUND_PENDING → CANCELLED once Toss refunded, all or nothing: the booking becomes
     * {@code cancelled}, the seat is deleted (AVAILABLE again), the schedule counts it as remaining,
     * the user's seats forget it and a discount code use is given back. False when the booking was
     * no longer REFUND_PENDING (nothing written).
     */
    boolean completeRefund(Hold hold, Booking cancelled);

    /**
     * Holds whose payment started between {@code from} and {@code to} and that reconciliation has
     * not yet found settled (a sparse index: a hold leaves it with {@link #markReconciled}).
     */
    List<Hold> paymentsToReconcile(Instant from, Instant to);

    /** Takes a hold out of reconciliation once Toss and the hold agree. */
    void markReconciled(String holdId);
}
