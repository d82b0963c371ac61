package kr.tickets.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kr.tickets.catalog.SeatStatus;

/**
 * The HoldRepository port in memory, with the conditions of {@link DynamoHoldRepository}:
 * <ul>
 *   <li>every method checks all its conditions before it writes anything, in the adapter's
 *       order, and throws the {@link HoldConflict} kind the adapter maps the first failed
 *       condition to;</li>
 *   <li>times are compared in epoch seconds, as they are stored;</li>
 *   <li>the hold item keeps what the adapter writes: {@link #place} drops a hold's method,
 *       token, payment key and failure, and a hold read back carries its own method and payment
 *       key with the approval {@link #savePayment} stored;</li>
 *   <li>the schedule's counters are modelled as held and booked seats only (the adapter's
 *       condition that the schedule's META item exists always holds here).</li>
 * </ul>
 * Test hook: {@link #seatItemDeletedByTtl} stands for DynamoDB's TTL clean-up.
 */
public final class InMemoryHoldRepository implements HoldRepository {

    /** {@code SCHED#<id> / SEAT#<id>}: PENDING until {@code holdUntil} (epoch second), or BOOKED. */
    private record SeatItem(String holdId, SeatStatus status, Long holdUntil, String bookingId) {
    }

    /** {@code HOLD#<id> / META}: what was placed, and the attributes later writes change. */
    private static final class HoldItem {
        private final Hold placed;
        private HoldStatus status;
        private PriceBreakdown price;
        private String method;
        private String discountCode;
        private String paymentKey;
        private String failureCode;
        private String failureMessage;
        private long version;
        private String methodLabel;
        private Instant approvedAt;
        private String receiptUrl;
        private Instant paymentStartedAt;
        private boolean toReconcile;

        private HoldItem(Hold placed) {
            this.placed = placed;
            this.status = placed.status();
            this.price = placed.price();
            this.version = placed.version();
        }

        private boolean liveAt(long nowSecond) {
            return placed.holdUntil().getEpochSecond() > nowSecond;
        }

        private Hold hold() {
            Hold p = placed;
            return new Hold(p.holdId(), p.userId(), p.customerName(), p.customerEmail(), p.scheduleId(),
                    p.performanceId(), p.seatId(), p.seatLabel(), p.gradeId(), p.gradeName(), status, p.createdAt(),
                    Instant.ofEpochSecond(p.holdUntil().getEpochSecond()), p.orderId(), p.orderName(), price, method,
                    discountCode, paymentKey, failureCode, failureMessage, approval(), version);
        }

        private Booking.PaymentInfo approval() {
            return approvedAt == null ? null
                    : new Booking.PaymentInfo(method, methodLabel, paymentKey, approvedAt, receiptUrl);
        }
    }

    private final Map<String, SeatItem> seats = new HashMap<>();
    private final Map<String, UserSeats> userSeats = new HashMap<>();
    private final Map<String, String> idempotencyKeys = new HashMap<>();
    private final Map<String, String> paymentKeys = new HashMap<>();
    private final Map<String, HoldItem> holds = new HashMap<>();
    private final Map<String, Booking> bookings = new HashMap<>();
    private final Map<String, Integer> heldSeats = new HashMap<>();
    private final Map<String, Integer> bookedSeats = new HashMap<>();
    /** {@code DISCOUNT#<code> / USES} and {@code DISCOUNT#<code> / USER#<id>} (→ holdId). */
    private final Map<String, Long> discountUses = new HashMap<>();
    private final Map<String, String> discountUsers = new HashMap<>();
    /** {@code USER#<id> / IDEM#CANCEL#<key>} → bookingId. */
    private final Map<String, String> cancelKeys = new HashMap<>();

    @Override
    public Optional<SeatClaim> seatClaim(String scheduleId, String seatId) {
        return Optional.ofNullable(seats.get(seatKey(scheduleId, seatId))).map(s -> new SeatClaim(s.holdId(),
                s.status(), s.holdUntil() == null ? null : Instant.ofEpochSecond(s.holdUntil())));
    }

    @Override
    public UserSeats userSeats(String userId, String scheduleId) {
        return userSeats.getOrDefault(userKey(userId, scheduleId), new UserSeats(Map.of(), 0));
    }

    @Override
    public Optional<String> holdForIdempotencyKey(String userId, String key) {
        return Optional.ofNullable(idempotencyKeys.get(userId + "/" + key));
    }

    @Override
    public void place(Hold hold, SeatClaim expired, UserSeats mine, String idempotencyKey, Instant now) {
        long nowSec = now.getEpochSecond();
        long until = hold.holdUntil().getEpochSecond();
        String seatKey = seatKey(hold.scheduleId(), hold.seatId());
        SeatItem seat = seats.get(seatKey);
        if (expired == null ? seat != null
                : seat == null || !expired.holdId().equals(seat.holdId()) || seat.status() != SeatStatus.PENDING
                        || seat.holdUntil() > nowSec) {
            throw new HoldConflict(Conflict.SEAT);
        }
        HoldItem old = expired == null ? null : holds.get(expired.holdId());
        if (expired != null && (old == null || old.status != HoldStatus.PENDING)) {
            throw new HoldConflict(Conflict.SEAT);
        }
        String userKey = userKey(hold.userId(), hold.scheduleId());
        UserSeats stored = userSeats.get(userKey);
        if (mine.version() == 0 ? stored != null : stored == null || stored.version() != mine.version()) {
            throw new HoldConflict(Conflict.USER_SEATS);
        }
        if (holds.containsKey(hold.holdId())) {
            throw new HoldConflict(Conflict.HOLD_STATE);
        }
        String idemKey = hold.userId() + "/" + idempotencyKey;
        if (idempotencyKey != null && idempotencyKeys.containsKey(idemKey)) {
            throw new HoldConflict(Conflict.IDEMPOTENCY_KEY);
        }

        seats.put(seatKey, new SeatItem(hold.holdId(), SeatStatus.PENDING, until, null));
        if (old == null) {
            heldSeats.merge(hold.scheduleId(), 1, Integer::sum);
        } else {
            old.status = HoldStatus.EXPIRED;
        }
        Map<String, Long> kept = new HashMap<>();
        mine.seats().forEach((holdId, seatUntil) -> {
            if (seatUntil == 0 || seatUntil > nowSec) {
                kept.put(holdId, seatUntil);
            }
        });
        kept.put(hold.holdId(), until);
        userSeats.put(userKey, new UserSeats(Map.copyOf(kept), mine.version() + 1));
        holds.put(hold.holdId(), new HoldItem(hold));
        if (idempotencyKey != null) {
            idempotencyKeys.put(idemKey, hold.holdId());
        }
    }

    @Override
    public void forgetIdempotencyKey(String userId, String key) {
        idempotencyKeys.remove(userId + "/" + key);
    }

    @Override
    public Optional<Hold> find(String holdId) {
        return Optional.ofNullable(holds.get(holdId)).map(HoldItem::hold);
    }

    @Override
    public void saveCheckout(Hold hold, String method, String discountCode, PriceBreakdown price) {
        HoldItem item = holds.get(hold.holdId());
        if (item == null || item.status != HoldStatus.PENDING || item.version != hold.version()) {
            throw new HoldConflict(Conflict.HOLD_STATE);
        }
        item.method = method;
        item.discountCode = discountCode;
        item.price = price;
        item.version++;
    }

    @Override
    public void startPayment(Hold hold, String paymentKey, Instant now, DiscountUse discount) {
        HoldItem item = holds.get(hold.holdId());
        if (item == null || item.status != HoldStatus.PENDING || !item.liveAt(now.getEpochSecond())
                || (discount != null && !discount.code().equals(item.discountCode))) {
            throw new HoldConflict(Conflict.HOLD_STATE);
        }
        String owner = paymentKeys.get(paymentKey);
        if (owner != null && !owner.equals(hold.holdId())) {
            throw new HoldConflict(Conflict.PAYMENT_KEY);
        }
        String seatKey = seatKey(hold.scheduleId(), hold.seatId());
        SeatItem seat = seats.get(seatKey);
        if (seat == null || !hold.holdId().equals(seat.holdId()) || seat.status() != SeatStatus.PENDING) {
            throw new HoldConflict(Conflict.SEAT);
        }
        UserSeats mine = existingUserSeats(hold);
        if (discount != null && (discountUses(discount.code()) >= discount.maxUses()
                || discountUsedBy(discount.code(), hold.userId()))) {
            throw new HoldConflict(Conflict.DISCOUNT);
        }
        if (discount != null) {
            discountUses.merge(discount.code(), 1L, Long::sum);
            discountUsers.put(discount.code() + "/" + hold.userId(), hold.holdId());
        }

        item.status = HoldStatus.PAYING;
        item.paymentKey = paymentKey;
        item.failureCode = null;
        item.failureMessage = null;
        item.version++;
        item.paymentStartedAt = Instant.ofEpochMilli(now.toEpochMilli());
        item.toReconcile = true;
        paymentKeys.put(paymentKey, hold.holdId());
        seats.put(seatKey, new SeatItem(seat.holdId(), seat.status(), null, seat.bookingId()));
        changeUserSeats(hold, mine, 0);
    }

    @Override
    public void recordPaymentFailure(String holdId, String code, String message) {
        HoldItem item = holds.get(holdId);
        if (item != null && item.status == HoldStatus.PENDING) {
            item.failureCode = code;
            item.failureMessage = message;
        }
    }

    @Override
    public void savePayment(String holdId, Booking.PaymentInfo payment) {
        HoldItem item = holds.get(holdId);
        if (item == null || item.status != HoldStatus.PAYING) {
            throw new HoldConflict(Conflict.HOLD_STATE);
        }
        item.methodLabel = payment.methodLabel();
        item.approvedAt = payment.approvedAt();
        if (payment.receiptUrl() != null) {
            item.receiptUrl = payment.receiptUrl();
        }
    }

    @Override
    public boolean release(Hold hold, Set<HoldStatus> from, HoldStatus outcome, String failureCode,
                           String failureMessage) {
        String seatKey = seatKey(hold.scheduleId(), hold.seatId());
        SeatItem seat = seats.get(seatKey);
        boolean mine = seat != null && hold.holdId().equals(seat.holdId());
        HoldItem item = holds.get(hold.holdId());
        if (item == null || !from.contains(item.status)) {
            return false;
        }
        // Nothing changes between this read and the write here, so the adapter's re-decide on a
        // SEAT or USER_SEATS conflict cannot happen; a missing user-seats item is the one failure left.
        UserSeats theirs = existingUserSeats(hold);

        // The adapter decides this from the hold it read and retries if the hold changed since:
        // the answer is always the hold's state at the write, as here.
        if (item.status == HoldStatus.PAYING && item.discountCode != null) {
            giveDiscountBack(item.discountCode, hold.userId());
        }
        item.status = outcome;
        item.version++;
        if (failureCode != null) {
            item.failureCode = failureCode;
            item.failureMessage = failureMessage == null ? failureCode : failureMessage;
        }
        if (mine) {
            seats.remove(seatKey);
        }
        // Taken over by another hold: the counters passed to it. Gone (TTL): still counted here.
        if (mine || seat == null) {
            heldSeats.merge(hold.scheduleId(), -1, Integer::sum);
        }
        if (item.paymentKey != null) {
            paymentKeys.remove(item.paymentKey, hold.holdId());
        }
        Map<String, Long> left = new HashMap<>(theirs.seats());
        left.remove(hold.holdId());
        userSeats.put(userKey(hold.userId(), hold.scheduleId()), new UserSeats(Map.copyOf(left), theirs.version() + 1));
        return true;
    }

    @Override
    public void confirm(Hold hold, Booking booking) {
        String seatKey = seatKey(hold.scheduleId(), hold.seatId());
        SeatItem seat = seats.get(seatKey);
        if (seat == null || !hold.holdId().equals(seat.holdId())) {
            throw new HoldConflict(Conflict.SEAT);
        }
        HoldItem item = holds.get(hold.holdId());
        if (item == null || item.status != HoldStatus.PAYING || bookings.containsKey(booking.bookingId())) {
            throw new HoldConflict(Conflict.HOLD_STATE);
        }
        UserSeats mine = existingUserSeats(hold);
        if (bookings.values().stream().anyMatch(b -> b.bookingNumber().equals(booking.bookingNumber()))) {
            throw new HoldConflict(Conflict.BOOKING_NUMBER);
        }

        seats.put(seatKey, new SeatItem(seat.holdId(), SeatStatus.BOOKED, null, booking.bookingId()));
        heldSeats.merge(hold.scheduleId(), -1, Integer::sum);
        bookedSeats.merge(hold.scheduleId(), 1, Integer::sum);
        item.status = HoldStatus.CONFIRMED;
        item.version++;
        bookings.put(booking.bookingId(), booking);
        changeUserSeats(hold, mine, 0);
    }

    @Override
    public void startRefund(Hold hold, Booking pending, String idempotencyKey) {
        Booking stored = bookings.get(pending.bookingId());
        if (stored == null || stored.status() != Booking.Status.CONFIRMED) {
            throw new HoldConflict(Conflict.HOLD_STATE);
        }
        String seatKey = seatKey(hold.scheduleId(), hold.seatId());
        SeatItem seat = seats.get(seatKey);
        if (seat == null || seat.status() != SeatStatus.BOOKED || !pending.bookingId().equals(seat.bookingId())) {
            throw new HoldConflict(Conflict.SEAT);
        }
        String idemKey = idempotencyKey == null ? null
                : userKey(pending.cancellation().requestedBy(), "CANCEL#" + idempotencyKey);
        if (idemKey != null && cancelKeys.containsKey(idemKey) && !cancelKeys.get(idemKey).equals(pending.bookingId())) {
            throw new HoldConflict(Conflict.IDEMPOTENCY_KEY);
        }
        bookings.put(pending.bookingId(), pending);
        seats.put(seatKey, new SeatItem(seat.holdId(), SeatStatus.PENDING, null, seat.bookingId()));
        heldSeats.merge(hold.scheduleId(), 1, Integer::sum);
        bookedSeats.merge(hold.scheduleId(), -1, Integer::sum);
        if (idemKey != null) {
            cancelKeys.put(idemKey, pending.bookingId());
        }
        // As the adapter's GSI1 entry, keyed by the cancel's time.
        HoldItem item = holds.get(hold.holdId());
        item.paymentStartedAt = pending.cancellation().requestedAt();
        item.toReconcile = true;
    }

    @Override
    public Optional<String> bookingForCancelKey(String userId, String key) {
        return Optional.ofNullable(cancelKeys.get(userKey(userId, "CANCEL#" + key)));
    }

    @Override
    public boolean saveRefundProgress(Booking pending) {
        Booking stored = bookings.get(pending.bookingId());
        if (stored == null || stored.status() != Booking.Status.REFUND_PENDING) {
            return false;
        }
        bookings.put(pending.bookingId(), pending);
        return true;
    }

    @Override
    public boolean completeRefund(Hold hold, Booking cancelled) {
        Booking stored = bookings.get(cancelled.bookingId());
        if (stored == null || stored.status() != Booking.Status.REFUND_PENDING) {
            return false;
        }
        String seatKey = seatKey(hold.scheduleId(), hold.seatId());
        SeatItem seat = seats.get(seatKey);
        if (seat == null || seat.status() != SeatStatus.PENDING || !cancelled.bookingId().equals(seat.bookingId())) {
            throw new HoldConflict(Conflict.SEAT);
        }
        UserSeats theirs = existingUserSeats(hold);
        bookings.put(cancelled.bookingId(), cancelled);
        seats.remove(seatKey);
        heldSeats.merge(hold.scheduleId(), -1, Integer::sum);
        Map<String, Long> left = new HashMap<>(theirs.seats());
        left.remove(hold.holdId());
        userSeats.put(userKey(hold.userId(), hold.scheduleId()), new UserSeats(Map.copyOf(left), theirs.version() + 1));
        if (hold.discountCode() != null) {
            giveDiscountBack(hold.discountCode(), hold.userId());
        }
        return true;
    }

    @Override
    public Optional<Booking> findBooking(String bookingId) {
        return Optional.ofNullable(bookings.get(bookingId));
    }

    @Override
    public List<Hold> paymentsToReconcile(Instant from, Instant to) {
        List<Hold> out = new ArrayList<>();
        holds.values().stream().filter(item -> item.toReconcile && !item.paymentStartedAt.isBefore(from)
                        && !item.paymentStartedAt.isAfter(to))
                .sorted(Comparator.comparing((HoldItem item) -> item.paymentStartedAt))
                .forEach(item -> out.add(item.hold()));
        return out;
    }

    @Override
    public void markReconciled(String holdId) {
        HoldItem item = holds.get(holdId);
        if (item != null) {
            item.toReconcile = false;
        }
    }

    @Override
    public long discountUses(String code) {
        return discountUses.getOrDefault(code, 0L);
    }

    @Override
    public boolean discountUsedBy(String code, String userId) {
        return discountUsers.containsKey(code + "/" + userId);
    }

    // --- what tests look at and what DynamoDB does on its own ---------------------------------

    /** The schedule's counter of held seats (starts at 0 here). */
    public int heldSeats(String scheduleId) {
        return heldSeats.getOrDefault(scheduleId, 0);
    }

    /** The schedule's counter of booked seats (starts at 0 here). */
    public int bookedSeats(String scheduleId) {
        return bookedSeats.getOrDefault(scheduleId, 0);
    }

    /** The hold a payment key is attached to, if any. */
    public Optional<String> paymentKeyOwner(String paymentKey) {
        return Optional.ofNullable(paymentKeys.get(paymentKey));
    }

    /** A booking made elsewhere (e.g. one that already has a number the saga would draw). */
    void putBooking(Booking booking) {
        bookings.put(booking.bookingId(), booking);
    }

    public int bookingCount() {
        return bookings.size();
    }

    /** DynamoDB's TTL deleted the seat item (it does so late, and nothing may depend on it). */
    public void seatItemDeletedByTtl(String scheduleId, String seatId) {
        seats.remove(seatKey(scheduleId, seatId));
    }

    // --- plumbing -----------------------------------------------------------------------------

    /** The user-seats item a change of a hold updates; the adapter's condition is that it exists. */
    private UserSeats existingUserSeats(Hold hold) {
        UserSeats mine = userSeats.get(userKey(hold.userId(), hold.scheduleId()));
        if (mine == null) {
            throw new HoldConflict(Conflict.USER_SEATS);
        }
        return mine;
    }

    private void changeUserSeats(Hold hold, UserSeats mine, long until) {
        Map<String, Long> changed = new HashMap<>(mine.seats());
        changed.put(hold.holdId(), until);
        userSeats.put(userKey(hold.userId(), hold.scheduleId()), new UserSeats(Map.copyOf(changed), mine.version() + 1));
    }

    private void giveDiscountBack(String code, String userId) {
        discountUses.merge(code, -1L, Long::sum);
        discountUsers.remove(code + "/" + userId);
    }

    private static String seatKey(String scheduleId, String seatId) {
        return scheduleId + "/" + seatId;
    }

    private static String userKey(String userId, String scheduleId) {
        return userId + "/" + scheduleId;
    }
}
