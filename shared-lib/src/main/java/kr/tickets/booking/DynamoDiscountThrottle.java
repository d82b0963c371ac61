package kr.tickets.booking;


import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import kr.tickets.aws.FailureWindow;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Wrong-code counters in the booking table ({@code USER#<id> / DISCOUNT_ATTEMPTS}): a
 * {@link FailureWindow} per user; a user with the maximum of wrong codes in it waits for its end.
 */
@Singleton
@Requires(property = "booking.table")
public class DynamoDiscountThrottle implements DiscountThrottle {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDiscountThrottle(DynamoDbClient dynamo, @Value("${booking.table}") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> itemKey(String userId) {
        return BookingKeys.discountAttempts(userId);
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
        FailureWindow.count(dynamo, table, itemKey(userId), HoldRules.WRONG_CODE_WINDOW, now);
    }
}
