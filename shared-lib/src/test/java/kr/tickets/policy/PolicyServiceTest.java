package kr.tickets.policy;

import static kr.tickets.common.ApiAssertions.assertFails;
import static kr.tickets.common.ApiAssertions.assertValidationFailed;
import static kr.tickets.common.ApiAssertions.jsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
