package kr.tickets.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import kr.tickets.ops.Metric;
import kr.tickets.ops.Metrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** DynamoDB calls whose retry rules every adapter needs the same way. */
public final class DynamoItems {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoItems.class);
    private static final int ATTEMPTS = 4;

    private DynamoItems() {
    }

    /**
     * Strongly consistent reads of a few items of one table. Keys DynamoDB leaves unprocessed
     * (throttling) are asked again, so a missing item really means absent, never skipped.
     */
    public static List<Map<String, AttributeValue>> getAll(DynamoDbClient dynamo, String table,
                                                          List<Map<String, AttributeValue>> keys) {
        return getAll(dynamo, Map.of(table, keys)).getOrDefault(table, List.of());
    }

    /**
     * The same across tables, in one request: table → the items found (in no particular order).
     * At most 100 keys in all.
     */
    public static Map<String, List<Map<String, AttributeValue>>> getAll(DynamoDbClient dynamo,
                                                                        Map<String, List<Map<String, AttributeValue>>> keys) {
        Map<String, List<Map<String, AttributeValue>>> found = new HashMap<>();
        Map<String, KeysAndAttributes> pending = new HashMap<>();
        keys.forEach((table, tableKeys) -> {
            found.put(table, new ArrayList<>());
            if (!tableKeys.isEmpty()) {
                pending.put(table, KeysAndAttributes.builder().keys(tableKeys).consistentRead(true).build());
            }
        });
        for (int attempt = 0; attempt < ATTEMPTS && !pending.isEmpty(); attempt++) {
            Map<String, KeysAndAttributes> request = Map.copyOf(pending);
            BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
            response.responses().forEach((table, items) -> found.get(table).addAll(items));
            pending.clear();
            if (response.hasUnprocessedKeys()) {
                pending.putAll(response.unprocessedKeys());
            }
            if (!pending.isEmpty()) {
                backOff(attempt);
            }
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException("DynamoDB left keys of " + pending.keySet() + " unprocessed");
        }
        return found;
    }

    /**
     * Runs a transaction again while DynamoDB cancels it only because another transaction was
     * touching the same items (TransactionConflict, each one counted: a rising count is contention
     * on hot items); a failed condition is the caller's to handle.
     */
    public static <T> T transact(Supplier<T> transaction, Metrics metrics) {
        for (int attempt = 0; ; attempt++) {
            try {
                return transaction.get();
            } catch (TransactionCanceledException e) {
                boolean conflictOnly = e.hasCancellationReasons() && e.cancellationReasons().stream()
                        .anyMatch(r -> "TransactionConflict".equals(r.code()))
                        && e.cancellationReasons().stream().noneMatch(r -> "ConditionalCheckFailed".equals(r.code()));
                if (conflictOnly) {
                    metrics.count(Metric.TRANSACTION_CONFLICT);
                    LOG.warn("DynamoDB transaction conflict attempt={}", attempt + 1);
                }
                if (!conflictOnly || attempt + 1 >= ATTEMPTS) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep((long) (20 * Math.pow(2, attempt) * (0.5 + Math.random())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
