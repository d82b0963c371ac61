package kr.tickets.booking;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * A discount code of the policy table's {@code payment.discountCodes}:
 * {@code {"WELCOME": {"amountKrw": 3000, "expiresAt": "2027-01-01T00:00:00Z", "maxUses": 500}}}.
 * It takes {@code amountKrw} off the seat price until {@code expiresAt} (UTC, exclusive), for at
 * most {@code maxUses} payments in all and one per user; a use counts from the moment a payment
 * with it is handed over and is given back if that payment ends without a booking.
 */
public record DiscountCode(String code, long amountKrw, Instant expiresAt, long maxUses) {

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The code (any case) in the policy value, if it is there and well-formed. */
    public static Optional<DiscountCode> find(JsonNode codes, String code) {
        if (codes == null || code == null) {
            return Optional.empty();
        }
        String name = code.toUpperCase(Locale.ROOT);
        JsonNode entry = codes.get(name);
        if (entry == null || !entry.isObject() || !entry.path("amountKrw").canConvertToLong()
                || !entry.path("maxUses").canConvertToLong() || !entry.path("expiresAt").isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DiscountCode(name, entry.get("amountKrw").asLong(),
                    Instant.parse(entry.get("expiresAt").textValue()), entry.get("maxUses").asLong()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
