package kr.tickets.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Rate counters against moto: atomic under concurrency, one item per window, with its TTL. */
class DynamoRateCounterIT {
    private static final Instant NOW = Instant.parse("2030-03-01T09:00:13Z");
    private static DynamoDbClient dynamo;
    private static String table;
    private static DynamoRateCounter counter;

    @BeforeAll
    static void connect() {
        LocalStack stack = LocalStack.shared();
        dynamo = AwsLocal.dynamo(stack.endpoint());
        table = stack.resources().physicalId("AuthTable");
        counter = new DynamoRateCounter(dynamo, table);
    }

    @Test
    void concurrentRequestsEachGetTheirOwnCount() throws Exception {
        String user = "u-" + UUID.randomUUID();
        RateWindow window = RateWindow.containing(NOW, RateWindow.LENGTH);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> counts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            counts.add(pool.submit(() -> {
                start.await();
                return counter.increment(RateLimitedRoute.HOLD, RateSubject.USER, user, window);
            }));
        }
        start.countDown();
        Set<Long> seen = new TreeSet<>();
        for (Future<Long> count : counts) {
            seen.add(count.get());
        }
        pool.shutdown();
        Set<Long> expected = new TreeSet<>();
        for (long n = 1; n <= 40; n++) {
            expected.add(n);
        }
        assertEquals(expected, seen);
    }

    @Test
    void aNewWindowRouteOrSubjectStartsFromOne() {
        String id = "203.0.113." + (int) (Math.random() * 250);
        RateWindow window = RateWindow.containing(NOW, RateWindow.LENGTH);
        String user = "u-" + UUID.randomUUID();
        assertEquals(1, counter.increment(RateLimitedRoute.CONFIRM, RateSubject.USER, user, window));
        assertEquals(2, counter.increment(RateLimitedRoute.CONFIRM, RateSubject.USER, user, window));
        assertEquals(1, counter.increment(RateLimitedRoute.CHECKOUT, RateSubject.USER, user, window));
        assertEquals(1, counter.increment(RateLimitedRoute.CONFIRM, RateSubject.CLIENT_ADDRESS, user, window));
        assertEquals(1, counter.increment(RateLimitedRoute.CONFIRM, RateSubject.USER, user,
                RateWindow.containing(NOW.plus(RateWindow.LENGTH), RateWindow.LENGTH)));
        assertEquals(1, counter.increment(RateLimitedRoute.HOLD, RateSubject.CLIENT_ADDRESS, id, window));
    }

    @Test
    void theItemExpiresAMinuteAfterItsWindow() {
        String user = "u-" + UUID.randomUUID();
        RateWindow window = RateWindow.containing(NOW, RateWindow.LENGTH);
        counter.increment(RateLimitedRoute.HOLD, RateSubject.USER, user, window);
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(DynamoRateCounter.key(RateLimitedRoute.HOLD, RateSubject.USER, user, window))).item();
        assertEquals(Long.toString(Instant.parse("2030-03-01T09:01:20Z").getEpochSecond()), item.get("expiresAt").n());
        assertEquals("RATE#HOLD#USER#" + user, item.get("pk").s());
        assertEquals(Long.toString(Instant.parse("2030-03-01T09:00:10Z").getEpochSecond()), item.get("sk").s());
    }
}
