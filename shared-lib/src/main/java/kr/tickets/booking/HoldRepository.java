package kr.tickets.booking;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Holds, the seats they claim and the bookings they become. Every change of a seat is one
 * transaction with the schedule's counters and version (the seat map's ETag) and the user's
 * seats of that schedule, so a failed condition writes nothing.
 */
public interface HoldRepository {

    /** Who claims a seat of a schedule now: a hold (status PENDING, until {@code holdUntil}) or a booking (BOOKED). */
    record SeatClaim(String holdId, String status, Instant holdUntil) {
        public boolean expiredAt(Instant now) {
            return "PENDING".equals(status) && holdUntil != null && !now.isBefore(holdUntil);
        }
    }

    /** A user's seats of one schedule: hold id → until (epoch second; 0 once booked), and a version for the write. */
    record UserSeats(Map<String, Long> seats, long version) {
    }

    /** Which condition of a transaction failed. */
    enum Conflict { SEAT, USER_SEATS, IDEMPOTENCY_KEY, HOLD_STATE, DISCOUNT }

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
     * Claims the seat for {@code hold}: free, or {@code expired} (an earlier hold whose time ran
     * out, which is marked EXPIRED). Writes the hold, the seat, the schedule's counters (unless
     * taking over, which keeps them), the user's seats (pruned of expired holds; guarded by their
     * version) and the idempotency key, all or nothing.
     *
     * @throws HoldConflict which condition failed
     */
    void place(Hold hold, SeatClaim expired, UserSeats userSeats, String idempotencyKey, Instant now);

    /** Frees an Idempotency-Key whose hold never started, so a retry with it makes a new hold. */
    void forgetIdempotencyKey(String userId, String key);

    /**
     * PAYING → PENDING again when the payment could not be handed to the saga (nothing was sent
     * to Toss); the hold's discount code use, if {@link #startPayment} counted one, is given back.
     */
    void revertPayment(Hold hold, String paymentKey);

    Optional<Hold> find(String holdId);

    /** Saves the payment method, discount and price of a PENDING hold (guarded by its version). */
    void saveCheckout(Hold hold, String method, String discountCode, PriceBreakdown price);

    /** Stores the saga's callback token; false when the hold is no longer PENDING. */
    boolean storeTaskToken(String holdId, String taskToken);

    /**
     * PENDING → PAYING with the payment key while the hold is live, and keeps the seat until
     * {@code seatUntil} so the confirmation can finish. With a {@code discount} (the hold's
     * code, unchanged since it was read), its use is counted in the same transaction.
     *
     * @throws HoldConflict HOLD_STATE when the hold is no longer PENDING and live (or its code
     *                      changed), DISCOUNT when the code is used up or this user used it
     */
    void startPayment(Hold hold, String paymentKey, Instant seatUntil, Instant now, DiscountUse discount);

    /** {@link #startPayment(Hold, String, Instant, Instant, DiscountUse)} of a hold without a discount code. */
    default void startPayment(Hold hold, String paymentKey, Instant seatUntil, Instant now) {
        startPayment(hold, paymentKey, seatUntil, now, null);
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
     * Ends a PENDING or PAYING hold with {@code outcome} and frees its seat if the seat is still
     * this hold's; a PAYING hold gives back the discount code use its payment counted. False when
     * the hold had already ended (nothing written).
     */
    boolean release(Hold hold, HoldStatus outcome, String failureCode, String failureMessage);

    /**
     * PAYING → CONFIRMED: the seat becomes BOOKED and the booking is written, all or nothing.
     *
     * @throws HoldConflict SEAT when the seat is no longer this hold's, HOLD_STATE when the hold is not PAYING
     */
    void confirm(Hold hold, Booking booking);

    Optional<Booking> findBooking(String bookingId);
}
