package kr.tickets.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The PolicyRepository port in memory. */
public final class InMemoryPolicyRepository implements PolicyRepository {
    private final Map<String, StoredValue> values = new HashMap<>();

    @Override
    public Map<String, StoredValue> findAll() {
        return Map.copyOf(values);
    }

    @Override
    public void save(PolicyKey key, JsonNode value, String updatedBy, Instant updatedAt) {
        values.put(key.key(), new StoredValue(value, updatedBy, updatedAt));
    }
}
