package kr.tickets.ratelimit;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import kr.tickets.auth.AuthTableKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Rate counters in the Auth table, beside the login throttle, and the owner of their keys:
 * {@code pk = RATE#<route>#<subject>#<id>}, {@code sk = <window start, epoch seconds>}. One
 * UpdateItem per request and key ({@code ADD}, atomic, no read first) returns the new count; a
 * new window is a new item, so no condition or reset is needed. TTL deletes a window's item a
 * minute after it ends (correctness never depends on that: an old window is never read again).
 */
@Singleton
@Requires(property = "auth.table")
public class DynamoRateCounter implements RateCounter {
    /** How long after its window an item may be deleted. */
    static final Duration KEEP_AFTER_WINDOW = Duration.ofMinutes(1);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRateCounter(DynamoDbClient dynamo, @Value("${auth.table}") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    static Map<String, AttributeValue> key(RateLimitedRoute route, RateSubject subject, String subjectId,
                                           RateWindow window) {
        return AuthTableKeys.rateCounter(route.name(), subject.name(), subjectId, window.start());
    }

    @Override
    public long increment(RateLimitedRoute route, RateSubject subject, String subjectId, RateWindow window) {
        String expiresAt = Long.toString(window.end().plus(KEEP_AFTER_WINDOW).getEpochSecond());
        return Long.parseLong(dynamo.updateItem(r -> r.tableName(table).key(key(route, subject, subjectId, window))
                        .updateExpression("ADD #count :one SET expiresAt = :expiresAt")
                        .expressionAttributeNames(Map.of("#count", "count"))
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                                ":expiresAt", AttributeValue.fromN(expiresAt)))
                        .returnValues(ReturnValue.UPDATED_NEW))
                .attributes().get("count").n());
    }
}
