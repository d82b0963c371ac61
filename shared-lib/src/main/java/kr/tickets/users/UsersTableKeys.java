package kr.tickets.users;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The keys of UsersTable (docs/data-model.md, "UsersTable"): the one place that spells them.
 *
 * <ul>
 * <li>an account: {@code USER#<userId> / PROFILE};</li>
 * <li>the claims that keep an email and a phone number to one account, written in the account's
 *     transaction with {@code attribute_not_exists}: {@code EMAIL#<email> / UNIQUE} and
 *     {@code PHONE#<phone> / UNIQUE}.</li>
 * </ul>
 */
public final class UsersTableKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";

    private UsersTableKeys() {
    }

    public static Map<String, AttributeValue> user(String userId) {
        return key("USER#" + userId, "PROFILE");
    }

    public static Map<String, AttributeValue> email(String email) {
        return key("EMAIL#" + email, "UNIQUE");
    }

    public static Map<String, AttributeValue> phone(String phone) {
        return key("PHONE#" + phone, "UNIQUE");
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
