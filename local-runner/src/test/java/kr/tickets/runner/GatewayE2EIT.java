package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The local API Gateway itself: routing, unknown paths and methods, and /health. */
class GatewayE2EIT {
    private final Http http = Http.client();

    @Test
    void healthAnswersWithServerTimeInUtc() {
        Http.Response response = http.get("/health");
        assertEquals(200, response.status(), response::toString);
        JsonNode body = response.json();
        assertEquals("UP", body.get("status").asText());
        assertEquals("dev", body.get("version").asText());
        assertTrue(body.get("time").asText().endsWith("Z"));
        Instant time = Instant.parse(body.get("time").asText());
        assertTrue(Duration.between(time, Instant.now()).abs().toSeconds() < 60);
    }

    @Test
    void unknownPathIsNotFound() {
        assertProblem(http.get("/no/such/route"), 404, "NOT_FOUND");
        assertProblem(http.get("/health/extra"), 404, "NOT_FOUND");
    }

    @Test
    void wrongMethodIsNotAllowedAndListsTheAllowedOnes() {
        Http.Response response = http.send("DELETE", "/me", null);
        assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertEquals("GET, PATCH", response.header("Allow"));
        assertProblem(http.get("/auth/login"), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void queryStringsDoNotChangeRouting() {
        assertEquals(200, http.get("/health?probe=1&x=%ED%95%9C").status());
    }
}
