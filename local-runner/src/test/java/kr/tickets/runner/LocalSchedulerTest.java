package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kr.tickets.localstack.SamTemplate;
import org.junit.jupiter.api.Test;

class LocalSchedulerTest {
    private static FunctionSpec.ScheduleEventSource rule(String expression) {
        return new FunctionSpec.ScheduleEventSource("EveryFiveMinutes", expression, true);
    }

    @Test
    void rateExpressionsBecomePeriods() {
        assertEquals(Optional.of(Duration.ofMinutes(1)), rule("rate(1 minute)").rate());
        assertEquals(Optional.of(Duration.ofMinutes(5)), rule("rate(5 minutes)").rate());
        assertEquals(Optional.of(Duration.ofHours(2)), rule("rate(2 hours)").rate());
        assertEquals(Optional.of(Duration.ofDays(1)), rule("rate(1 day)").rate());
    }

    @Test
    void cronExpressionsAreNotPlayed() {
        assertFalse(rule("cron(0 12 * * ? *)").rate().isPresent());
        assertFalse(rule("rate(5 fortnights)").rate().isPresent());
    }

    @Test
    void theTemplatesScheduledFunctionsAreFound() {
        List<FunctionSpec> specs = FunctionSpec.fromTemplate(SamTemplate.load());
        FunctionSpec clock = specs.stream().filter(s -> s.id().equals("ClockCheckFunction")).findFirst().orElseThrow();
        assertEquals(1, clock.schedules().size());
        assertTrue(clock.schedules().get(0).enabled());
        assertEquals(Optional.of(Duration.ofMinutes(5)), clock.schedules().get(0).rate());
        assertTrue(specs.stream().filter(s -> s.id().equals("HealthFunction")).findFirst().orElseThrow()
                .schedules().isEmpty());
    }

    @Test
    void theEventIsTheOneEventBridgeSends() throws IOException {
        JsonNode event = Http.JSON.readTree(LocalScheduler.event("ClockCheckFunction", rule("rate(5 minutes)"),
                Instant.parse("2026-12-01T10:00:00.789Z")));
        assertEquals("Scheduled Event", event.get("detail-type").asText());
        assertEquals("aws.events", event.get("source").asText());
        assertEquals("2026-12-01T10:00:00Z", event.get("time").asText());
        assertTrue(event.get("resources").get(0).asText().endsWith(":rule/ClockCheckFunctionEveryFiveMinutes"));
        assertTrue(event.get("detail").isObject() && event.get("detail").isEmpty());
    }
}
