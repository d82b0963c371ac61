package kr.tickets.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The local stack's conditional writes are atomic under concurrency, as DynamoDB's are:
 * 50 threads race to create the same unique item and exactly one wins. Runs against a real
 * moto server through the launcher (local/moto_launcher.py), over HTTP.
 */
class MotoAtomicityIT {
    private static final int THREADS = 50;
    private static final String TABLE = "AtomicityProbe";
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void createTable() {
        dynamo = AwsLocal.dynamo(LocalStack.shared().endpoint());
        dynamo.createTable(r -> r.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH")));
    }

    @AfterAll
    static void dropTable() {
        dynamo.deleteTable(r -> r.tableName(TABLE));
        dynamo.close();
    }

    @RepeatedTest(3)
    void exactlyOneOfFiftyConditionalPutsWins() throws Exception {
        String key = "SEAT#" + UUID.randomUUID();
        int wins = race(thread -> {
            dynamo.putItem(r -> r.tableName(TABLE)
                    .item(Map.of("pk", s(key), "owner", s("thread-" + thread)))
                    .conditionExpression("attribute_not_exists(pk)"));
        });
        assertEquals(1, wins);
        assertEquals(1, dynamo.scan(r -> r.tableName(TABLE).filterExpression("pk = :k")
                .expressionAttributeValues(Map.of(":k", s(key)))).count());
    }

    @RepeatedTest(3)
    void exactlyOneOfFiftyTransactionsOnTheSameUniqueKeysWins() throws Exception {
        String email = "EMAIL#" + UUID.randomUUID();
        int wins = race(thread -> {
            String user = "USER#" + thread + "#" + UUID.randomUUID();
            dynamo.transactWriteItems(r -> r.transactItems(
                    put(user), put(email)));
        });
        assertEquals(1, wins);
    }

    /**
     * A cancelled transaction leaves no trace: the item it created is gone, the one it updated
     * and the one it deleted are as before, and writes to other items made before it stay.
     */
    @Test
    void cancelledTransactionPutsBackExactlyTheItemsItTouched() {
        String kept = "KEPT#" + UUID.randomUUID();
        String updated = "UPDATED#" + UUID.randomUUID();
        String deleted = "DELETED#" + UUID.randomUUID();
        String created = "CREATED#" + UUID.randomUUID();
        dynamo.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s(kept), "v", s("kept"))));
        dynamo.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s(updated), "v", s("before"))));
        dynamo.putItem(r -> r.tableName(TABLE).item(Map.of("pk", s(deleted), "v", s("before"))));
        TransactionCanceledException cancelled = assertThrows(TransactionCanceledException.class, () ->
                dynamo.transactWriteItems(r -> r.transactItems(
                        put(created),
                        TransactWriteItem.builder().update(Update.builder().tableName(TABLE).key(Map.of("pk", s(updated)))
                                .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", s("after")))
                                .build()).build(),
                        TransactWriteItem.builder().delete(Delete.builder().tableName(TABLE).key(Map.of("pk", s(deleted)))
                                .build()).build(),
                        TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(TABLE)
                                .key(Map.of("pk", s(kept))).conditionExpression("v = :other")
                                .expressionAttributeValues(Map.of(":other", s("other"))).build()).build())));
        assertEquals("ConditionalCheckFailed", cancelled.cancellationReasons().get(3).code());
        assertFalse(dynamo.getItem(r -> r.tableName(TABLE).key(Map.of("pk", s(created)))).hasItem());
        assertEquals("before", dynamo.getItem(r -> r.tableName(TABLE).key(Map.of("pk", s(updated)))).item().get("v").s());
        assertEquals("before", dynamo.getItem(r -> r.tableName(TABLE).key(Map.of("pk", s(deleted)))).item().get("v").s());
        assertEquals("kept", dynamo.getItem(r -> r.tableName(TABLE).key(Map.of("pk", s(kept)))).item().get("v").s());
    }

    private static TransactWriteItem put(String key) {
        return TransactWriteItem.builder().put(Put.builder().tableName(TABLE)
                .item(Map.of("pk", s(key))).conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private interface Attempt {
        void run(int thread);
    }

    private static int race(Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger losses = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int thread = i;
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    attempt.run(thread);
                    wins.incrementAndGet();
                } catch (ConditionalCheckFailedException | TransactionCanceledException lost) {
                    losses.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        assertEquals(THREADS, wins.get() + losses.get());
        return wins.get();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
