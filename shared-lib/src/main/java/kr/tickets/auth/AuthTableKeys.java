package kr.tickets.auth;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The keys of AuthTable (docs/data-model.md, "AuthTable"): the one place that spells them, for
 * the session store, the login throttle and the rate counter that share the table. The
 * template's IAM conditions name the same prefixes ({@code DENY#}, {@code FAMILY#}, {@code ROLE#},
 * {@code RATE#}).
 *
 * <ul>
 * <li>session family: {@code FAMILY#<familyId> / FAMILY}, listed per user on GSI1 as
 *     {@code USER#<userId> / FAMILY#<created ms, 15 digits>#<familyId>};</li>
 * <li>denied access token: {@code DENY#<tokenId> / DENY};</li>
 * <li>a user's current role: {@code ROLE#<userId> / ROLE};</li>
 * <li>failed logins: {@code LOGIN#<throttle key> / ATTEMPTS}, the throttle key being the client
 *     ({@code IP#<address>}) or the account at that client ({@code EMAIL#<email>#IP#<address>});</li>
 * <li>rate counter: {@code RATE#<route>#<subject>#<id> / <window start, epoch seconds>}.</li>
 * </ul>
 */
public final class AuthTableKeys {
    static final String PK = "pk";
    static final String SK = "sk";
    private static final String FAMILY = "FAMILY#";
    private static final String DENY = "DENY#";
    private static final String ROLE = "ROLE#";

    private AuthTableKeys() {
    }

    public static Map<String, AttributeValue> family(String familyId) {
        return key(FAMILY + familyId, "FAMILY");
    }

    public static Map<String, AttributeValue> deny(String tokenId) {
        return key(DENY + tokenId, "DENY");
    }

    public static Map<String, AttributeValue> role(String userId) {
        return key(ROLE + userId, "ROLE");
    }

    /** GSI1PK of a user's session families. */
    public static String userFamiliesPk(String userId) {
        return "USER#" + userId;
    }

    /** GSI1SK of a session family: the user's families in the order they were started. */
    public static String familySk(Instant createdAt, String familyId) {
        return FAMILY + String.format("%015d", createdAt.toEpochMilli()) + "#" + familyId;
    }

    /** The family id of a {@link #family} item. */
    public static String familyId(Map<String, AttributeValue> item) {
        return item.get(PK).s().substring(FAMILY.length());
    }

    public static boolean isDeny(Map<String, AttributeValue> item) {
        return item.get(PK).s().startsWith(DENY);
    }

    public static boolean isFamily(Map<String, AttributeValue> item) {
        return item.get(PK).s().startsWith(FAMILY);
    }

    /** The throttle key of a client address. */
    public static String clientThrottleKey(String clientAddress) {
        return "IP#" + clientAddress;
    }

    /** The throttle key of an account tried from a client address. */
    public static String accountAtClientThrottleKey(String normalizedEmail, String clientAddress) {
        return "EMAIL#" + normalizedEmail + "#" + clientThrottleKey(clientAddress);
    }

    public static Map<String, AttributeValue> loginAttempts(String throttleKey) {
        return key("LOGIN#" + throttleKey, "ATTEMPTS");
    }

    /** A rate counter's item: one per route, subject and window. */
    public static Map<String, AttributeValue> rateCounter(String route, String subject, String subjectId,
                                                          Instant windowStart) {
        return key("RATE#" + route + "#" + subject + "#" + subjectId, Long.toString(windowStart.getEpochSecond()));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
