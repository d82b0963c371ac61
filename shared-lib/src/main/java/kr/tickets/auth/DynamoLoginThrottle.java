package kr.tickets.auth;

import static kr.tickets.auth.DynamoSessionStore.n;
import static kr.tickets.auth.DynamoSessionStore.s;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.tickets.aws.DynamoItems;
import kr.tickets.aws.FailureWindow;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Failed-login counters in the Auth table ({@code LOGIN#<key> / ATTEMPTS}): a {@link FailureWindow}
 * per key, and {@code lockedUntil} once its count reaches the policy's maximum.
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

    @Override
    public Optional<Duration> lockedFor(List<String> keys, Instant now) {
        List<Map<String, AttributeValue>> items = DynamoItems.getAll(dynamo, table,
                keys.stream().distinct().map(AuthTableKeys::loginAttempts).toList());
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
        long failures = FailureWindow.count(dynamo, table, AuthTableKeys.loginAttempts(key), policy.window(), now);
        if (failures >= policy.maxFailures()) {
            long until = now.plus(policy.lock()).getEpochSecond();
            dynamo.updateItem(r -> r.tableName(table).key(AuthTableKeys.loginAttempts(key))
                    .updateExpression("SET lockedUntil = :until, expiresAt = :until")
                    .expressionAttributeValues(Map.of(":until", n(until))));
        }
    }

    @Override
    public void reset(String key) {
        dynamo.deleteItem(r -> r.tableName(table).key(AuthTableKeys.loginAttempts(key)));
    }
}
