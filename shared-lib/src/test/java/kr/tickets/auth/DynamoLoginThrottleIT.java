package kr.tickets.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Failed-login counting and lock-out against moto. */
class DynamoLoginThrottleIT {
    private static final ThrottlePolicy POLICY = new ThrottlePolicy(3, Duration.ofMinutes(10), Duration.ofMinutes(5));
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static DynamoLoginThrottle throttle;

    @BeforeAll
    static void connect() {
        LocalStack stack = LocalStack.shared();
        throttle = new DynamoLoginThrottle(AwsLocal.dynamo(stack.endpoint()), stack.resources().physicalId("AuthTable"));
    }

    private static String key() {
        return "EMAIL#" + UUID.randomUUID();
    }

    @Test
    void keyIsLockedAfterTheMaximumFailuresForTheLockTime() {
        String key = key();
        throttle.recordFailure(key, POLICY, NOW);
        throttle.recordFailure(key, POLICY, NOW.plusSeconds(1));
        assertTrue(throttle.lockedFor(List.of(key), NOW.plusSeconds(2)).isEmpty());
        throttle.recordFailure(key, POLICY, NOW.plusSeconds(2));
        assertEquals(Duration.ofMinutes(5), throttle.lockedFor(List.of(key), NOW.plusSeconds(2)).orElseThrow());
        assertTrue(throttle.lockedFor(List.of(key), NOW.plusSeconds(2).plus(POLICY.lock())).isEmpty());
    }

    @Test
    void failuresOfAPastWindowDoNotCount() {
        String key = key();
        throttle.recordFailure(key, POLICY, NOW);
        throttle.recordFailure(key, POLICY, NOW);
        Instant later = NOW.plus(POLICY.window()).plusSeconds(1);
        throttle.recordFailure(key, POLICY, later);
        assertTrue(throttle.lockedFor(List.of(key), later).isEmpty());
    }

    @Test
    void resetClearsTheCount() {
        String key = key();
        throttle.recordFailure(key, POLICY, NOW);
        throttle.recordFailure(key, POLICY, NOW);
        throttle.reset(key);
        throttle.recordFailure(key, POLICY, NOW);
        assertTrue(throttle.lockedFor(List.of(key), NOW).isEmpty());
    }

    @Test
    void concurrentFailuresAreAllCounted() throws Exception {
        String key = key();
        ThrottlePolicy policy = new ThrottlePolicy(10, Duration.ofMinutes(10), Duration.ofMinutes(5));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit(() -> {
                start.await();
                throttle.recordFailure(key, policy, NOW);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> result : results) {
            result.get();
        }
        pool.shutdown();
        assertTrue(throttle.lockedFor(List.of(key, key()), NOW).isPresent());
    }
}
