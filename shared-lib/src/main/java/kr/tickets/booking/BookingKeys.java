package kr.tickets.booking;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The keys of BookingTable's items and the indexes that list them (docs/data-model.md,
 * "BookingTable"): the one place that spells them, for the repositories, tests and benchmarks.
 *
 * <ul>
 * <li>booking: {@code BOOKING#<id> / META};</li>
 * <li>GSI1, a user's bookings by booking date: {@code USER#<userId> / <bookedAt ms, 15 digits>#<id>};</li>
 * <li>GSI2, a schedule's bookings by status: {@code SCHED#<scheduleId> / <status>#<bookedAt ms>#<id>};</li>
 * <li>title entry (base table), a user's bookings by show title:
 *     {@code USER#<userId> / BYTITLE#<title sort key>\u0001<bookedAt ms>#<id>}, kept by TTL for
 *     {@link #LIST_WINDOW} after the booking, so the title order never reads older bookings;</li>
 * <li>booking number claim: {@code BOOKINGNO#<number> / META};</li>
 * <li>hold: {@code HOLD#<id> / META}; the hold a payment key belongs to: {@code PAYKEY#<key> / META};
 *     reconciliation's index (GSI1): {@code PAYMENTS#<hour>#<shard>};</li>
 * <li>in the user's partition {@code USER#<userId>}: the seats of a schedule {@code SCHED#<scheduleId>},
 *     idempotency keys {@code IDEM#<key>} (holds) and {@code IDEM#CANCEL#<key>} (cancels), wrong
 *     discount codes {@code DISCOUNT_ATTEMPTS};</li>
 * <li>discount codes: {@code DISCOUNT#<code> / USES} and {@code DISCOUNT#<code> / USER#<userId>}.</li>
 * </ul>
 */
public final class BookingKeys {
    /** How far back a user's booking list reaches (requirements §5.1: the last year). */
    public static final Duration LIST_WINDOW = Duration.ofDays(365);
    public static final String META = "META";
    public static final String TITLE_PREFIX = "BYTITLE#";
    /**
     * Ends the title inside a title entry's sort key. Below every character a title keeps, so a
     * title sorts before any longer title it begins (e.g. "Cats" before "Cats 2").
     */
    static final char TITLE_END = '\u0001';
    private static final int TITLE_KEY_MAX = 200;
    /** The booking id and its date at the end of every list key: {@code <ms, 15 digits>#<id>}. */
    private static final String DATED_ID = "\\d{15}#[A-Za-z0-9._:-]{1,64}";
    private static final Pattern DATE_SK = Pattern.compile(DATED_ID);
    private static final Pattern TITLE_SK = Pattern.compile(Pattern.quote(TITLE_PREFIX) + "[^\u0001]*\u0001"
            + DATED_ID);
    private static final Pattern SCHEDULE_SK = Pattern.compile("(" + Arrays.stream(Booking.Status.values())
            .map(Enum::name).collect(Collectors.joining("|")) + ")#" + DATED_ID);

    private BookingKeys() {
    }

    public static Map<String, AttributeValue> booking(String bookingId) {
        return key("BOOKING#" + bookingId, META);
    }

    public static String userPk(String userId) {
        return "USER#" + userId;
    }

    /** GSI1SK of a booking: its date order within the user's partition. */
    public static String dateSk(Instant bookedAt, String bookingId) {
        return sortableMillis(bookedAt) + "#" + bookingId;
    }

    /** The lowest GSI1SK of a booking made at or after {@code from}. */
    public static String dateSkFrom(Instant from) {
        return sortableMillis(from);
    }

    public static String schedulePk(String scheduleId) {
        return "SCHED#" + scheduleId;
    }

    /** GSI2SK of a booking: grouped by status, then by booking date. */
    public static String scheduleSk(Booking.Status status, Instant bookedAt, String bookingId) {
        return status.name() + "#" + sortableMillis(bookedAt) + "#" + bookingId;
    }

    public static String scheduleStatusPrefix(Booking.Status status) {
        return status.name() + "#";
    }

    /** The title entry of a booking, in its user's partition. */
    public static Map<String, AttributeValue> titleEntry(String userId, String title, Instant bookedAt,
                                                         String bookingId) {
        return key(userPk(userId), TITLE_PREFIX + titleSortKey(title) + TITLE_END + sortableMillis(bookedAt) + "#"
                + bookingId);
    }

    /** When a title entry leaves the list (and DynamoDB's TTL may delete it): epoch seconds. */
    public static long titleEntryExpiry(Instant bookedAt) {
        return bookedAt.plus(LIST_WINDOW).getEpochSecond();
    }

    /** Whether {@code sk} is a GSI1SK of a booking: a position in a user's list by date. */
    public static boolean isDateSk(String sk) {
        return sk != null && DATE_SK.matcher(sk).matches();
    }

    /** Whether {@code sk} is a title entry's sort key: a position in a user's list by title. */
    public static boolean isTitleSk(String sk) {
        return sk != null && TITLE_SK.matcher(sk).matches();
    }

    /** Whether {@code sk} is a GSI2SK of a booking, of {@code status} when one is given. */
    public static boolean isScheduleSk(String sk, Booking.Status status) {
        return sk != null && SCHEDULE_SK.matcher(sk).matches()
                && (status == null || sk.startsWith(scheduleStatusPrefix(status)));
    }

    /** The booking id at the end of a list key (GSI1SK, GSI2SK, a title entry's sort key). */
    public static String bookingIdOf(String listSk) {
        return listSk.substring(listSk.lastIndexOf('#') + 1);
    }

    public static Map<String, AttributeValue> hold(String holdId) {
        return key("HOLD#" + holdId, META);
    }

    /** The user's seats of a schedule: held (until when) and booked. */
    public static Map<String, AttributeValue> userSeats(String userId, String scheduleId) {
        return key(userPk(userId), "SCHED#" + scheduleId);
    }

    /** The hold an {@code Idempotency-Key} of a hold request gave. */
    public static Map<String, AttributeValue> holdIdempotency(String userId, String idempotencyKey) {
        return key(userPk(userId), "IDEM#" + idempotencyKey);
    }

    /** The booking an {@code Idempotency-Key} of a cancel request cancelled. */
    public static Map<String, AttributeValue> cancelIdempotency(String userId, String idempotencyKey) {
        return key(userPk(userId), "IDEM#CANCEL#" + idempotencyKey);
    }

    /** The hold a Toss payment key is attached to: one hold per key. */
    public static Map<String, AttributeValue> paymentKeyClaim(String paymentKey) {
        return key("PAYKEY#" + paymentKey, META);
    }

    /** GSI1PK of reconciliation's index: payments started in an hour ({@code yyyy-MM-ddTHH}), in shards. */
    public static String reconcilePk(String hour, int shard) {
        return "PAYMENTS#" + hour + "#" + shard;
    }

    /** A discount code's use counter. */
    public static Map<String, AttributeValue> discountUses(String code) {
        return key("DISCOUNT#" + code, "USES");
    }

    /** A user's use of a discount code. */
    public static Map<String, AttributeValue> discountUse(String code, String userId) {
        return key("DISCOUNT#" + code, userPk(userId));
    }

    /** A user's recent wrong discount codes (the guessing throttle). */
    public static Map<String, AttributeValue> discountAttempts(String userId) {
        return key(userPk(userId), "DISCOUNT_ATTEMPTS");
    }

    public static Map<String, AttributeValue> bookingNumberClaim(String bookingNumber) {
        return key("BOOKINGNO#" + bookingNumber, META);
    }

    /**
     * How titles compare: NFKC (full-width and compatibility forms fold), lower case, control
     * characters dropped, at most 200 characters. DynamoDB orders strings by UTF-8 bytes, which for
     * Hangul syllables is 가나다 order.
     */
    static String titleSortKey(String title) {
        String folded = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT).replaceAll("\\p{Cntrl}", "").strip();
        return folded.codePointCount(0, folded.length()) <= TITLE_KEY_MAX ? folded
                : folded.substring(0, folded.offsetByCodePoints(0, TITLE_KEY_MAX));
    }

    /** Fixed-width epoch milliseconds sort as numbers; Instant.toString() varies in length. */
    static String sortableMillis(Instant instant) {
        return String.format("%015d", instant.toEpochMilli());
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put("pk", AttributeValue.fromS(pk));
        key.put("sk", AttributeValue.fromS(sk));
        return key;
    }
}
