package kr.tickets.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an identifier in a path, a query or a header may look like before it becomes part of a
 * DynamoDB key: the service's ids ({@link Ids#newId()}: 36-character UUIDs of venues,
 * performances, schedules, holds and bookings), Toss order ids ({@code T-<uuid>}) and policy
 * keys ({@code booking.holdMinutes}) all fit in <b>1–64 characters of ASCII letters, digits,
 * {@code - _ . :}</b>. Anything else (a 3,000-character id, a space, {@code #}, NUL, Korean)
 * would reach DynamoDB as a key part, which answers with a ValidationException (a 500) instead
 * of a clear 400. Seat ids ({@code 2층-AA-150}, with the section's name) are not path ids: they
 * travel in bodies and are checked against the venue's layout.
 * <p>
 * An {@code Idempotency-Key} header follows Toss's rule for its own keys: 1–100 characters of
 * the same alphabet. Problems never repeat the rejected value, which may be anything.
 */
public final class IdRules {
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 100;
    public static final String ID_RULE = rule(MAX_ID_LENGTH);
    public static final String IDEMPOTENCY_KEY_RULE = rule(MAX_IDEMPOTENCY_KEY_LENGTH);
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** Toss's paymentKey (up to 200 characters, letters, digits and - _): it becomes a key of ours. */
    public static final int MAX_PAYMENT_KEY_LENGTH = 200;
    public static final String PAYMENT_KEY_RULE = rule(MAX_PAYMENT_KEY_LENGTH);

    /** The one alphabet of ids, keys and payment keys; only their lengths differ. */
    private static final Pattern ALPHABET = Pattern.compile("^[A-Za-z0-9._:-]+$");
    /** A parameter's name is echoed as the field; a client-made query name is cut to this. */
    private static final int MAX_FIELD_NAME = 64;

    private IdRules() {
    }

    public static boolean isId(String value) {
        return fits(value, MAX_ID_LENGTH);
    }

    public static boolean isPaymentKey(String value) {
        return fits(value, MAX_PAYMENT_KEY_LENGTH);
    }

    public static boolean isIdempotencyKey(String value) {
        return fits(value, MAX_IDEMPOTENCY_KEY_LENGTH);
    }

    private static boolean fits(String value, int maxLength) {
        return value != null && !value.isEmpty() && value.length() <= maxLength && ALPHABET.matcher(value).matches();
    }

    private static String rule(int maxLength) {
        return "must be 1-" + maxLength + " characters of letters, digits, - _ . :";
    }

    /**
     * A query parameter carries an id when its name ends in {@code Id} ({@code venueId},
     * {@code performanceId}, …): by that naming rule a new filter on an id is checked too.
     */
    public static boolean isIdQueryParameter(String name) {
        return name != null && name.length() > 2 && name.endsWith("Id");
    }

    /**
     * Every problem with a request's ids: each path parameter, each id query parameter (all
     * values) and the Idempotency-Key header (a blank one counts as absent). Empty when all fit.
     */
    public static List<FieldError> check(Map<String, String> pathParameters, Map<String, List<String>> query,
                                         List<String> idempotencyKeys) {
        List<FieldError> errors = new ArrayList<>();
        if (pathParameters != null) {
            pathParameters.forEach((name, value) -> {
                if (!isId(value)) {
                    errors.add(new FieldError(fieldName(name), ID_RULE));
                }
            });
        }
        if (query != null) {
            query.forEach((name, values) -> {
                if (isIdQueryParameter(name) && values != null && !values.stream().allMatch(IdRules::isId)) {
                    errors.add(new FieldError(fieldName(name), ID_RULE));
                }
            });
        }
        if (idempotencyKeys != null && idempotencyKeys.stream()
                .anyMatch(key -> key != null && !key.isBlank() && !isIdempotencyKey(key))) {
            errors.add(new FieldError(IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_RULE));
        }
        return errors;
    }

    private static String fieldName(String name) {
        return name.length() <= MAX_FIELD_NAME ? name : name.substring(0, MAX_FIELD_NAME) + "…";
    }
}
