package kr.tickets.booking;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import kr.tickets.catalog.Performance;
import kr.tickets.catalog.Schedule;
import kr.tickets.common.ApiException;
import kr.tickets.common.IdRules;
import kr.tickets.payment.TossPayment;

/**
 * The booking rules that need no storage (requirements §3–§4): when seats may be held, what a
 * seat costs, how long a hold lives, how many seats a user has, and the identifiers a hold
 * hands to Toss and to the customer.
 */
public final class HoldRules {
    /** Wrong discount codes a user may try at checkout within {@link #WRONG_CODE_WINDOW} before a 429. */
    public static final int WRONG_CODES = 5;
    public static final Duration WRONG_CODE_WINDOW = Duration.ofMinutes(15);
    /** The failure code of a hold whose payment was approved but whose seat could not be booked (and was refunded). */
    public static final String BOOKING_FAILED = "BOOKING_FAILED";
    /** Like {@link #BOOKING_FAILED}, but Toss's cancel did not go through: an operator must refund. */
    public static final String REFUND_PENDING = "REFUND_PENDING";
    /** Toss refused our request itself (configuration, invalid request): nothing was charged. */
    public static final String PAYMENT_ERROR = "PAYMENT_ERROR";
    /** The payment key is attached to another hold, or Toss processed it for another order. */
    public static final String PAYMENT_KEY_USED = "PAYMENT_KEY_USED";
    /** Reconciliation ended a hold whose payment Toss never captured. */
    public static final String PAYMENT_NOT_COMPLETED = "PAYMENT_NOT_COMPLETED";
    private static final DateTimeFormatter BOOKING_DATE = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);
    private static final int ORDER_NAME_MAX = 100;

    private HoldRules() {
    }

    /**
     * 409 TICKETING_CLOSED unless {@code now} is inside the performance's ticketing window
     * [ticketingStartAt, ticketingEndAt) and before the schedule starts.
     */
    public static void requireTicketingOpen(Performance performance, Schedule schedule, Instant now) {
        if (now.isBefore(performance.ticketingStartAt())) {
            throw ApiException.conflict("TICKETING_CLOSED", "Ticketing opens at " + performance.ticketingStartAt() + ".");
        }
        if (!now.isBefore(performance.ticketingEndAt()) || !now.isBefore(schedule.startAt())) {
            throw ApiException.conflict("TICKETING_CLOSED", "Ticketing for this schedule has ended.");
        }
    }

    /** Seats the user holds (not yet expired) or owns, from {@code holdId → until epoch second, 0 = booked}. */
    public static int seatsInUse(Map<String, Long> seats, Instant now) {
        return (int) seats.values().stream().filter(until -> until == 0 || until > now.getEpochSecond()).count();
    }

    /** 409 HOLD_LIMIT_REACHED when the user already holds or owns {@code limit} seats of the schedule. */
    public static void requireBelowLimit(Map<String, Long> seats, int limit, Instant now) {
        if (seatsInUse(seats, now) >= limit) {
            throw ApiException.conflict("HOLD_LIMIT_REACHED",
                    "You already hold or own " + limit + (limit == 1 ? " seat" : " seats") + " of this schedule.");
        }
    }

    /** Toss's record is this hold's payment, approved for exactly the hold's order and amount. */
    public static boolean paidFor(Hold hold, TossPayment payment) {
        return "DONE".equals(payment.status()) && hold.orderId().equals(payment.orderId())
                && payment.totalAmount() == hold.price().total();
    }

    public static Instant holdUntil(Instant now, int holdMinutes) {
        // Whole seconds: the hold is stored in epoch seconds, so every answer shows the same instant.
        return now.plus(Duration.ofMinutes(holdMinutes)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** A checkout's discount code must be in the policy table; 400 INVALID_DISCOUNT_CODE when it is not. */
    public static DiscountCode discountCode(JsonNode codes, String code) {
        return DiscountCode.find(codes, code).orElseThrow(() -> new ApiException(400, "INVALID_DISCOUNT_CODE",
                "There is no such discount code."));
    }

    /**
     * 409 when a known code cannot be used now: DISCOUNT_EXPIRED after its expiry,
     * DISCOUNT_USED_UP once its uses reached the maximum, DISCOUNT_ALREADY_USED when this user
     * has used it (or is paying with it).
     */
    public static void requireDiscountUsable(DiscountCode code, Instant now, long uses, boolean usedByUser) {
        if (code.expiredAt(now)) {
            throw ApiException.conflict("DISCOUNT_EXPIRED", "The discount code " + code.code() + " has expired.");
        }
        if (uses >= code.maxUses()) {
            throw ApiException.conflict("DISCOUNT_USED_UP", "The discount code " + code.code() + " has been used up.");
        }
        if (usedByUser) {
            throw ApiException.conflict("DISCOUNT_ALREADY_USED", "You have already used the discount code "
                    + code.code() + ".");
        }
    }

    /**
     * 409 DISCOUNT_UNAVAILABLE: at the confirm, the hold's code expired, was withdrawn, was used up
     * or used by this user meanwhile; nothing was charged, and a checkout without it can follow.
     */
    public static ApiException discountUnavailable() {
        return ApiException.conflict("DISCOUNT_UNAVAILABLE", "The discount code can no longer be used; nothing was "
                + "charged. Check out again without it.");
    }

    /** Seat price + fee − discount; a discount never takes more than the seat price (the fee is always paid). */
    public static PriceBreakdown price(long seatPrice, long fee, long discount) {
        return new PriceBreakdown(seatPrice, fee, Math.min(discount, seatPrice));
    }

    /** 400 VALIDATION_FAILED for an Idempotency-Key header Toss-style keys would not fit (1–100 of [A-Za-z0-9_.:-]). */
    public static String idempotencyKey(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (!IdRules.isIdempotencyKey(header)) {
            throw ApiException.validation(IdRules.IDEMPOTENCY_KEY_HEADER, IdRules.IDEMPOTENCY_KEY_RULE);
        }
        return header;
    }

    /** Toss's orderId (6–64 of [A-Za-z0-9_-]): one per hold, so a retried payment window keeps it. */
    public static String orderId(String holdId) {
        return "T-" + holdId;
    }

    /** Toss's orderName (at most 100 characters), e.g. "레미제라블 1층 A열 3번". */
    public static String orderName(String title, String seatLabel) {
        String name = title + " " + seatLabel;
        return name.length() <= ORDER_NAME_MAX ? name : name.substring(0, ORDER_NAME_MAX - 1) + "…";
    }

    /**
     * The number a customer quotes, e.g. {@code TK261125-3F9A0C21D7}: the UTC booking date and 40
     * random bits (the random tail of the booking's UUIDv7 id), so it cannot be guessed from
     * another. Uniqueness is the booking number claim's (written with the booking); in the rare
     * case of a taken number, {@code attempt} 1, 2, … derive other random-looking tails from the id.
     */
    public static String bookingNumber(String bookingId, Instant bookedAt, int attempt) {
        String hex = bookingId.replace("-", "").toUpperCase(Locale.ROOT);
        if (attempt > 0) {
            hex = HexFormat.of().withUpperCase().formatHex(sha256(bookingId + "#" + attempt));
        }
        return "TK" + BOOKING_DATE.format(bookedAt) + "-" + hex.substring(hex.length() - 10);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
