package kr.tickets.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
    DISCOUNT_CODES("payment.discountCodes", "Discount codes and their amount off, in KRW.",
            JsonNodeFactory.instance.objectNode(), 0, 1_000_000),
    PAYMENT_PROVIDER("feature.paymentProvider", "TOSS takes payments; DISABLED stops new checkouts.",
            JsonNodeFactory.instance.textNode("TOSS"), 0, 0),
    MAINTENANCE("feature.maintenance", "When true, bookings are refused with 503.",
            JsonNodeFactory.instance.booleanNode(false), 0, 0);

    private static final Pattern CODE = Pattern.compile("^[A-Z0-9_-]{2,32}$");

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
            case HOLD_MINUTES, MAX_SEATS_PER_USER, FEE_KRW, CANCELLATION_HOURS -> checkInteger(value, min, max);
            case DISCOUNT_CODES -> checkDiscounts(value);
            case PAYMENT_PROVIDER -> value.isTextual() && (value.textValue().equals("TOSS")
                    || value.textValue().equals("DISABLED")) ? null : "must be \"TOSS\" or \"DISABLED\"";
            case MAINTENANCE -> value.isBoolean() ? null : "must be true or false";
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
            return "must be an object of at most 100 codes, e.g. {\"WELCOME\": 1000}";
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!CODE.matcher(entry.getKey()).matches()) {
                return "codes must be 2-32 characters of A-Z, 0-9, _ or -";
            }
            String amount = checkInteger(entry.getValue(), min, max);
            if (amount != null) {
                return "amount of " + entry.getKey() + " " + amount;
            }
        }
        return null;
    }
}
