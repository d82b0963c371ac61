package kr.tickets.aws;

import java.util.ArrayList;
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
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        Map<String, KeysAndAttributes> pending = Map.of(table,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 0; attempt < ATTEMPTS && !pending.isEmpty(); attempt++) {
            Map<String, KeysAndAttributes> request = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
            found.addAll(response.responses().getOrDefault(table, List.of()));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            if (!pending.isEmpty()) {
                backOff(attempt);
            }
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException("DynamoDB left keys of " + table + " unprocessed");
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
