package kr.tickets.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/** Stored policy values; keys without a stored value use their default. */
public interface PolicyRepository {
    /** Stored values by key string. */
    Map<String, StoredValue> findAll();

    void save(PolicyKey key, JsonNode value, String updatedBy, Instant updatedAt);

    record StoredValue(JsonNode value, String updatedBy, Instant updatedAt) {
    }
}
