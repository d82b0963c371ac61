package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kr.tickets.localstack.SamTemplate;
import org.junit.jupiter.api.Test;

/**
 * Read-only mode is one filter in shared-lib that a function has only when it can read the
 * policies: a function with a write route but no POLICIES_TABLE would silently keep taking
 * writes in read-only mode. This keeps template.yaml from ever doing that.
 */
class ReadOnlyCoverageTest {
    private static final Set<String> READS = Set.of("get", "head", "options");

    @Test
    void everyFunctionWithAWriteRouteReadsThePoliciesWithTheCacheTime() {
        Set<String> missing = new TreeSet<>();
        Set<String> writers = new TreeSet<>();
        SamTemplate.load().resourcesOfType("AWS::Serverless::Function").forEach((function, resource) -> {
            Map<String, Object> properties = SamTemplate.map(resource.get("Properties"));
            boolean writes = SamTemplate.map(properties.get("Events")).values().stream()
                    .map(SamTemplate::map)
                    .filter(event -> "Api".equals(event.get("Type")))
                    .map(event -> String.valueOf(SamTemplate.map(event.get("Properties")).get("Method"))
                            .toLowerCase(Locale.ROOT))
                    .anyMatch(method -> !READS.contains(method));
            if (!writes) {
                return;
            }
            writers.add(function);
            Map<String, Object> variables = SamTemplate.map(SamTemplate.map(properties.get("Environment"))
                    .get("Variables"));
            for (String variable : List.of("POLICIES_TABLE", "POLICY_CACHE_SECONDS")) {
                if (!variables.containsKey(variable)) {
                    missing.add(function + " lacks " + variable);
                }
            }
        });
        assertFalse(writers.isEmpty());
        assertEquals(Set.of(), missing);
    }
}
