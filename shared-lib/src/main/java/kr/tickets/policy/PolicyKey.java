package kr.tickets.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every business number and switch the service reads at run time (requirements §6: policies and
 * feature flags live in a table, not in code). Each key has a default, used until an admin
 * stores a value, and a rule its values must follow.
 */
public enum PolicyKey {
    HOLD_MINUTES("booking.holdMinutes", "Minutes a seat stays held for payment.", integer(10), 1, 30),
    MAX_SEATS_PER_USER("booking.maxSeatsPerUser", "Seats one user may hold or own per schedule.", integer(1), 1, 10),
    FEE_KRW("booking.feeKrw", "Booking fee per seat, in KRW.", integer(2000), 0, 100_000),
    CANCELLATION_HOURS("booking.cancellationHours", "Hours before the show after which cancelling is refused.",
            integer(24), 0, 720),
    DISCOUNT_CODES("payment.discountCodes", "Discount codes: amount off in KRW, expiry (UTC) and maximum uses; "
            + "one use per user.", JsonNodeFactory.instance.objectNode(), 1, 1_000_000),
    PAYMENT_PROVIDER("feature.paymentProvider", "TOSS takes payments; DISABLED stops new checkouts.",
            JsonNodeFactory.instance.textNode("TOSS"), 0, 0),
    MAINTENANCE("feature.maintenance", "When true, bookings are refused with 503.",
            JsonNodeFactory.instance.booleanNode(false), 0, 0),
    READ_ONLY("feature.readOnly", "When true, every API write except admin policy changes and login, refresh and "
            + "logout is refused with 503; reads and flows already running go on.",
            JsonNodeFactory.instance.booleanNode(false), 0, 0),
    // Far above what a person clicking seats can send, far below what a script fires (docs/operations.md).
    RATE_LIMIT_USER("rateLimit.userPer10Seconds", "Hold, checkout or confirm requests one user may send to each "
            + "of those routes per 10-second window; more are refused with 429.", integer(20), 1, 100_000),
    // Generous: many buyers share one address behind a mobile carrier's NAT (docs/operations.md).
    RATE_LIMIT_IP("rateLimit.ipPer10Seconds", "Hold, checkout or confirm requests one client address may send to "
            + "each of those routes per 10-second window; more are refused with 429.", integer(1000), 1, 1_000_000);

    private static final Pattern CODE = Pattern.compile("^[A-Z0-9_-]{2,32}$");
    private static final long MAX_DISCOUNT_USES = 10_000_000;
    private static final String DISCOUNT_EXAMPLE =
            "{\"WELCOME\": {\"amountKrw\": 3000, \"expiresAt\": \"2027-01-01T00:00:00Z\", \"maxUses\": 500}}";

    private final String key;
    private final String description;
    private final JsonNode defaultValue;
    private final long min;
    private final long max;

    PolicyKey(String key, String description, JsonNode defaultValue, long min, long max) {
        this.key = key;
        this.description = description;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
    }

    private static JsonNode integer(int value) {
        return JsonNodeFactory.instance.numberNode(value);
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public JsonNode defaultValue() {
        return defaultValue;
    }

    public static Optional<PolicyKey> of(String key) {
        for (PolicyKey candidate : values()) {
            if (candidate.key.equals(key)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Null when {@code value} is acceptable for this key, else what is wrong with it. */
    public String check(JsonNode value) {
        return switch (this) {
            case HOLD_MINUTES, MAX_SEATS_PER_USER, FEE_KRW, CANCELLATION_HOURS, RATE_LIMIT_USER, RATE_LIMIT_IP ->
                    checkInteger(value, min, max);
            case DISCOUNT_CODES -> checkDiscounts(value);
            case PAYMENT_PROVIDER -> value.isTextual() && (value.textValue().equals("TOSS")
                    || value.textValue().equals("DISABLED")) ? null : "must be \"TOSS\" or \"DISABLED\"";
            case MAINTENANCE, READ_ONLY -> value.isBoolean() ? null : "must be true or false";
        };
    }

    private static String checkInteger(JsonNode value, long min, long max) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            return "must be a whole number from " + min + " to " + max;
        }
        return null;
    }

    private String checkDiscounts(JsonNode value) {
        if (!value.isObject() || value.size() > 100) {
            return "must be an object of at most 100 codes, e.g. " + DISCOUNT_EXAMPLE;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!CODE.matcher(entry.getKey()).matches()) {
                return "codes must be 2-32 characters of A-Z, 0-9, _ or -";
            }
            String problem = checkDiscount(entry.getValue());
            if (problem != null) {
                return entry.getKey() + ": " + problem;
            }
        }
        return null;
    }

    private String checkDiscount(JsonNode code) {
        if (!code.isObject() || code.size() != 3 || !code.has("amountKrw") || !code.has("expiresAt")
                || !code.has("maxUses")) {
            return "must be {\"amountKrw\", \"expiresAt\", \"maxUses\"}, e.g. " + DISCOUNT_EXAMPLE;
        }
        String amount = checkInteger(code.get("amountKrw"), min, max);
        if (amount != null) {
            return "amountKrw " + amount;
        }
        String uses = checkInteger(code.get("maxUses"), 1, MAX_DISCOUNT_USES);
        if (uses != null) {
            return "maxUses " + uses;
        }
        JsonNode expiresAt = code.get("expiresAt");
        if (!expiresAt.isTextual() || !expiresAt.textValue().endsWith("Z")) {
            return "expiresAt must be a UTC instant such as 2027-01-01T00:00:00Z";
        }
        try {
            Instant.parse(expiresAt.textValue());
        } catch (DateTimeParseException e) {
            return "expiresAt must be a UTC instant such as 2027-01-01T00:00:00Z";
        }
        return null;
    }
}
