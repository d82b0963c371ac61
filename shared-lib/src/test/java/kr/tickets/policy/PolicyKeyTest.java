package kr.tickets.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyKeyTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HOLD_RULE = "must be a whole number from 1 to 30";
    private static final String SEATS_RULE = "must be a whole number from 1 to 10";
    private static final String FEE_RULE = "must be a whole number from 0 to 100000";
    private static final String PROVIDER_RULE = "must be \"TOSS\" or \"DISABLED\"";
    private static final String FLAG_RULE = "must be true or false";
    private static final String BAD_CODE = "codes must be 2-32 characters of A-Z, 0-9, _ or -";
    private static final String EXPIRY = "\"2027-01-01T00:00:00Z\"";
    private static final String EXAMPLE =
            "{\"WELCOME\": {\"amountKrw\": 3000, \"expiresAt\": \"2027-01-01T00:00:00Z\", \"maxUses\": 500}}";
    private static final String BAD_AMOUNT = "WELCOME: amountKrw must be a whole number from 1 to 1000000";
    private static final String BAD_USES = "WELCOME: maxUses must be a whole number from 1 to 10000000";
    private static final String BAD_EXPIRY = "WELCOME: expiresAt must be a UTC instant such as 2027-01-01T00:00:00Z";
    private static final String BAD_SHAPE = "WELCOME: must be {\"amountKrw\", \"expiresAt\", \"maxUses\"}, e.g. "
            + EXAMPLE;
    private static final String NOT_CODES = "must be an object of at most 100 codes, e.g. " + EXAMPLE;

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    @ParameterizedTest
    @EnumSource(PolicyKey.class)
    void everyDefaultFollowsItsOwnRule(PolicyKey key) {
        assertNull(key.check(key.defaultValue()), key::key);
    }

    @ParameterizedTest
    @EnumSource(PolicyKey.class)
    void everyKeyIsFoundByItsName(PolicyKey key) {
        assertEquals(Optional.of(key), PolicyKey.of(key.key()));
    }

    @Test
    void keyNamesAreUnique() {
        Set<String> names = Arrays.stream(PolicyKey.values()).map(PolicyKey::key).collect(Collectors.toSet());
        assertEquals(PolicyKey.values().length, names.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"booking.unknown", "HOLD_MINUTES", "Booking.holdMinutes", ""})
    void unknownKeyIsNotFound(String name) {
        assertEquals(Optional.empty(), PolicyKey.of(name));
    }

    static Stream<Arguments> acceptedValues() {
        return Stream.of(
                arguments(PolicyKey.HOLD_MINUTES, "1"),
                arguments(PolicyKey.HOLD_MINUTES, "30"),
                arguments(PolicyKey.FEE_KRW, "0"), // the fee may be zero
                arguments(PolicyKey.FEE_KRW, "100000"),
                arguments(PolicyKey.PAYMENT_PROVIDER, "\"TOSS\""),
                arguments(PolicyKey.PAYMENT_PROVIDER, "\"DISABLED\""),
                arguments(PolicyKey.MAINTENANCE, "true"),
                arguments(PolicyKey.MAINTENANCE, "false"),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": " + code("1000", "\"2027-01-01T00:00:00Z\"", "500")
                        + ", \"VIP_2030\": " + code("1000000", "\"2030-12-31T15:00:00.5Z\"", "1") + "}"),
                arguments(PolicyKey.DISCOUNT_CODES, "{}"));
    }

    @ParameterizedTest(name = "{0} accepts {1}")
    @MethodSource("acceptedValues")
    void valueFollowingTheRuleIsAccepted(PolicyKey key, String value) {
        assertNull(key.check(json(value)));
    }

    static Stream<Arguments> refusedValues() {
        return Stream.of(
                arguments(PolicyKey.HOLD_MINUTES, "0", HOLD_RULE),
                arguments(PolicyKey.HOLD_MINUTES, "31", HOLD_RULE),
                // An integer policy takes nothing but a whole number in range.
                arguments(PolicyKey.MAX_SEATS_PER_USER, "10.5", SEATS_RULE),
                arguments(PolicyKey.MAX_SEATS_PER_USER, "\"10\"", SEATS_RULE),
                arguments(PolicyKey.MAX_SEATS_PER_USER, "true", SEATS_RULE),
                arguments(PolicyKey.MAX_SEATS_PER_USER, "null", SEATS_RULE),
                arguments(PolicyKey.MAX_SEATS_PER_USER, "[10]", SEATS_RULE),
                arguments(PolicyKey.MAX_SEATS_PER_USER, "{\"v\":10}", SEATS_RULE),
                arguments(PolicyKey.MAX_SEATS_PER_USER, "-1", SEATS_RULE),
                // 2^32 + 5: read as an int it would be 5, inside 1..10.
                arguments(PolicyKey.MAX_SEATS_PER_USER, "4294967301", SEATS_RULE),
                // Beyond a long: refused rather than wrapped.
                arguments(PolicyKey.MAX_SEATS_PER_USER, "18446744073709551626", SEATS_RULE),
                arguments(PolicyKey.FEE_KRW, "-1", FEE_RULE), // but the fee may not be negative
                arguments(PolicyKey.FEE_KRW, "100001", FEE_RULE),
                arguments(PolicyKey.PAYMENT_PROVIDER, "\"toss\"", PROVIDER_RULE),
                arguments(PolicyKey.PAYMENT_PROVIDER, "\"KAKAO\"", PROVIDER_RULE),
                arguments(PolicyKey.PAYMENT_PROVIDER, "1", PROVIDER_RULE),
                arguments(PolicyKey.MAINTENANCE, "\"true\"", FLAG_RULE),
                arguments(PolicyKey.MAINTENANCE, "1", FLAG_RULE),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"welcome\": " + good() + "}", BAD_CODE),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"A\": " + good() + "}", BAD_CODE),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WITH SPACE\": " + good() + "}", BAD_CODE),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"THIS_CODE_IS_LONGER_THAN_32_CHARS\": " + good() + "}", BAD_CODE),
                // A bad entry is reported with the code it belongs to.
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": 1000}", BAD_SHAPE), // the shape before expiry and uses
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": {\"amountKrw\": 1000, \"maxUses\": 5}}", BAD_SHAPE),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": {\"amountKrw\": 1000, \"maxUses\": 5, "
                        + "\"expiresAt\": \"2027-01-01T00:00:00Z\", \"note\": \"x\"}}", BAD_SHAPE),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": " + code("0", EXPIRY, "5") + "}", BAD_AMOUNT),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": " + code("1000001", EXPIRY, "5") + "}", BAD_AMOUNT),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": " + code("\"1000\"", EXPIRY, "5") + "}", BAD_AMOUNT),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": " + code("10.5", EXPIRY, "5") + "}", BAD_AMOUNT),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": " + code("1000", EXPIRY, "0") + "}", BAD_USES),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": " + code("1000", EXPIRY, "1.5") + "}", BAD_USES),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": " + code("1000", EXPIRY, "10000001") + "}", BAD_USES),
                // An expiry is an instant in UTC: no offset, no bare date, no epoch number.
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": " + code("1000", "\"2027-01-01T09:00:00+09:00\"", "5")
                        + "}", BAD_EXPIRY),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": " + code("1000", "\"2027-01-01\"", "5") + "}",
                        BAD_EXPIRY),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": " + code("1000", "\"2027-13-01T00:00:00Z\"", "5") + "}",
                        BAD_EXPIRY),
                arguments(PolicyKey.DISCOUNT_CODES, "{\"WELCOME\": " + code("1000", "1798761600", "5") + "}", BAD_EXPIRY),
                arguments(PolicyKey.DISCOUNT_CODES, "[]", NOT_CODES),
                arguments(PolicyKey.DISCOUNT_CODES, "\"WELCOME\"", NOT_CODES),
                arguments(PolicyKey.DISCOUNT_CODES, "1000", NOT_CODES));
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @MethodSource("refusedValues")
    void valueAgainstTheRuleIsRefusedSayingWhy(PolicyKey key, String value, String problem) {
        assertEquals(problem, key.check(json(value)));
    }

    @Test
    void moreThanAHundredDiscountCodesAreRejected() {
        StringBuilder codes = new StringBuilder("{");
        for (int i = 0; i < 101; i++) {
            codes.append(i == 0 ? "" : ",").append("\"CODE").append(i).append("\": ").append(good());
        }
        codes.append('}');
        assertEquals(NOT_CODES, PolicyKey.DISCOUNT_CODES.check(json(codes.toString())));
        assertNull(PolicyKey.DISCOUNT_CODES.check(json(codes.toString().replace(",\"CODE100\": " + good(), ""))));
    }

    private static String code(String amount, String expiresAt, String maxUses) {
        return "{\"amountKrw\": " + amount + ", \"expiresAt\": " + expiresAt + ", \"maxUses\": " + maxUses + "}";
    }

    private static String good() {
        return code("1000", EXPIRY, "100");
    }
}
