package kr.tickets.runner.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The emulator's raw transaction rate: how many hold-sized {@code TransactWriteItems} a second the
 * launcher serves when nothing else runs, from several threads at once. A hold-sized transaction
 * is four conditional puts of new items of about the hold's sizes (a seat claim ~0.2 KB, a user's
 * seats ~0.15 KB, a hold ~0.6 KB, an idempotency key ~0.15 KB) in the real tables, so moto's cost
 * per item is the same as a hold's. This is the ceiling a rush can approach when a hold needs one
 * transaction and nothing else; the rush's holds/s over this rate says how much else a hold asks.
 */
final class RawTransactionRate {
    private RawTransactionRate() {
    }

    static double measure(DynamoDbClient dynamo, String catalogTable, String bookingTable, int threads, Duration run)
            throws Exception {
        AtomicInteger done = new AtomicInteger();
        long end = System.nanoTime() + run.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        long began = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    dynamo.transactWriteItems(r -> r.transactItems(transaction(catalogTable, bookingTable)));
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return done.get() / ((System.nanoTime() - began) / 1e9);
    }

    private static List<TransactWriteItem> transaction(String catalogTable, String bookingTable) {
        String id = UUID.randomUUID().toString();
        return List.of(put(catalogTable, "RAWRATE#" + id, "SEAT#A-1-1", 150),
                put(bookingTable, "RAWRATE#USER#" + id, "SCHED#" + id, 100),
                put(bookingTable, "RAWRATE#HOLD#" + id, "META", 540),
                put(bookingTable, "RAWRATE#USER#" + id, "IDEM#" + id, 60));
    }

    private static TransactWriteItem put(String table, String pk, String sk, int padding) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS(pk));
        item.put("sk", AttributeValue.fromS(sk));
        item.put("data", AttributeValue.fromS("x".repeat(padding)));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"))
                .build();
    }
}
