package kr.tickets.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class UsersTableKeysTest {

    @Test
    void anAccountAndItsClaimsAreKeyedAsTheDataModelSays() {
        assertEquals(key("USER#u-1", "PROFILE"), UsersTableKeys.user("u-1"));
        assertEquals(key("EMAIL#minji@example.com", "UNIQUE"), UsersTableKeys.email("minji@example.com"));
        assertEquals(key("PHONE#010-1234-5678", "UNIQUE"), UsersTableKeys.phone("010-1234-5678"));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }
}
