package kr.tickets.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyKeyTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

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

    @Test
    void holdMinutesIsAWholeNumberFromOneToThirty() {
        assertNull(PolicyKey.HOLD_MINUTES.check(json("1")));
        assertNull(PolicyKey.HOLD_MINUTES.check(json("30")));
        assertEquals("must be a whole number from 1 to 30", PolicyKey.HOLD_MINUTES.check(json("0")));
        assertEquals("must be a whole number from 1 to 30", PolicyKey.HOLD_MINUTES.check(json("31")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.5", "\"10\"", "true", "null", "[10]", "{\"v\":10}", "-1"})
    void integerPolicyRejectsAnythingButAWholeNumberInRange(String value) {
        assertNotNull(PolicyKey.MAX_SEATS_PER_USER.check(json(value)));
    }

    @Test
    void longJustOutsideTheIntRangeIsNotReadAsASmallNumber() {
        // 2^32 + 5: read as an int it would be 5, inside 1..10.
        assertNotNull(PolicyKey.MAX_SEATS_PER_USER.check(json("4294967301")));
    }

    @Test
    void feeMayBeZeroButNotNegative() {
        assertNull(PolicyKey.FEE_KRW.check(json("0")));
        assertNull(PolicyKey.FEE_KRW.check(json("100000")));
        assertNotNull(PolicyKey.FEE_KRW.check(json("-1")));
        assertNotNull(PolicyKey.FEE_KRW.check(json("100001")));
    }

    @Test
    void paymentProviderIsTossOrDisabledOnly() {
        assertNull(PolicyKey.PAYMENT_PROVIDER.check(json("\"TOSS\"")));
        assertNull(PolicyKey.PAYMENT_PROVIDER.check(json("\"DISABLED\"")));
        assertEquals("must be \"TOSS\" or \"DISABLED\"", PolicyKey.PAYMENT_PROVIDER.check(json("\"toss\"")));
        assertNotNull(PolicyKey.PAYMENT_PROVIDER.check(json("\"KAKAO\"")));
        assertNotNull(PolicyKey.PAYMENT_PROVIDER.check(json("1")));
    }

    @Test
    void maintenanceIsABoolean() {
        assertNull(PolicyKey.MAINTENANCE.check(json("true")));
        assertNull(PolicyKey.MAINTENANCE.check(json("false")));
        assertEquals("must be true or false", PolicyKey.MAINTENANCE.check(json("\"true\"")));
        assertNotNull(PolicyKey.MAINTENANCE.check(json("1")));
    }

    @Test
    void discountCodesMapCodesToAmounts() {
        assertNull(PolicyKey.DISCOUNT_CODES.check(json("{\"WELCOME\": 1000, \"VIP_2030\": 5000}")));
        assertNull(PolicyKey.DISCOUNT_CODES.check(json("{}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"welcome\": 1000}", "{\"A\": 1000}", "{\"WITH SPACE\": 1000}",
            "{\"THIS_CODE_IS_LONGER_THAN_32_CHARS\": 1}"})
    void discountCodeWithBadNameIsRejected(String value) {
        assertEquals("codes must be 2-32 characters of A-Z, 0-9, _ or -", PolicyKey.DISCOUNT_CODES.check(json(value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"WELCOME\": -1}", "{\"WELCOME\": 1000001}", "{\"WELCOME\": \"1000\"}",
            "{\"WELCOME\": 10.5}"})
    void discountCodeWithBadAmountIsRejectedNamingTheCode(String value) {
        String problem = PolicyKey.DISCOUNT_CODES.check(json(value));
        assertNotNull(problem);
        assertTrue(problem.startsWith("amount of WELCOME "), problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"WELCOME\"", "1000"})
    void discountCodesMustBeAnObject(String value) {
        assertNotNull(PolicyKey.DISCOUNT_CODES.check(json(value)));
    }

    @Test
    void moreThanAHundredDiscountCodesAreRejected() {
        StringBuilder codes = new StringBuilder("{");
        for (int i = 0; i < 101; i++) {
            codes.append(i == 0 ? "" : ",").append("\"CODE").append(i).append("\": 100");
        }
        codes.append('}');
        assertNotNull(PolicyKey.DISCOUNT_CODES.check(json(codes.toString())));
        assertNull(PolicyKey.DISCOUNT_CODES.check(json(codes.toString().replace(",\"CODE100\": 100", ""))));
    }

    @org.junit.jupiter.api.Test
    void numbersBeyondALongAreRefusedRatherThanWrapped() {
        org.junit.jupiter.api.Assertions.assertNotNull(
                PolicyKey.MAX_SEATS_PER_USER.check(json("18446744073709551626")));
    }
}
