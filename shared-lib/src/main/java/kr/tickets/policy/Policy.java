package kr.tickets.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** One policy as admins see it: the value in force, the default, and who last set it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Policy(String key, JsonNode value, JsonNode defaultValue, String description, String source,
                     String updatedAt, String updatedBy) {
}
