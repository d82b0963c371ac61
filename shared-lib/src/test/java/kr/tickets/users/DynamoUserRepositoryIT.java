package kr.tickets.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.tickets.common.ApiException;
import kr.tickets.common.Ids;
import kr.tickets.auth.DynamoSessionStore;
import kr.tickets.auth.Grant;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.LocalStack;
import kr.tickets.ops.RecordingMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The Users table adapter against moto, with the table created from template.yaml. */
class DynamoUserRepositoryIT {
    private static DynamoDbClient dynamo;
    private static DynamoUserRepository repository;

    @BeforeAll
    static void connect() {
        LocalStack stack = LocalStack.shared();
        dynamo = AwsLocal.dynamo(stack.endpoint());
        repository = new DynamoUserRepository(dynamo, new RecordingMetrics(), stack.resources().physicalId("UsersTable"),
                stack.resources().physicalId("AuthTable"));
    }

    private static User user(String email, String phone) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new User(Ids.newId(), "김민지", email, phone, Role.USER, "hash", now, now, 1);
    }

    private static String email() {
        return UUID.randomUUID() + "@example.com";
    }

    private static String phone() {
        return String.format("010-%04d-%04d", (int) (Math.random() * 10000), (int) (Math.random() * 10000));
    }

    @Test
    void createdUserIsFoundByIdAndByEmail() {
        User user = user(email(), phone());
        repository.create(user);
        assertEquals(user, repository.findById(user.userId()).orElseThrow());
        assertEquals(user, repository.findByEmail(user.email()).orElseThrow());
    }

    @Test
    void aRoleChangeWritesTheAuthTablesRoleItemInTheSameTransaction() {
        LocalStack stack = LocalStack.shared();
        DynamoSessionStore sessions = new DynamoSessionStore(dynamo, stack.resources().physicalId("AuthTable"));
        User user = user(email(), phone());
        repository.create(user);
        sessions.start(new Grant(user.userId(), Role.USER, "fam-" + user.userId(), "a1", "r1", Instant.now(),
                Instant.now(), Instant.now().plusSeconds(3600)), Instant.now());
        String family = "fam-" + user.userId();

        User admin = user.withRole(Role.ADMIN, Instant.parse("2026-01-02T00:00:00Z"));
        repository.update(user, admin);
        assertEquals(Optional.of(Role.ADMIN), sessions.currentRole("a1", family, user.userId()));

        repository.update(admin, admin.withRole(Role.USER, Instant.parse("2026-01-03T00:00:00Z")));
        assertEquals(Optional.of(Role.USER), sessions.currentRole("a1", family, user.userId()));
    }

    @Test
    void secondAccountWithTheSameEmailIsRefusedAndWritesNothing() {
        String email = email();
        repository.create(user(email, phone()));
        User second = user(email, phone());
        ApiException e = assertThrows(ApiException.class, () -> repository.create(second));
        assertEquals("EMAIL_TAKEN", e.code());
        assertTrue(repository.findById(second.userId()).isEmpty());
        // The refused account's phone was not claimed either: it is still free.
        repository.create(user(email(), second.phone()));
    }

    @Test
    void secondAccountWithTheSamePhoneIsRefused() {
        String phone = phone();
        repository.create(user(email(), phone));
        ApiException e = assertThrows(ApiException.class, () -> repository.create(user(email(), phone)));
        assertEquals("PHONE_TAKEN", e.code());
    }

    @Test
    void concurrentSignupsWithOneEmailCreateExactlyOneAccount() throws Exception {
        String email = email();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    repository.create(user(email, phone()));
                    return true;
                } catch (ApiException taken) {
                    assertEquals("EMAIL_TAKEN", taken.code());
                    return false;
                }
            }));
        }
        start.countDown();
        int created = 0;
        for (Future<Boolean> result : results) {
            created += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, created);
    }

    @Test
    void phoneChangeMovesTheClaim() {
        User user = user(email(), phone());
        repository.create(user);
        String newPhone = phone();
        User updated = user.withProfile("민지", newPhone, user.passwordHash(), Instant.now());
        repository.update(user, updated);
        assertEquals(newPhone, repository.findById(user.userId()).orElseThrow().phone());
        // The old number is free again, the new one is taken.
        repository.create(user(email(), user.phone()));
        ApiException e = assertThrows(ApiException.class, () -> repository.create(user(email(), newPhone)));
        assertEquals("PHONE_TAKEN", e.code());
    }

    @Test
    void updateFromAStaleVersionIsRefused() {
        User user = user(email(), phone());
        repository.create(user);
        repository.update(user, user.withProfile("first", user.phone(), user.passwordHash(), Instant.now()));
        ApiException e = assertThrows(ApiException.class, () ->
                repository.update(user, user.withProfile("second", user.phone(), user.passwordHash(), Instant.now())));
        assertEquals("CONCURRENT_UPDATE", e.code());
        assertEquals("first", repository.findById(user.userId()).orElseThrow().name());
    }

    @Test
    void changingToATakenPhoneIsRefusedAndKeepsTheProfile() {
        User other = user(email(), phone());
        repository.create(other);
        User user = user(email(), phone());
        repository.create(user);
        ApiException e = assertThrows(ApiException.class, () ->
                repository.update(user, user.withProfile("x", other.phone(), user.passwordHash(), Instant.now())));
        assertEquals("PHONE_TAKEN", e.code());
        assertEquals(user, repository.findById(user.userId()).orElseThrow());
    }
}
