package kr.tickets.policy;

import static kr.tickets.common.ApiAssertions.assertFails;
import static kr.tickets.common.ApiAssertions.assertValidationFailed;
import static kr.tickets.common.ApiAssertions.jsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import kr.tickets.common.ApiException;
import kr.tickets.common.FieldError;
import kr.tickets.common.MutableClock;
import org.junit.jupiter.api.Test;

class PolicyServiceTest {
    private final MutableClock clock = MutableClock.at("2030-03-01T09:00:00Z");
    private final InMemoryPolicyRepository repository = new InMemoryPolicyRepository();
    private final PolicyService policies = new PolicyService(repository, clock);

    private Policy listed(PolicyKey key) {
        return policies.list().stream().filter(p -> p.key().equals(key.key())).findFirst().orElseThrow();
    }

    @Test
    void listShowsEveryPolicyInDeclarationOrderWithDefaults() {
        List<Policy> list = policies.list();

        assertEquals(Arrays.stream(PolicyKey.values()).map(PolicyKey::key).toList(),
                list.stream().map(Policy::key).toList());
        Policy hold = list.get(0);
        assertEquals("DEFAULT", hold.source());
        assertEquals(10, hold.value().intValue());
        assertEquals(hold.defaultValue(), hold.value());
        assertNull(hold.updatedBy());
        assertNull(hold.updatedAt());
    }

    @Test
    void updateStoresTheValueAndWhoSetItWhen() {
        Policy updated = policies.update("booking.holdMinutes", jsonBody("{\"value\": 15}"), "admin-1");

        assertEquals(15, updated.value().intValue());
        assertEquals(10, updated.defaultValue().intValue());
        assertEquals("TABLE", updated.source());
        assertEquals("admin-1", updated.updatedBy());
        assertEquals("2030-03-01T09:00:00Z", updated.updatedAt());
        assertEquals(updated, listed(PolicyKey.HOLD_MINUTES));
    }

    @Test
    void unknownPolicyIs404AndStoresNothing() {
        assertFails(() -> policies.update("booking.nope", jsonBody("{\"value\": 1}"), "admin-1"), 404, "NOT_FOUND");
        assertTrue(repository.findAll().isEmpty());
    }

    @Test
    void valueOutsideTheRuleIs400AndStoresNothing() {
        ApiException e = assertValidationFailed(
                () -> policies.update("booking.holdMinutes", jsonBody("{\"value\": 31}"), "admin-1"));
        assertEquals(List.of(new FieldError("value", "must be a whole number from 1 to 30")), e.fieldErrors());
        assertEquals("DEFAULT", listed(PolicyKey.HOLD_MINUTES).source());
    }

    @Test
    void missingOrNullValueIsRequired() {
        for (String json : List.of("{}", "{\"value\": null}")) {
            ApiException e = assertValidationFailed(
                    () -> policies.update("feature.maintenance", jsonBody(json), "admin-1"));
            assertEquals(List.of(new FieldError("value", "is required")), e.fieldErrors(), json);
        }
        assertTrue(repository.findAll().isEmpty());
    }

    @Test
    void featureFlagCanBeSwitchedOn() {
        policies.update("feature.maintenance", jsonBody("{\"value\": true}"), "admin-1");
        assertTrue(listed(PolicyKey.MAINTENANCE).value().booleanValue());
    }

    @Test
    void eachChangeKeepsWhoChangedWhatWhenFromWhichValueToWhich() {
        policies.update("booking.feeKrw", jsonBody("{\"value\": 1500}"), "admin-1");
        clock.advance(Duration.ofMinutes(5));
        policies.update("booking.feeKrw", jsonBody("{\"value\": 1000}"), "admin-2");

        List<PolicyChange> trail = repository.auditRecords();
        assertEquals(2, trail.size());
        PolicyChange first = trail.get(0);
        assertEquals("booking.feeKrw", first.key());
        assertEquals(2000, first.oldValue().intValue()); // the default was in force
        assertEquals(PolicyChange.Source.DEFAULT, first.oldSource());
        assertEquals(1500, first.newValue().intValue());
        assertEquals("admin-1", first.changedBy());
        assertEquals(Instant.parse("2030-03-01T09:00:00Z"), first.changedAt());
        PolicyChange second = trail.get(1);
        assertEquals(1500, second.oldValue().intValue());
        assertEquals(PolicyChange.Source.TABLE, second.oldSource());
        assertEquals(1000, second.newValue().intValue());
        assertEquals("admin-2", second.changedBy());
        assertEquals(Instant.parse("2030-03-01T09:05:00Z"), second.changedAt());
    }

    @Test
    void aRefusedChangeLeavesNoAuditRecord() {
        assertValidationFailed(() -> policies.update("booking.feeKrw", jsonBody("{\"value\": -1}"), "admin-1"));
        assertFails(() -> policies.update("booking.nope", jsonBody("{\"value\": 1}"), "admin-1"), 404, "NOT_FOUND");
        assertTrue(repository.auditRecords().isEmpty());
    }

    @Test
    void aChangeThatKeepsLosingToOtherChangesIs409AndStoresNothing() {
        PolicyRepository racing = new PolicyRepository() {
            @Override
            public java.util.Map<String, StoredValue> findAll() {
                return repository.findAll();
            }

            @Override
            public boolean change(PolicyChange change, StoredValue expected) {
                return false; // another admin's change always came first
            }

            @Override
            public AuditPage audit(java.util.Optional<PolicyKey> key, int size, java.util.Optional<String> after) {
                return repository.audit(key, size, after);
            }
        };
        assertFails(() -> new PolicyService(racing, clock).update("booking.feeKrw", jsonBody("{\"value\": 1}"),
                "admin-1"), 409, "POLICY_CHANGED_CONCURRENTLY");
        assertTrue(repository.auditRecords().isEmpty());
    }

    @Test
    void valuesInForceAreReadOncePerCacheTimeInAContainer() {
        PolicyService cached = new PolicyService(repository, clock, 5);
        cached.current();
        clock.advance(Duration.ofMillis(4_999));
        cached.current();
        assertEquals(1, repository.reads());

        clock.advance(Duration.ofMillis(1));
        cached.current();
        assertEquals(2, repository.reads());
    }

    @Test
    void aChangeMadeElsewhereIsInForceHereWithinTheCacheTime() {
        PolicyService here = new PolicyService(repository, clock, 5);
        PolicyService policiesFunction = new PolicyService(repository, clock, 5);
        assertFalse(here.current().get(PolicyKey.READ_ONLY).booleanValue());

        clock.advance(Duration.ofSeconds(2));
        policiesFunction.update("feature.readOnly", jsonBody("{\"value\": true}"), "admin-1");
        // The container keeps the copy it read at 09:00:00 ...
        assertFalse(here.current().get(PolicyKey.READ_ONLY).booleanValue());
        // ... until the cache time has passed since that read: 5 s, not 5 s after the change.
        clock.advance(Duration.ofSeconds(3));
        assertTrue(here.current().get(PolicyKey.READ_ONLY).booleanValue());
    }

    @Test
    void aContainerSeesItsOwnChangeAtOnce() {
        PolicyService cached = new PolicyService(repository, clock, 5);
        assertEquals(10, cached.current().get(PolicyKey.HOLD_MINUTES).intValue());
        cached.update("booking.holdMinutes", jsonBody("{\"value\": 15}"), "admin-1");
        assertEquals(15, cached.current().get(PolicyKey.HOLD_MINUTES).intValue());
    }

    @Test
    void aClockThatStepsBackDoesNotKeepTheCopyForever() {
        PolicyService cached = new PolicyService(repository, clock, 5);
        cached.current();
        clock.advance(Duration.ofSeconds(-60));
        cached.current();
        assertEquals(2, repository.reads());
    }

    @Test
    void withoutACacheEveryUseReadsTheTable() {
        policies.current();
        policies.current();
        assertEquals(2, repository.reads());
    }

    @Test
    void theAdminListIsAlwaysReadFromTheTable() {
        PolicyService cached = new PolicyService(repository, clock, 5);
        cached.current();
        repository.save(PolicyKey.FEE_KRW, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(0),
                "admin-9", clock.instant());
        assertEquals(0, cached.list().stream().filter(p -> p.key().equals("booking.feeKrw")).findFirst().orElseThrow()
                .value().intValue());
    }
}
