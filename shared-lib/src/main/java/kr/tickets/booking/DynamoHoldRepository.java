package kr.tickets.booking;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kr.tickets.aws.DynamoItems;
import kr.tickets.catalog.CatalogKeys;
import kr.tickets.catalog.SeatStatus;
import kr.tickets.ops.Metric;
import kr.tickets.ops.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Holds and bookings (docs/data-model.md). Catalog table: the seat claims
 * {@code SCHED#<id>#<shard> / SEAT#<seatId>} (holdId, status, gradeId, holdUntil; keys in
 * {@code CatalogKeys}); the schedule's {@code META} item is never written here, its counters being
 * derived from the claims (issue #11). Booking
 * table: {@code HOLD#<id> / META}, {@code BOOKING#<id> / META} (GSI1 {@code USER#<id> /
 * <bookedAt>#<id>}), {@code USER#<id> / SCHED#<id>} (the user's seats of a schedule) and
 * {@code USER#<id> / IDEM#<key>}, {@code PAYKEY#<paymentKey> / META} (the hold a Toss payment key
 * is attached to), discount code uses ({@code DISCOUNT#<code> / USES} and {@code DISCOUNT#<code> /
 * USER#<id>}) and, on a hold whose payment started, GSI1 {@code PAYMENTS#<hour>#<shard> /
 * <startedAt>#<id>} (reconciliation's sparse index). {@code expiresAt} is only DynamoDB's TTL clean-up, well after
 * every rule has stopped needing the item.
 */
@Singleton
@Requires(property = "booking.table")
public class DynamoHoldRepository implements HoldRepository {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoHoldRepository.class);
    private static final Duration SEAT_CLEANUP = Duration.ofDays(1);
    private static final Duration HOLD_CLEANUP = Duration.ofDays(30);
    private static final Duration IDEMPOTENCY_CLEANUP = Duration.ofDays(1);
    private static final Duration PAYMENT_KEY_CLEANUP = Duration.ofDays(400);
    /** Reconciliation's index is spread over this many partitions per hour, so no key gets hot in a rush. */
    static final int RECONCILE_SHARDS = 8;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);
    private static final int RELEASE_ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final Metrics metrics;
    private final String bookingTable;
    private final String catalogTable;

    public DynamoHoldRepository(DynamoDbClient dynamo, Metrics metrics, @Value("${booking.table}") String bookingTable,
                                @Value("${catalog.table:}") String catalogTable) {
        this.dynamo = dynamo;
        this.metrics = metrics;
        this.bookingTable = bookingTable;
        this.catalogTable = catalogTable;
    }

    @Override
    public Optional<SeatClaim> seatClaim(String scheduleId, String seatId) {
        return get(catalogTable, CatalogKeys.seat(scheduleId, seatId)).map(DynamoHoldRepository::seatClaim);
    }

    private static SeatClaim seatClaim(Map<String, AttributeValue> item) {
        return new SeatClaim(str(item, "holdId"), SeatStatus.valueOf(str(item, "status")),
                item.containsKey("holdUntil") ? Instant.ofEpochSecond(Long.parseLong(item.get("holdUntil").n())) : null);
    }

    @Override
    public UserSeats userSeats(String userId, String scheduleId) {
        return get(bookingTable, BookingKeys.userSeats(userId, scheduleId)).map(DynamoHoldRepository::userSeats)
                .orElse(new UserSeats(Map.of(), 0));
    }

    private static UserSeats userSeats(Map<String, AttributeValue> item) {
        Map<String, Long> seats = new HashMap<>();
        item.get("seats").m().forEach((hold, until) -> seats.put(hold, Long.parseLong(until.n())));
        return new UserSeats(seats, Long.parseLong(item.get("version").n()));
    }

    /** One strongly consistent BatchGetItem across the catalog and booking tables (unprocessed keys asked again). */
    @Override
    public PlacementReads placementReads(String userId, String scheduleId, String seatId, String idempotencyKey) {
        Map<String, AttributeValue> seatKey = CatalogKeys.seat(scheduleId, seatId);
        Map<String, AttributeValue> mineKey = BookingKeys.userSeats(userId, scheduleId);
        Map<String, AttributeValue> idemKey = idempotencyKey == null ? null : BookingKeys.holdIdempotency(userId, idempotencyKey);
        List<Map<String, AttributeValue>> bookingKeys = idemKey == null ? List.of(mineKey) : List.of(mineKey, idemKey);
        Map<String, List<Map<String, AttributeValue>>> found = catalogTable.equals(bookingTable)
                ? Map.of(bookingTable, DynamoItems.getAll(dynamo, bookingTable,
                        java.util.stream.Stream.concat(bookingKeys.stream(), java.util.stream.Stream.of(seatKey)).toList()))
                : DynamoItems.getAll(dynamo, Map.of(catalogTable, List.of(seatKey), bookingTable, bookingKeys));
        Optional<String> earlier = Optional.empty();
        Optional<SeatClaim> claim = Optional.empty();
        UserSeats mine = new UserSeats(Map.of(), 0);
        for (List<Map<String, AttributeValue>> items : found.values()) {
            for (Map<String, AttributeValue> item : items) {
                if (sameKey(item, seatKey)) {
                    claim = Optional.of(seatClaim(item));
                } else if (sameKey(item, mineKey)) {
                    mine = userSeats(item);
                } else if (idemKey != null && sameKey(item, idemKey)) {
                    earlier = Optional.of(item.get("holdId").s());
                }
            }
        }
        return new PlacementReads(earlier, claim, mine);
    }

    private static boolean sameKey(Map<String, AttributeValue> item, Map<String, AttributeValue> key) {
        return key.get("pk").equals(item.get("pk")) && key.get("sk").equals(item.get("sk"));
    }

    @Override
    public Optional<String> holdForIdempotencyKey(String userId, String key) {
        return get(bookingTable, BookingKeys.holdIdempotency(userId, key)).map(item -> item.get("holdId").s());
    }

    @Override
    public void place(Hold hold, SeatClaim expired, UserSeats userSeats, String idempotencyKey, Instant now) {
        long nowSec = now.getEpochSecond();
        long until = hold.holdUntil().getEpochSecond();
        List<TransactWriteItem> writes = new ArrayList<>();
        List<Conflict> meaning = new ArrayList<>();

        Map<String, AttributeValue> seat = CatalogKeys.seat(hold.scheduleId(), hold.seatId());
        seat.put("holdId", s(hold.holdId()));
        seat.put("userId", s(hold.userId()));
        seat.put("status", s(SeatStatus.PENDING.name()));
        // The grade's remaining seats are derived from the claims (SeatClaims), not counted on the schedule.
        seat.put("gradeId", s(hold.gradeId()));
        seat.put("holdUntil", n(until));
        seat.put("expiresAt", n(until + SEAT_CLEANUP.toSeconds()));
        Put.Builder seatPut = Put.builder().tableName(catalogTable).item(seat);
        if (expired == null) {
            seatPut.conditionExpression("attribute_not_exists(pk)");
        } else {
            seatPut.conditionExpression("holdId = :old AND #status = :pending AND holdUntil <= :now")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":old", s(expired.holdId()), ":pending", s(SeatStatus.PENDING.name()),
                            ":now", n(nowSec)));
        }
        writes.add(TransactWriteItem.builder().put(seatPut.build()).build());
        meaning.add(Conflict.SEAT);

        // No write to the schedule's item (issue #11): its counters and the seat map's version are
        // derived from the claims, so a rush spreads over the claim shards instead of one hot item.
        if (expired != null) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(bookingTable)
                    .key(BookingKeys.hold(expired.holdId()))
                    .updateExpression("SET #status = :expired")
                    // A hold whose payment is being confirmed keeps its seat until its saga ends.
                    .conditionExpression("#status = :pending")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":expired", s(HoldStatus.EXPIRED.name()),
                            ":pending", s(HoldStatus.PENDING.name()))).build()).build());
            meaning.add(Conflict.SEAT);
        }

        Map<String, AttributeValue> mine = BookingKeys.userSeats(hold.userId(), hold.scheduleId());
        Map<String, AttributeValue> seats = new HashMap<>();
        userSeats.seats().forEach((holdId, seatUntil) -> {
            if (seatUntil == 0 || seatUntil > nowSec) {
                seats.put(holdId, n(seatUntil));
            }
        });
        seats.put(hold.holdId(), n(until));
        mine.put("seats", AttributeValue.fromM(seats));
        mine.put("version", n(userSeats.version() + 1));
        Put.Builder minePut = Put.builder().tableName(bookingTable).item(mine);
        if (userSeats.version() == 0) {
            minePut.conditionExpression("attribute_not_exists(pk)");
        } else {
            minePut.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(userSeats.version())));
        }
        writes.add(TransactWriteItem.builder().put(minePut.build()).build());
        meaning.add(Conflict.USER_SEATS);

        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(bookingTable).item(holdItem(hold))
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        meaning.add(Conflict.HOLD_STATE);

        if (idempotencyKey != null) {
            Map<String, AttributeValue> idem = BookingKeys.holdIdempotency(hold.userId(), idempotencyKey);
            idem.put("holdId", s(hold.holdId()));
            idem.put("expiresAt", n(nowSec + IDEMPOTENCY_CLEANUP.toSeconds()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(bookingTable).item(idem)
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
            meaning.add(Conflict.IDEMPOTENCY_KEY);
        }
        write(writes, meaning);
    }

    @Override
    public void forgetIdempotencyKey(String userId, String key) {
        dynamo.deleteItem(r -> r.tableName(bookingTable).key(BookingKeys.holdIdempotency(userId, key)));
    }

    @Override
    public Optional<Hold> find(String holdId) {
        return get(bookingTable, BookingKeys.hold(holdId)).map(DynamoHoldRepository::hold);
    }

    @Override
    public void saveCheckout(Hold hold, String method, String discountCode, PriceBreakdown price) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":m", s(method), ":sp", n(price.seatPrice()),
                ":fee", n(price.fee()), ":d", n(price.discount()), ":v", n(hold.version()), ":one", n(1),
                ":pending", s(HoldStatus.PENDING.name())));
        String set = "SET #method = :m, seatPrice = :sp, fee = :fee, discount = :d, version = version + :one";
        if (discountCode != null) {
            values.put(":code", s(discountCode));
            set += ", discountCode = :code";
        } else {
            set += " REMOVE discountCode";
        }
        updateHold(hold.holdId(), set, "#status = :pending AND version = :v", values, Map.of("#method", "method"));
    }

    @Override
    public void startPayment(Hold hold, String paymentKey, Instant now, DiscountUse discount) {
        Map<String, AttributeValue> keyItem = BookingKeys.paymentKeyClaim(paymentKey);
        keyItem.put("holdId", s(hold.holdId()));
        keyItem.put("orderId", s(hold.orderId()));
        keyItem.put("userId", s(hold.userId()));
        keyItem.put("createdAt", s(now.toString()));
        keyItem.put("expiresAt", n(now.plus(PAYMENT_KEY_CLEANUP).getEpochSecond()));
        Map<String, AttributeValue> holdValues = new HashMap<>(Map.of(":paying", s(HoldStatus.PAYING.name()), ":pending", s(HoldStatus.PENDING.name()),
                ":k", s(paymentKey), ":one", n(1), ":now", n(now.getEpochSecond()),
                ":started", s(now.toString()), ":rpk", s(reconcilePk(hold.holdId(), now)),
                ":rsk", s(reconcileSk(hold.holdId(), now))));
        String holdCondition = "#status = :pending AND holdUntil > :now";
        if (discount != null) {
            // The use counted must be the code the hold keeps, which a checkout could have changed.
            holdValues.put(":dc", s(discount.code()));
            holdCondition += " AND discountCode = :dc";
        }
        List<TransactWriteItem> writes = new ArrayList<>(List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(bookingTable)
                        .key(BookingKeys.hold(hold.holdId()))
                        .updateExpression("SET #status = :paying, paymentKey = :k, paymentStartedAt = :started, "
                                + "GSI1PK = :rpk, GSI1SK = :rsk, version = version + :one "
                                + "REMOVE failureCode, failureMessage")
                        .conditionExpression(holdCondition)
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(holdValues).build()).build(),
                // One key pays for one order: a key already attached to another hold refuses this one.
                TransactWriteItem.builder().put(Put.builder().tableName(bookingTable).item(keyItem)
                        .conditionExpression("attribute_not_exists(pk) OR holdId = :h")
                        .expressionAttributeValues(Map.of(":h", s(hold.holdId()))).build()).build(),
                // The seat stays this hold's until its saga ends, however long Toss takes: no expiry
                // a take-over could use, and no TTL clean-up.
                TransactWriteItem.builder().update(Update.builder().tableName(catalogTable)
                        .key(CatalogKeys.seat(hold.scheduleId(), hold.seatId()))
                        .updateExpression("REMOVE holdUntil, expiresAt")
                        .conditionExpression("holdId = :h AND #status = :pending")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":h", s(hold.holdId()), ":pending", s(SeatStatus.PENDING.name())))
                        .build()).build(),
                // The user's limit counts the seat until the saga ends (0: no expiry, as for a booked seat).
                TransactWriteItem.builder().update(userSeatsUpdate(hold, "SET seats.#h = :zero")).build()));
        List<Conflict> meaning = new ArrayList<>(List.of(Conflict.HOLD_STATE, Conflict.PAYMENT_KEY, Conflict.SEAT,
                Conflict.USER_SEATS));
        if (discount != null) {
            countDiscountUse(hold, discount, now, writes, meaning);
        }
        write(writes, meaning);
    }

    @Override
    public long discountUses(String code) {
        return get(bookingTable, BookingKeys.discountUses(code)).map(item -> num(item, "uses")).orElse(0L);
    }

    @Override
    public boolean discountUsedBy(String code, String userId) {
        return get(bookingTable, BookingKeys.discountUse(code, userId)).isPresent();
    }

    /**
     * A discount code's use: the code's counter ({@code DISCOUNT#<code> / USES}) goes up only
     * while below the maximum, and the user's use ({@code DISCOUNT#<code> / USER#<id>}) is
     * written only if they have none, both atomically with the payment's start.
     */
    private void countDiscountUse(Hold hold, DiscountUse discount, Instant now, List<TransactWriteItem> writes,
                                  List<Conflict> meaning) {
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(bookingTable)
                .key(BookingKeys.discountUses(discount.code()))
                .updateExpression("SET uses = if_not_exists(uses, :zero) + :one")
                .conditionExpression("attribute_not_exists(uses) OR uses < :max")
                .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1), ":max", n(discount.maxUses())))
                .build()).build());
        meaning.add(Conflict.DISCOUNT);
        Map<String, AttributeValue> use = BookingKeys.discountUse(discount.code(), hold.userId());
        use.put("holdId", s(hold.holdId()));
        use.put("usedAt", s(now.toString()));
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(bookingTable).item(use)
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        meaning.add(Conflict.DISCOUNT);
    }

    /**
     * Gives back the use {@link #countDiscountUse} counted for a PAYING hold ending without a
     * booking. Unconditional: the transaction's condition on the hold item (PAYING, or the version
     * read) already proves that this hold's payment counted it.
     */
    private void giveDiscountBack(Hold hold, List<TransactWriteItem> writes, List<Conflict> meaning) {
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(bookingTable)
                .key(BookingKeys.discountUses(hold.discountCode()))
                .updateExpression("ADD uses :minus")
                .expressionAttributeValues(Map.of(":minus", n(-1))).build()).build());
        meaning.add(Conflict.DISCOUNT);
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(bookingTable)
                .key(BookingKeys.discountUse(hold.discountCode(), hold.userId())).build()).build());
        meaning.add(Conflict.DISCOUNT);
    }

    @Override
    public void recordPaymentFailure(String holdId, String code, String message) {
        try {
            updateHold(holdId, "SET failureCode = :c, failureMessage = :m", "#status = :pending",
                    Map.of(":c", s(code), ":m", s(message), ":pending", s(HoldStatus.PENDING.name())));
        } catch (HoldConflict paidMeanwhile) {
            // A confirm overtook the fail redirect: its outcome is the one that counts.
        }
    }

    @Override
    public void savePayment(String holdId, Booking.PaymentInfo payment) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":method", s(payment.method()));
        values.put(":label", s(payment.methodLabel()));
        values.put(":approved", s(payment.approvedAt().toString()));
        values.put(":paying", s("PAYING"));
        // The method too: a payment confirmed without a checkout has none on the hold yet.
        String set = "SET #method = :method, methodLabel = :label, approvedAt = :approved";
        if (payment.receiptUrl() != null) {
            values.put(":receipt", s(payment.receiptUrl()));
            set += ", receiptUrl = :receipt";
        }
        updateHold(holdId, set, "#status = :paying", values, Map.of("#method", "method"));
    }

    @Override
    public boolean release(Hold hold, Set<HoldStatus> from, HoldStatus outcome, String failureCode,
                           String failureMessage) {
        return release(hold, from, outcome, failureCode, failureMessage, RELEASE_ATTEMPTS);
    }

    private boolean release(Hold hold, Set<HoldStatus> from, HoldStatus outcome, String failureCode,
                            String failureMessage, int attempts) {
        Optional<SeatClaim> claim = seatClaim(hold.scheduleId(), hold.seatId());
        boolean mine = claim.map(c -> hold.holdId().equals(c.holdId())).orElse(false);
        List<TransactWriteItem> writes = new ArrayList<>();
        List<Conflict> meaning = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":outcome", s(outcome.name()), ":one", n(1)));
        List<String> allowed = new ArrayList<>();
        for (HoldStatus state : from) {
            values.put(":from" + state.ordinal(), s(state.name()));
            allowed.add(":from" + state.ordinal());
        }
        String set = "SET #status = :outcome, version = version + :one";
        if (failureCode != null) {
            values.put(":code", s(failureCode));
            values.put(":message", s(failureMessage == null ? failureCode : failureMessage));
            set += ", failureCode = :code, failureMessage = :message";
        }
        String condition = "#status IN (" + String.join(", ", allowed) + ")";
        if (hold.discountCode() != null) {
            // Whether a discount use is given back depends on the state read: write only on that state.
            values.put(":v", n(hold.version()));
            condition += " AND version = :v";
        }
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(bookingTable)
                .key(BookingKeys.hold(hold.holdId()))
                .updateExpression(set)
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(values).build()).build());
        meaning.add(Conflict.HOLD_STATE);
        if (mine) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(catalogTable)
                    .key(CatalogKeys.seat(hold.scheduleId(), hold.seatId()))
                    .conditionExpression("holdId = :h")
                    .expressionAttributeValues(Map.of(":h", s(hold.holdId()))).build()).build());
            meaning.add(Conflict.SEAT);
        }
        writes.add(TransactWriteItem.builder().update(userSeatsUpdate(hold, "REMOVE seats.#h")).build());
        meaning.add(Conflict.USER_SEATS);
        if (hold.paymentKey() != null) {
            // The key was refused or refunded with this hold: free it, so a key someone else sent
            // here first (a leaked one) does not block its own order's payment.
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(bookingTable)
                    .key(BookingKeys.paymentKeyClaim(hold.paymentKey()))
                    .conditionExpression("attribute_not_exists(pk) OR holdId = :h")
                    .expressionAttributeValues(Map.of(":h", s(hold.holdId()))).build()).build());
            meaning.add(Conflict.PAYMENT_KEY);
        }
        if (hold.discountCode() != null && hold.status() == HoldStatus.PAYING) {
            giveDiscountBack(hold, writes, meaning);
        }
        try {
            write(writes, meaning);
            return true;
        } catch (HoldConflict conflict) {
            if (conflict.conflict() == Conflict.HOLD_STATE && (hold.discountCode() == null
                    || find(hold.holdId()).map(h -> !from.contains(h.status())).orElse(true))) {
                return false;
            }
            // The seat (or a discounted hold) changed between the read and the write: decide again
            // from what is there now.
            if (attempts <= 1) {
                throw conflict;
            }
            return find(hold.holdId()).filter(h -> from.contains(h.status()))
                    .map(h -> release(h, from, outcome, failureCode, failureMessage, attempts - 1)).orElse(false);
        }
    }

    @Override
    public void confirm(Hold hold, Booking booking) {
        BookingWrite items = bookingWrite(booking);
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(Update.builder().tableName(catalogTable)
                        .key(CatalogKeys.seat(hold.scheduleId(), hold.seatId()))
                        .updateExpression("SET #status = :booked, bookingId = :b REMOVE holdUntil, expiresAt")
                        .conditionExpression("holdId = :h")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":booked", s(SeatStatus.BOOKED.name()), ":b", s(booking.bookingId()),
                                ":h", s(hold.holdId()))).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(bookingTable)
                        .key(BookingKeys.hold(hold.holdId()))
                        .updateExpression("SET #status = :confirmed, version = version + :one")
                        .conditionExpression("#status = :paying")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":confirmed", s("CONFIRMED"), ":paying", s("PAYING"),
                                ":one", n(1))).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(bookingTable).item(items.booking())
                        .conditionExpression("attribute_not_exists(pk)").build()).build(),
                TransactWriteItem.builder().update(userSeatsUpdate(hold, "SET seats.#h = :zero")).build(),
                // The user's list by title reads these entries, never the bookings themselves.
                TransactWriteItem.builder().put(Put.builder().tableName(bookingTable)
                        .item(items.titleEntry()).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(bookingTable)
                        .item(items.numberClaim()).conditionExpression("attribute_not_exists(pk)")
                        .build()).build());
        write(writes, List.of(Conflict.SEAT, Conflict.HOLD_STATE, Conflict.HOLD_STATE,
                Conflict.USER_SEATS, Conflict.HOLD_STATE, Conflict.BOOKING_NUMBER));
    }

    @Override
    public Optional<Booking> findBooking(String bookingId) {
        return get(bookingTable, BookingKeys.booking(bookingId)).map(BookingItems::booking);
    }

    @Override
    public void startRefund(Hold hold, Booking pending, String idempotencyKey) {
        List<TransactWriteItem> writes = new ArrayList<>();
        List<Conflict> meaning = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(bookingPut(pending, Booking.Status.CONFIRMED)).build());
        meaning.add(Conflict.HOLD_STATE);
        // PENDING without holdUntil: a take-over needs an expired hold, so nobody can claim it.
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(catalogTable)
                .key(CatalogKeys.seat(hold.scheduleId(), hold.seatId()))
                .updateExpression("SET #status = :pending, refundOf = :b")
                .conditionExpression("bookingId = :b AND #status = :booked")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":pending", s(SeatStatus.PENDING.name()), ":booked", s(SeatStatus.BOOKED.name()),
                        ":b", s(pending.bookingId()))).build()).build());
        meaning.add(Conflict.SEAT);
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(bookingTable)
                .item(BookingItems.titleEntry(pending)).build()).build());
        meaning.add(Conflict.HOLD_STATE);
        // Back into reconciliation's index: a refund flow whose start was lost is started from there.
        Instant accepted = pending.cancellation().requestedAt();
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(bookingTable)
                .key(BookingKeys.hold(hold.holdId()))
                .updateExpression("SET GSI1PK = :rpk, GSI1SK = :rsk")
                .conditionExpression("#status = :confirmed")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":rpk", s(reconcilePk(hold.holdId(), accepted)),
                        ":rsk", s(reconcileSk(hold.holdId(), accepted)), ":confirmed", s("CONFIRMED")))
                .build()).build());
        meaning.add(Conflict.HOLD_STATE);
        if (idempotencyKey != null) {
            Map<String, AttributeValue> idem = BookingKeys.cancelIdempotency(pending.cancellation().requestedBy(),
                    idempotencyKey);
            idem.put("bookingId", s(pending.bookingId()));
            idem.put("expiresAt", n(pending.cancellation().requestedAt().plus(IDEMPOTENCY_CLEANUP).getEpochSecond()));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(bookingTable).item(idem)
                    .conditionExpression("attribute_not_exists(pk) OR bookingId = :b")
                    .expressionAttributeValues(Map.of(":b", s(pending.bookingId()))).build()).build());
            meaning.add(Conflict.IDEMPOTENCY_KEY);
        }
        write(writes, meaning);
    }

    @Override
    public Optional<String> bookingForCancelKey(String userId, String key) {
        return get(bookingTable, BookingKeys.cancelIdempotency(userId, key)).map(item -> item.get("bookingId").s());
    }

    @Override
    public boolean saveRefundProgress(Booking pending) {
        Put put = bookingPut(pending, Booking.Status.REFUND_PENDING);
        try {
            dynamo.putItem(r -> r.tableName(put.tableName()).item(put.item())
                    .conditionExpression(put.conditionExpression())
                    .expressionAttributeNames(put.expressionAttributeNames())
                    .expressionAttributeValues(put.expressionAttributeValues()));
            return true;
        } catch (ConditionalCheckFailedException movedOn) {
            return false;
        }
    }

    @Override
    public boolean completeRefund(Hold hold, Booking cancelled) {
        List<TransactWriteItem> writes = new ArrayList<>();
        List<Conflict> meaning = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(bookingPut(cancelled, Booking.Status.REFUND_PENDING)).build());
        meaning.add(Conflict.HOLD_STATE);
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(catalogTable)
                .key(CatalogKeys.seat(hold.scheduleId(), hold.seatId()))
                .conditionExpression("refundOf = :b")
                .expressionAttributeValues(Map.of(":b", s(cancelled.bookingId()))).build()).build());
        meaning.add(Conflict.SEAT);
        writes.add(TransactWriteItem.builder().update(userSeatsUpdate(hold, "REMOVE seats.#h")).build());
        meaning.add(Conflict.USER_SEATS);
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(bookingTable)
                .item(BookingItems.titleEntry(cancelled)).build()).build());
        meaning.add(Conflict.HOLD_STATE);
        if (hold.discountCode() != null) {
            giveDiscountBack(hold, writes, meaning);
        }
        try {
            write(writes, meaning);
            return true;
        } catch (HoldConflict conflict) {
            if (conflict.conflict() == Conflict.HOLD_STATE) {
                return false;
            }
            throw conflict;
        }
    }

    /** A put of the whole booking item, only while the stored booking is in {@code expected}. */
    private Put bookingPut(Booking booking, Booking.Status expected) {
        return Put.builder().tableName(bookingTable).item(bookingItem(booking))
                .conditionExpression("#status = :expected")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":expected", s(expected.name()))).build();
    }

    @Override
    public List<Hold> paymentsToReconcile(Instant from, Instant to) {
        List<Hold> out = new ArrayList<>();
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS); !hour.isAfter(to);
             hour = hour.plus(Duration.ofHours(1))) {
            for (int shard = 0; shard < RECONCILE_SHARDS; shard++) {
                String pk = reconcilePk(hour, shard);
                Map<String, AttributeValue> start = null;
                do {
                    Map<String, AttributeValue> page = start;
                    var result = dynamo.query(r -> r.tableName(bookingTable).indexName("GSI1")
                            .keyConditionExpression("GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to")
                            .expressionAttributeValues(Map.of(":pk", s(pk),
                                    ":from", s(BookingKeys.sortableMillis(from)), ":to", s(BookingKeys.sortableMillis(to) + "~")))
                            .exclusiveStartKey(page));
                    result.items().forEach(item -> out.add(hold(item)));
                    start = result.hasLastEvaluatedKey() && !result.lastEvaluatedKey().isEmpty()
                            ? result.lastEvaluatedKey() : null;
                } while (start != null);
            }
        }
        return out;
    }

    @Override
    public void markReconciled(String holdId) {
        dynamo.updateItem(r -> r.tableName(bookingTable).key(BookingKeys.hold(holdId))
                .updateExpression("REMOVE GSI1PK, GSI1SK").conditionExpression("attribute_exists(pk)"));
    }

    // --- items --------------------------------------------------------------------------------

    /** Reconciliation's index: the hour the payment started and a shard of the hold id. */
    static String reconcilePk(String holdId, Instant startedAt) {
        return reconcilePk(startedAt, Math.floorMod(holdId.hashCode(), RECONCILE_SHARDS));
    }

    private static String reconcilePk(Instant hour, int shard) {
        return BookingKeys.reconcilePk(HOUR.format(hour), shard);
    }

    static String reconcileSk(String holdId, Instant startedAt) {
        return BookingKeys.sortableMillis(startedAt) + "#" + holdId;
    }

    private Update userSeatsUpdate(Hold hold, String change) {
        return userSeatsUpdate(hold, change, change.contains(":zero") ? Map.of(":zero", n(0)) : Map.of());
    }

    private Update userSeatsUpdate(Hold hold, String change, Map<String, AttributeValue> changeValues) {
        Map<String, AttributeValue> values = new HashMap<>(changeValues);
        values.put(":one", n(1));
        String expression = change.startsWith("SET") ? change + ", version = version + :one"
                : "SET version = version + :one " + change;
        return Update.builder().tableName(bookingTable)
                .key(BookingKeys.userSeats(hold.userId(), hold.scheduleId()))
                .updateExpression(expression)
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#h", hold.holdId()))
                .expressionAttributeValues(values)
                .build();
    }

    private static Map<String, AttributeValue> holdItem(Hold hold) {
        Map<String, AttributeValue> item = BookingKeys.hold(hold.holdId());
        item.put("holdId", s(hold.holdId()));
        item.put("userId", s(hold.userId()));
        item.put("customerName", s(hold.customerName()));
        item.put("customerEmail", s(hold.customerEmail()));
        item.put("scheduleId", s(hold.scheduleId()));
        item.put("performanceId", s(hold.performanceId()));
        item.put("seatId", s(hold.seatId()));
        item.put("seatLabel", s(hold.seatLabel()));
        item.put("gradeId", s(hold.gradeId()));
        item.put("gradeName", s(hold.gradeName()));
        item.put("status", s(hold.status().name()));
        item.put("createdAt", s(hold.createdAt().toString()));
        item.put("holdUntil", n(hold.holdUntil().getEpochSecond()));
        item.put("orderId", s(hold.orderId()));
        item.put("orderName", s(hold.orderName()));
        item.put("seatPrice", n(hold.price().seatPrice()));
        item.put("fee", n(hold.price().fee()));
        item.put("discount", n(hold.price().discount()));
        item.put("version", n(hold.version()));
        item.put("expiresAt", n(hold.holdUntil().plus(HOLD_CLEANUP).getEpochSecond()));
        return item;
    }

    private static Hold hold(Map<String, AttributeValue> item) {
        return new Hold(str(item, "holdId"), str(item, "userId"), str(item, "customerName"),
                str(item, "customerEmail"), str(item, "scheduleId"), str(item, "performanceId"), str(item, "seatId"),
                str(item, "seatLabel"), str(item, "gradeId"), str(item, "gradeName"),
                HoldStatus.valueOf(str(item, "status")), Instant.parse(str(item, "createdAt")),
                Instant.ofEpochSecond(num(item, "holdUntil")), str(item, "orderId"), str(item, "orderName"),
                new PriceBreakdown(num(item, "seatPrice"), num(item, "fee"), num(item, "discount")),
                str(item, "method"), str(item, "discountCode"), str(item, "paymentKey"),
                str(item, "failureCode"), str(item, "failureMessage"), payment(item), num(item, "version"));
    }

    /** How Toss approved a hold's payment, or null before approval. */
    static Booking.PaymentInfo payment(Map<String, AttributeValue> item) {
        if (!item.containsKey("approvedAt")) {
            return null;
        }
        return new Booking.PaymentInfo(str(item, "method"), str(item, "methodLabel"), str(item, "paymentKey"),
                Instant.parse(str(item, "approvedAt")), str(item, "receiptUrl"));
    }

    /**
     * The items one booking writes (what {@link #confirm} puts): the booking with its keys and
     * both index entries, its title entry (the user's list by title) and its number claim.
     */
    public record BookingWrite(Map<String, AttributeValue> booking, Map<String, AttributeValue> titleEntry,
                               Map<String, AttributeValue> numberClaim) {
        public List<Map<String, AttributeValue>> items() {
            return List.of(booking, titleEntry, numberClaim);
        }
    }

    /**
     * {@link BookingWrite} of {@code booking}, keyed by {@link BookingKeys}. Public so that tests
     * and benchmarks seed bookings with the real key design, never with keys of their own.
     */
    public static BookingWrite bookingWrite(Booking booking) {
        Map<String, AttributeValue> claim = BookingKeys.bookingNumberClaim(booking.bookingNumber());
        claim.put("bookingId", s(booking.bookingId()));
        return new BookingWrite(bookingItem(booking), BookingItems.titleEntry(booking), claim);
    }

    /** The booking item with its keys and both index entries. */
    private static Map<String, AttributeValue> bookingItem(Booking booking) {
        Map<String, AttributeValue> item = BookingItems.item(booking);
        item.putAll(BookingKeys.booking(booking.bookingId()));
        item.put("GSI1PK", s(BookingKeys.userPk(booking.userId())));
        item.put("GSI1SK", s(BookingKeys.dateSk(booking.bookedAt(), booking.bookingId())));
        item.put("GSI2PK", s(BookingKeys.schedulePk(booking.scheduleId())));
        item.put("GSI2SK", s(BookingKeys.scheduleSk(booking.status(), booking.bookedAt(), booking.bookingId())));
        return item;
    }

    // --- plumbing -----------------------------------------------------------------------------

    private void updateHold(String holdId, String set, String condition, Map<String, AttributeValue> values) {
        updateHold(holdId, set, condition, values, Map.of());
    }

    private void updateHold(String holdId, String set, String condition, Map<String, AttributeValue> values,
                            Map<String, String> moreNames) {
        Map<String, String> names = new HashMap<>(moreNames);
        if (condition.contains("#status")) {
            names.put("#status", "status");
        }
        try {
            dynamo.updateItem(r -> r.tableName(bookingTable).key(BookingKeys.hold(holdId))
                    .updateExpression(set).conditionExpression(condition)
                    .expressionAttributeNames(names.isEmpty() ? null : names).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            throw conditionFailed(Conflict.HOLD_STATE);
        }
    }

    private void write(List<TransactWriteItem> writes, List<Conflict> meaning) {
        try {
            DynamoItems.transact(() -> dynamo.transactWriteItems(r -> r.transactItems(writes)), metrics);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            for (int i = 0; i < reasons.size() && i < meaning.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                    throw conditionFailed(meaning.get(i));
                }
            }
            throw e;
        }
    }

    /** Where a failed condition of a hold's write becomes the domain's conflict: counted and logged once here. */
    private HoldConflict conditionFailed(Conflict conflict) {
        metrics.count(Metric.CONDITION_CHECK_FAILED);
        LOG.warn("DynamoDB condition failed conflict={}", conflict);
        return new HoldConflict(conflict);
    }

    private Optional<Map<String, AttributeValue>> get(String table, Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }
}
