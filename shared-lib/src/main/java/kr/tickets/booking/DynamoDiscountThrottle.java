package kr.tickets.booking;

import static kr.tickets.booking.DynamoHoldRepository.key;
import static kr.tickets.booking.DynamoHoldRepository.n;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Wrong-code counters in the booking table ({@code USER#<id> / DISCOUNT_ATTEMPTS}): a fixed
 * window of {@code failures} ending at {@code windowEndsAt}, counted with an atomic ADD so that
 * parallel guesses cannot slip under the limit, and started afresh by a conditional put once
 * the window has passed. {@code expiresAt} lets TTL clean it up.
 */
@Singleton
@Requires(property = "booking.table")
public class DynamoDiscountThrottle implements DiscountThrottle {
    private static final int ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDiscountThrottle(DynamoDbClient dynamo, @Value("${booking.table}") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> itemKey(String userId) {
        return key("USER#" + userId, "DISCOUNT_ATTEMPTS");
    }

    @Override
    public Optional<Duration> lockedFor(String userId, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(itemKey(userId))
                .consistentRead(true)).item();
        if (item == null || !item.containsKey("failures")) {
            return Optional.empty();
        }
        long left = Long.parseLong(item.get("windowEndsAt").n()) - now.getEpochSecond();
        return Long.parseLong(item.get("failures").n()) >= HoldRules.WRONG_CODES && left > 0
                ? Optional.of(Duration.ofSeconds(left)) : Optional.empty();
    }

    @Override
    public void recordWrongCode(String userId, Instant now) {
        Map<String, AttributeValue> nowValue = Map.of(":now", n(now.getEpochSecond()));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                dynamo.updateItem(r -> r.tableName(table).key(itemKey(userId))
                        .updateExpression("ADD failures :one")
                        .conditionExpression("windowEndsAt > :now")
                        .expressionAttributeValues(Map.of(":one", n(1), ":now", n(now.getEpochSecond()))));
                return;
            } catch (ConditionalCheckFailedException noCurrentWindow) {
                long windowEnds = now.plus(HoldRules.WRONG_CODE_WINDOW).getEpochSecond();
                Map<String, AttributeValue> item = new HashMap<>(itemKey(userId));
                item.put("failures", n(1));
                item.put("windowEndsAt", n(windowEnds));
                item.put("expiresAt", n(windowEnds));
                try {
                    dynamo.putItem(r -> r.tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(pk) OR windowEndsAt <= :now")
                            .expressionAttributeValues(nowValue));
                    return;
                } catch (ConditionalCheckFailedException anotherStartedIt) {
                    // Another wrong code started the window first: count into it.
                }
            }
        }
        throw new IllegalStateException("wrong-code counter of " + userId + " kept changing");
    }
}
