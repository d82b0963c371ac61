package kr.tickets.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.List;
import java.util.Map;
import kr.tickets.ops.Metrics;
import org.junit.jupiter.api.Test;

/** A function's context builds a singleton when something first asks for it, not at start-up (cold starts). */
class LambdaContextLazySingletonsTest {

    @Test
    void singletonsAreBuiltOnFirstUseNotAtStartUp() {
        Map<String, String> environment = Map.of("POWERTOOLS_METRICS_NAMESPACE", "Test",
                "POWERTOOLS_SERVICE_NAME", "ticketing");
        try (ApplicationContext context = ApiFunction.contextFor(environment).start()) {
            assertTrue(context.getActiveBeanRegistrations(Metrics.class).isEmpty(),
                    "the metrics singleton was built at start-up");
            context.getBean(Metrics.class);
            assertEquals(1, context.getActiveBeanRegistrations(Metrics.class).size());
        }
    }

    @Test
    void theContextRunsInLambdasEnvironments() {
        try (ApplicationContext context = ApiFunction.contextFor(Map.of()).start()) {
            assertTrue(context.getEnvironment().getActiveNames().containsAll(
                    List.of(Environment.FUNCTION, ApiFunction.LAMBDA_ENVIRONMENT)));
        }
    }
}
