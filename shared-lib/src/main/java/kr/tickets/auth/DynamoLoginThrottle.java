package kr.tickets.auth;

import static kr.tickets.auth.DynamoSessionStore.n;
import static kr.tickets.auth.DynamoSessionStore.s;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.tickets.aws.DynamoItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Failed-login counters in the Auth table ({@code LOGIN#<key> / ATTEMPTS}): a fixed window of
 * {@code failures} that a conditional write starts afresh when it has passed, and
 * {@code lockedUntil} once the count reaches the policy's maximum. Counting is an atomic ADD,
 * so concurrent guesses cannot slip under the limit.
 */
@Singleton
@Requires(property = "auth.table")
public class DynamoLoginThrottle implements LoginThrottle {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoLoginThrottle(DynamoDbClient dynamo, @Value("${auth.table}") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of("pk", s("LOGIN#" + key), "sk", s("ATTEMPTS"));
    }

    @Override
    public Optional<Duration> lockedFor(List<String> keys, Instant now) {
        List<Map<String, AttributeValue>> items = DynamoItems.getAll(dynamo, table,
                keys.stream().distinct().map(DynamoLoginThrottle::key).toList());
        long longest = 0;
        for (Map<String, AttributeValue> item : items) {
            if (item.containsKey("lockedUntil")) {
                longest = Math.max(longest, Long.parseLong(item.get("lockedUntil").n()) - now.getEpochSecond());
            }
        }
        return longest > 0 ? Optional.of(Duration.ofSeconds(longest)) : Optional.empty();
    }

    @Override
    public void recordFailure(String key, ThrottlePolicy policy, Instant now) {
        long failures = count(key, policy, now);
        if (failures >= policy.maxFailures()) {
            long until = now.plus(policy.lock()).getEpochSecond();
            dynamo.updateItem(r -> r.tableName(table).key(key(key))
                    .updateExpression("SET lockedUntil = :until, expiresAt = :until")
                    .expressionAttributeValues(Map.of(":until", n(until))));
        }
    }

    private long count(String key, ThrottlePolicy policy, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return Long.parseLong(dynamo.updateItem(r -> r.tableName(table).key(key(key))
                        .updateExpression("ADD failures :one")
                        .conditionExpression("windowEndsAt > :now OR lockedUntil > :now")
                        .expressionAttributeValues(Map.of(":one", n(1), ":now", n(now.getEpochSecond())))
                        .returnValues(ReturnValue.ALL_NEW))
                        .attributes().get("failures").n());
            } catch (ConditionalCheckFailedException noCurrentWindow) {
                if (startWindow(key, policy, now)) {
                    return 1;
                }
            }
        }
        throw new IllegalStateException("login counter for " + key + " kept changing");
    }

    /** Starts a new window with one failure, unless another request started one first. */
    private boolean startWindow(String key, ThrottlePolicy policy, Instant now) {
        long windowEnds = now.plus(policy.window()).getEpochSecond();
        Map<String, AttributeValue> item = new HashMap<>(key(key));
        item.put("failures", n(1));
        item.put("windowEndsAt", n(windowEnds));
        item.put("expiresAt", n(windowEnds));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR (windowEndsAt <= :now "
                            + "AND (attribute_not_exists(lockedUntil) OR lockedUntil <= :now))")
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException raced) {
            return false;
        }
    }

    @Override
    public void reset(String key) {
        dynamo.deleteItem(r -> r.tableName(table).key(key(key)));
    }
}
