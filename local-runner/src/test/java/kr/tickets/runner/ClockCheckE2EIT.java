package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.tickets.localstack.NtpResponder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Server time (requirements §7): the scheduled clock check runs locally against the local NTP
 * responder, and GET /health over HTTP reports what it measured; with no NTP server answering,
 * /health still answers 200 UP and says UNREACHABLE.
 */
class ClockCheckE2EIT {
    private static final String FUNCTION = "ClockCheckFunction";
    private static final String RULE = "EveryFiveMinutes";
    /** The offset is exact to within half the loopback round trip, plus the responder's millisecond clock. */
    private static final long TOLERANCE_MS = 100;

    private final Http http = Http.client();
    private final NtpResponder responder = LocalService.shared().ntpResponder();

    @AfterEach
    void backInStep() {
        responder.setOffset(Duration.ZERO);
    }

    @Test
    void healthReportsTheOffsetTheScheduledCheckMeasured() throws Exception {
        responder.setOffset(Duration.ofSeconds(2));
        int answeredBefore = responder.answered();
        Instant before = Instant.now();

        JsonNode answer = Http.JSON.readTree(LocalService.shared().scheduler().fire(FUNCTION, RULE));

        assertEquals("MEASURED", answer.get("status").asText(), answer::toString);
        assertNear(-2000, answer.get("offsetMs").asLong());
        assertEquals(answeredBefore + 1, responder.answered(), "one NTP exchange, stopped at the first answer");

        JsonNode clock = healthClock();
        assertEquals("MEASURED", clock.get("status").asText(), clock::toString);
        assertNear(-2000, clock.get("offsetMs").asLong());
        assertEquals(answer.get("offsetMs").asLong(), clock.get("offsetMs").asLong());
        assertEquals(responder.server(), clock.get("server").asText());
        assertTrue(clock.get("delayMs").asLong() >= 0, clock::toString);
        Instant measuredAt = Instant.parse(clock.get("measuredAt").asText());
        assertFalse(measuredAt.isBefore(before.minusSeconds(1)), "measuredAt " + measuredAt + " before " + before);
        assertTrue(clock.get("measuredAt").asText().endsWith("Z"));
        assertFalse(clock.has("tried"), clock::toString);
    }

    @Test
    void healthStaysUpAndSaysUnreachableWhenNoNtpServerAnswers() throws Exception {
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closedPort = probe.getLocalPort();
        }
        String nowhere = "127.0.0.1:" + closedPort;
        FunctionHost deployed = LocalService.shared().function(FUNCTION);
        Map<String, String> environment = new HashMap<>(
                LocalService.shared().stack().functionEnvironments().get(FUNCTION));
        environment.put("NTP_SERVERS", nowhere);
        environment.put("NTP_TIMEOUT_MS", "300");
        Instant before = Instant.now();
        // The same function code and template environment, deployed with NtpServers pointing nowhere.
        try (FunctionHost unreachable = FunctionHost.load(deployed.spec(), environment)) {
            JsonNode answer = Http.JSON.readTree(unreachable.invokeBytes(
                    LocalScheduler.event(FUNCTION, deployed.spec().schedules().get(0), Instant.now())));
            assertEquals("UNREACHABLE", answer.get("status").asText(), answer::toString);
        }

        JsonNode clock = healthClock();
        assertEquals("UNREACHABLE", clock.get("status").asText(), clock::toString);
        assertEquals(List.of(nowhere), List.of(clock.get("tried").get(0).asText()));
        assertEquals(1, clock.get("tried").size());
        assertFalse(Instant.parse(clock.get("measuredAt").asText()).isBefore(before.minusSeconds(1)));
        assertFalse(clock.has("offsetMs"), "an unknown offset is not reported as a number: " + clock);
    }

    /** The clock part of {@code /health}, which stays 200 and UP whatever the clock check found. */
    private JsonNode healthClock() throws Exception {
        Http.Response response = http.get("/health");
        assertEquals(200, response.status(), response::toString);
        JsonNode body = response.json();
        assertEquals("UP", body.get("status").asText());
        return body.get("clock");
    }

    private static void assertNear(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= TOLERANCE_MS,
                "expected " + expected + " ± " + TOLERANCE_MS + " ms, measured " + actual + " ms");
    }
}
