package kr.tickets.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Refresh-token families, rotation and the deny list against moto. */
class DynamoSessionStoreIT {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static DynamoSessionStore store;

    @BeforeAll
    static void connect() {
        LocalStack stack = LocalStack.shared();
        store = new DynamoSessionStore(AwsLocal.dynamo(stack.endpoint()), stack.resources().physicalId("AuthTable"));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void rotationAcceptsOnlyTheCurrentToken() {
        String family = id();
        String user = id();
        store.start(family, user, "t1", NOW.plus(Duration.ofDays(14)), NOW);
        assertEquals(SessionStore.Rotation.ROTATED, store.rotate(family, user, "t1", "t2", NOW));
        assertEquals(SessionStore.Rotation.REUSED, store.rotate(family, user, "t1", "t3", NOW));
        // Reuse revoked the family: even the newest token no longer rotates.
        assertEquals(SessionStore.Rotation.REVOKED, store.rotate(family, user, "t2", "t4", NOW));
        assertTrue(store.isRevoked("any-access-token", family));
    }

    @Test
    void concurrentRefreshesWithOneTokenRotateOnce() throws Exception {
        String family = id();
        String user = id();
        store.start(family, user, "t1", NOW.plus(Duration.ofDays(14)), NOW);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SessionStore.Rotation>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String next = "n" + i;
            results.add(pool.submit(() -> {
                start.await();
                return store.rotate(family, user, "t1", next, NOW);
            }));
        }
        start.countDown();
        int rotated = 0;
        for (Future<SessionStore.Rotation> result : results) {
            rotated += result.get() == SessionStore.Rotation.ROTATED ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, rotated);
    }

    @Test
    void anotherUsersTokenCannotRotateAFamily() {
        String family = id();
        store.start(family, "owner", "t1", NOW.plus(Duration.ofDays(14)), NOW);
        assertEquals(SessionStore.Rotation.REUSED, store.rotate(family, "intruder", "t1", "t2", NOW));
    }

    @Test
    void deniedAccessTokenIsRevokedWhileItsFamilyIsNot() {
        String family = id();
        store.start(family, id(), "t1", NOW.plus(Duration.ofDays(14)), NOW);
        String access = id();
        assertFalse(store.isRevoked(access, family));
        store.deny(access, NOW.plus(Duration.ofMinutes(30)));
        assertTrue(store.isRevoked(access, family));
        assertFalse(store.isRevoked(id(), family));
    }

    @Test
    void unknownFamilyCountsAsRevoked() {
        assertTrue(store.isRevoked(id(), id()));
    }

    @Test
    void revokingOtherFamiliesKeepsTheCurrentOne() throws InterruptedException {
        String user = id();
        String keep = id();
        String other = id();
        store.start(keep, user, "a", NOW.plus(Duration.ofDays(14)), NOW);
        store.start(other, user, "b", NOW.plus(Duration.ofDays(14)), NOW);
        store.revokeOtherFamilies(user, keep);
        assertFalse(store.isRevoked(id(), keep));
        assertTrue(store.isRevoked(id(), other));
    }
}
