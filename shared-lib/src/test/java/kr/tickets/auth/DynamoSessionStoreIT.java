package kr.tickets.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.LocalStack;
import kr.tickets.users.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Refresh-token families, rotation with its grace window, the deny list and the role item against moto. */
class DynamoSessionStoreIT {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static DynamoDbClient dynamo;
    private static String table;
    private static DynamoSessionStore store;

    @BeforeAll
    static void connect() {
        LocalStack stack = LocalStack.shared();
        dynamo = AwsLocal.dynamo(stack.endpoint());
        table = stack.resources().physicalId("AuthTable");
        store = new DynamoSessionStore(dynamo, table);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static Grant grant(String family, String user, String refreshId, Instant issuedAt) {
        return new Grant(user, Role.USER, family, "a-" + refreshId, refreshId, NOW, issuedAt,
                NOW.plus(TokenPolicy.REFRESH_TTL));
    }

    private static void start(String family, String user, String refreshId) {
        store.start(grant(family, user, refreshId, NOW), NOW);
    }

    private static boolean revoked(String access, String family, String user) {
        return store.currentRole(access, family, user).isEmpty();
    }

    @Test
    void rotationAcceptsOnlyTheCurrentToken() {
        String family = id();
        String user = id();
        start(family, user, "t1");
        assertEquals(SessionStore.Outcome.ROTATED, store.rotate("t1", grant(family, user, "t2", NOW), NOW).outcome());
        Instant late = NOW.plus(SessionStore.GRACE);
        assertEquals(SessionStore.Outcome.REUSED, store.rotate("t1", grant(family, user, "t3", late), late).outcome());
        // Reuse revoked the family: even the newest token no longer rotates.
        assertEquals(SessionStore.Outcome.REVOKED, store.rotate("t2", grant(family, user, "t4", late), late).outcome());
        assertTrue(revoked("any-access-token", family, user));
    }

    @Test
    void theReplacedTokenWithinTheGraceWindowGetsTheSameSuccessor() {
        String family = id();
        String user = id();
        start(family, user, "t1");
        Grant second = grant(family, user, "t2", NOW.plusSeconds(60));
        store.rotate("t1", second, NOW.plusSeconds(60));

        Instant tabTwo = NOW.plusSeconds(65);
        SessionStore.Rotation replay = store.rotate("t1", grant(family, user, "t3", tabTwo), tabTwo);

        assertEquals(SessionStore.Outcome.GRACE_REPLAY, replay.outcome());
        assertEquals(second, replay.successor());
        assertFalse(revoked(second.accessTokenId(), family, user));
        assertEquals(SessionStore.Outcome.ROTATED,
                store.rotate("t2", grant(family, user, "t3", tabTwo), tabTwo).outcome());
    }

    @Test
    void concurrentRefreshesWithOneTokenRotateOnceAndTheOthersShareItsSuccessor() throws Exception {
        String family = id();
        String user = id();
        start(family, user, "t1");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SessionStore.Rotation>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String next = "n" + i;
            results.add(pool.submit(() -> {
                start.await();
                return store.rotate("t1", grant(family, user, next, NOW), NOW);
            }));
        }
        start.countDown();
        int rotated = 0;
        List<Grant> successors = new ArrayList<>();
        for (Future<SessionStore.Rotation> result : results) {
            rotated += result.get().outcome() == SessionStore.Outcome.ROTATED ? 1 : 0;
            successors.add(result.get().successor());
        }
        pool.shutdown();
        assertEquals(1, rotated);
        assertEquals(1, successors.stream().distinct().count(), successors::toString);
    }

    @Test
    void anotherUsersTokenCannotRotateAFamily() {
        String family = id();
        start(family, "owner", "t1");
        assertEquals(SessionStore.Outcome.REUSED, store.rotate("t1", grant(family, "intruder", "t2", NOW), NOW).outcome());
    }

    @Test
    void deniedAccessTokenIsRevokedWhileItsFamilyIsNot() {
        String family = id();
        String user = id();
        start(family, user, "t1");
        String access = id();
        assertFalse(revoked(access, family, user));
        store.deny(access, NOW.plus(Duration.ofMinutes(30)));
        assertTrue(revoked(access, family, user));
        assertFalse(revoked(id(), family, user));
    }

    @Test
    void unknownFamilyCountsAsRevoked() {
        assertTrue(revoked(id(), id(), id()));
    }

    @Test
    void theRoleIsTheRoleItemsOrUserWithoutOne() {
        String family = id();
        String user = id();
        start(family, user, "t1");
        assertEquals(Optional.of(Role.USER), store.currentRole(id(), family, user));

        dynamo.putItem(r -> r.tableName(table).item(DynamoSessionStore.roleItem(user, Role.ADMIN, NOW)));
        assertEquals(Optional.of(Role.ADMIN), store.currentRole(id(), family, user));

        dynamo.putItem(r -> r.tableName(table).item(DynamoSessionStore.roleItem(user, Role.USER, NOW)));
        assertEquals(Optional.of(Role.USER), store.currentRole(id(), family, user));
    }

    @Test
    void revokingOtherFamiliesKeepsTheCurrentOne() {
        String user = id();
        String keep = id();
        String other = id();
        start(keep, user, "a");
        start(other, user, "b");
        store.revokeOtherFamilies(user, keep);
        assertFalse(revoked(id(), keep, user));
        assertTrue(revoked(id(), other, user));
    }
}
