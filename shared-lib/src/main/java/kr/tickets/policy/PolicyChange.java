package kr.tickets.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The audit record of one policy change: who changed which key when, from which value (the one in
 * force, which was the default when {@code oldSource} is DEFAULT) to which. The key is kept as
 * stored, so the trail stays readable after a policy is retired.
 */
public record PolicyChange(String changeId, String key, JsonNode oldValue, Source oldSource, JsonNode newValue,
                           String changedBy, Instant changedAt) {
    /** Where the value in force before the change came from. */
    public enum Source { DEFAULT, TABLE }
}
