package kr.tickets.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kr.tickets.common.ApiException;
import kr.tickets.common.JsonRequest;

/**
 * Reads and changes policies (requirements §6).
 *
 * <pre>{@code PUT /admin/policies/booking.holdMinutes {"value": 10}}</pre>
 */
@Singleton
@Requires(beans = PolicyRepository.class)
public class PolicyService {
    private final PolicyRepository repository;
    private final Clock clock;

    public PolicyService(PolicyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Every policy with the value in force, in the order of {@link PolicyKey}. */
    public List<Policy> list() {
        Map<String, PolicyRepository.StoredValue> stored = repository.findAll();
        return Arrays.stream(PolicyKey.values()).map(key -> view(key, stored.get(key.key()))).toList();
    }

    /** The value in force of every policy (one Query), for use cases that apply several of them. */
    public Map<PolicyKey, JsonNode> current() {
        Map<String, PolicyRepository.StoredValue> stored = repository.findAll();
        Map<PolicyKey, JsonNode> out = new java.util.EnumMap<>(PolicyKey.class);
        for (PolicyKey key : PolicyKey.values()) {
            PolicyRepository.StoredValue value = stored.get(key.key());
            out.put(key, value == null ? key.defaultValue() : value.value());
        }
        return out;
    }

    /** Validates and stores {@code {"value": ...}} for the key; 404 for an unknown key, 400 for a bad value. */
    public Policy update(String key, JsonRequest body, String adminUserId) {
        PolicyKey policy = PolicyKey.of(key).orElseThrow(() -> ApiException.notFound("No policy " + key + "."));
        if (!body.has("value")) {
            throw ApiException.validation("value", "is required");
        }
        JsonNode value = body.node("value");
        String problem = policy.check(value);
        if (problem != null) {
            throw ApiException.validation("value", problem);
        }
        Instant now = clock.instant();
        repository.save(policy, value, adminUserId, now);
        return view(policy, new PolicyRepository.StoredValue(value, adminUserId, now));
    }

    private static Policy view(PolicyKey key, PolicyRepository.StoredValue stored) {
        if (stored == null) {
            return new Policy(key.key(), key.defaultValue(), key.defaultValue(), key.description(), "DEFAULT",
                    null, null);
        }
        return new Policy(key.key(), stored.value(), key.defaultValue(), key.description(), "TABLE",
                stored.updatedAt().toString(), stored.updatedBy());
    }
}
