package kr.tickets.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Policy changes and their audit records against moto's PoliciesTable. Each test changes its own
 * key at times of its own (a day apart), so the newest-first reads see what it wrote.
 */
class DynamoPolicyRepositoryIT {
    private static final Instant T0 = Instant.parse("2030-03-01T09:00:00Z");
    private static DynamoPolicyRepository repository;

    @BeforeAll
    static void connect() {
        LocalStack stack = LocalStack.shared();
        repository = new DynamoPolicyRepository(AwsLocal.dynamo(stack.endpoint()),
                stack.resources().physicalId("PoliciesTable"));
    }

    /** {@code earliest}, or later than the stored value if one is there from an earlier run. */
    private static Instant after(PolicyRepository.StoredValue stored, Instant earliest) {
        return stored == null || stored.updatedAt().isBefore(earliest) ? earliest : stored.updatedAt().plusSeconds(60);
    }

    private static JsonNode number(int n) {
        return JsonNodeFactory.instance.numberNode(n);
    }

    private static PolicyChange change(String id, PolicyRepository.StoredValue before, int to, Instant at) {
        return new PolicyChange(id, PolicyKey.FEE_KRW.key(), before == null ? PolicyKey.FEE_KRW.defaultValue()
                : before.value(), before == null ? PolicyChange.Source.DEFAULT : PolicyChange.Source.TABLE,
                number(to), "admin-it", at);
    }

    @Test
    void aChangeStoresTheValueAndItsAuditRecordAndALostRaceStoresNeither() {
        PolicyRepository.StoredValue before = repository.findAll().get(PolicyKey.FEE_KRW.key());
        Instant at = after(before, T0.plus(java.time.Duration.ofDays(1)));
        PolicyChange first = change("it-" + at.toEpochMilli() + "-a", before, 1500, at);
        assertTrue(repository.change(first, before));
        PolicyRepository.StoredValue stored = repository.findAll().get(PolicyKey.FEE_KRW.key());
        assertEquals(number(1500), stored.value());
        assertEquals(at, stored.updatedAt());

        // Another admin's change read the value before the first one was stored: refused, nothing written.
        PolicyChange stale = change("it-" + at.toEpochMilli() + "-b", before, 900, at.plusSeconds(1));
        assertFalse(repository.change(stale, before));
        assertEquals(number(1500), repository.findAll().get(PolicyKey.FEE_KRW.key()).value());

        PolicyChange second = change("it-" + at.toEpochMilli() + "-c", stored, 2000, at.plusSeconds(2));
        assertTrue(repository.change(second, stored));

        List<PolicyChange> ofKey = repository.audit(Optional.of(PolicyKey.FEE_KRW), 2, Optional.empty()).items();
        assertEquals(List.of(second, first), ofKey);
        assertEquals(second, repository.audit(Optional.empty(), 1, Optional.empty()).items().get(0));
    }

    @Test
    void pagesFollowOneAnotherNewestFirst() {
        PolicyRepository.StoredValue before = repository.findAll().get(PolicyKey.CANCELLATION_HOURS.key());
        Instant at = after(before, T0);
        PolicyRepository.StoredValue expected = before;
        for (int i = 0; i < 3; i++) {
            Instant when = at.plusMillis(i * 1500L);
            PolicyChange change = new PolicyChange("it-page-" + when.toEpochMilli(), PolicyKey.CANCELLATION_HOURS.key(),
                    number(24), PolicyChange.Source.DEFAULT, number(30 + i), "admin-it", when);
            assertTrue(repository.change(change, expected));
            expected = new PolicyRepository.StoredValue(number(30 + i), "admin-it", when);
        }
        PolicyRepository.AuditPage first = repository.audit(Optional.of(PolicyKey.CANCELLATION_HOURS), 2,
                Optional.empty());
        assertEquals(List.of(32, 31), first.items().stream().map(c -> c.newValue().intValue()).toList());
        PolicyRepository.AuditPage second = repository.audit(Optional.of(PolicyKey.CANCELLATION_HOURS), 2,
                first.next());
        assertEquals(30, second.items().get(0).newValue().intValue());
    }
}
