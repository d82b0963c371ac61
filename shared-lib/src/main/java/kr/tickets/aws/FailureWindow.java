package kr.tickets.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A fixed window of failures on one item ({@code failures}, {@code windowEndsAt}, TTL
 * {@code expiresAt}), the mechanism behind the login and the wrong-discount-code throttles.
 * Counting is an atomic ADD into the current window (or into a running {@code lockedUntil}), so
 * concurrent failures cannot slip under a limit; a conditional put starts a new window once the
 * old one (and any lock) has passed, and of two requests starting one, the loser counts into it.
 */
public final class FailureWindow {
    private static final int ATTEMPTS = 3;

    private FailureWindow() {
    }

    /** Counts one failure on the item at {@code key}; the failures of its window, this one included. */
    public static long count(DynamoDbClient dynamo, String table, Map<String, AttributeValue> key, Duration window,
                             Instant now) {
        AttributeValue at = number(now.getEpochSecond());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return Long.parseLong(dynamo.updateItem(r -> r.tableName(table).key(key)
                        .updateExpression("ADD failures :one")
                        .conditionExpression("windowEndsAt > :now OR lockedUntil > :now")
                        .expressionAttributeValues(Map.of(":one", number(1), ":now", at))
                        .returnValues(ReturnValue.ALL_NEW))
                        .attributes().get("failures").n());
            } catch (ConditionalCheckFailedException noCurrentWindow) {
                if (start(dynamo, table, key, now.plus(window), at)) {
                    return 1;
                }
            }
        }
        throw new IllegalStateException("the failure counter of " + key + " kept changing");
    }

    /** Starts a new window with one failure, unless another request started one first. */
    private static boolean start(DynamoDbClient dynamo, String table, Map<String, AttributeValue> key,
                                 Instant windowEnds, AttributeValue now) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("failures", number(1));
        item.put("windowEndsAt", number(windowEnds.getEpochSecond()));
        item.put("expiresAt", number(windowEnds.getEpochSecond()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR (windowEndsAt <= :now "
                            + "AND (attribute_not_exists(lockedUntil) OR lockedUntil <= :now))")
                    .expressionAttributeValues(Map.of(":now", now)));
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
