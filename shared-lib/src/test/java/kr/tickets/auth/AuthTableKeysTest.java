package kr.tickets.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The key design of AuthTable, whose prefixes the template's IAM conditions also name. */
class AuthTableKeysTest {
    private static String pk(Map<String, AttributeValue> key) {
        return key.get("pk").s();
    }

    private static String sk(Map<String, AttributeValue> key) {
        return key.get("sk").s();
    }

    @Test
    void sessionItemsSitUnderThePrefixesTheTemplateGrants() {
        assertEquals("FAMILY#f-1", pk(AuthTableKeys.family("f-1")));
        assertEquals("FAMILY", sk(AuthTableKeys.family("f-1")));
        assertEquals("DENY#t-1", pk(AuthTableKeys.deny("t-1")));
        assertEquals("DENY", sk(AuthTableKeys.deny("t-1")));
        assertEquals("ROLE#u-1", pk(AuthTableKeys.role("u-1")));
        assertEquals("ROLE", sk(AuthTableKeys.role("u-1")));
        assertEquals("RATE#HOLD#USER#u-1", pk(AuthTableKeys.rateCounter("HOLD", "USER", "u-1",
                Instant.ofEpochSecond(1_800_000_000))));
        assertEquals("1800000000", sk(AuthTableKeys.rateCounter("HOLD", "USER", "u-1",
                Instant.ofEpochSecond(1_800_000_000))));
    }

    @Test
    void aFamilyItemIsRecognisedAndGivesBackItsId() {
        Map<String, AttributeValue> family = AuthTableKeys.family("f-1");

        assertTrue(AuthTableKeys.isFamily(family));
        assertFalse(AuthTableKeys.isDeny(family));
        assertTrue(AuthTableKeys.isDeny(AuthTableKeys.deny("t-1")));
        assertFalse(AuthTableKeys.isFamily(AuthTableKeys.role("u-1")));
        assertEquals("f-1", AuthTableKeys.familyId(family));
    }

    @Test
    void aUsersFamiliesSortInTheOrderTheyStarted() {
        String earlier = AuthTableKeys.familySk(Instant.ofEpochMilli(999), "z");
        String later = AuthTableKeys.familySk(Instant.ofEpochMilli(1000), "a");

        assertEquals("FAMILY#000000000000999#z", earlier);
        assertTrue(earlier.compareTo(later) < 0);
        assertEquals("USER#u-1", AuthTableKeys.userFamiliesPk("u-1"));
    }

    @Test
    void loginThrottleKeysCountTheClientAndTheAccountAtTheClient() {
        assertEquals("IP#203.0.113.7", AuthTableKeys.clientThrottleKey("203.0.113.7"));
        assertEquals("EMAIL#minji@example.com#IP#203.0.113.7",
                AuthTableKeys.accountAtClientThrottleKey("minji@example.com", "203.0.113.7"));
        assertEquals("LOGIN#IP#203.0.113.7", pk(AuthTableKeys.loginAttempts("IP#203.0.113.7")));
        assertEquals("ATTEMPTS", sk(AuthTableKeys.loginAttempts("IP#203.0.113.7")));
    }
}
