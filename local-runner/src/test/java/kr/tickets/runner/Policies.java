package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Reading and setting policies as the local admin, for tests that change one and put it back. */
final class Policies {
    private Policies() {
    }

    /** The value in force of {@code key}. */
    static JsonNode value(Http http, String admin, String key) {
        for (JsonNode policy : http.get("/admin/policies", "Authorization", admin).json().get("items")) {
            if (policy.get("key").asText().equals(key)) {
                return policy.get("value");
            }
        }
        throw new IllegalArgumentException("no policy " + key);
    }

    static void set(Http http, String admin, String key, Object value) {
        Http.Response set = http.send("PUT", "/admin/policies/" + key, Map.of("value", value), "Authorization", admin);
        assertEquals(200, set.status(), set::toString);
    }
}
