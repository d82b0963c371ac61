package kr.tickets.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import kr.tickets.common.MutableClock;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class ClockCheckTest {
    private static final String SERVERS = "time.google.com,time1.google.com,time2.google.com";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final ScriptedNtpTimeSource ntp = new ScriptedNtpTimeSource();
    private final InMemoryClockCheckStore store = new InMemoryClockCheckStore();
    private final RecordingMetrics metrics = new RecordingMetrics();

    private ClockCheck check(long toleranceMs) {
        return new ClockCheck(ntp, store, metrics, new MutableClock(NOW), SERVERS, toleranceMs);
    }

    @Test
    void theMeasuredOffsetIsPublishedSignedAndKeptForHealth() {
        ntp.answers("time.google.com", -2004, 38);

        ClockCheckResult result = check(1000).run();

        assertEquals(new ClockCheckResult.Measured(-2004, "time.google.com", 38, NOW), result);
        assertEquals(List.of(new RecordingMetrics.Point(Metric.CLOCK_OFFSET, null, null, -2004)), metrics.points());
        assertEquals(result, store.last().orElseThrow());
    }

    @Test
    void theCheckStopsAtTheFirstServerThatAnswers() {
        ntp.answers("time1.google.com", 3, 12).answers("time2.google.com", 900, 12);

        ClockCheckResult result = check(1000).run();

        assertEquals(new ClockCheckResult.Measured(3, "time1.google.com", 12, NOW), result);
        assertEquals(List.of("time.google.com", "time1.google.com"), ntp.asked());
    }

    @Test
    void noAnsweringServerIsReportedAsUnreachableNeverThrown() {
        ClockCheckResult result = check(1000).run();

        ClockCheckResult.Unreachable unreachable = assertInstanceOf(ClockCheckResult.Unreachable.class, result);
        assertEquals(NOW, unreachable.at());
        assertEquals(List.of("time.google.com", "time1.google.com", "time2.google.com"), unreachable.tried());
        assertEquals(List.of(new RecordingMetrics.Point(Metric.CLOCK_CHECK_FAILED, null, null, 1)), metrics.points());
        assertEquals(result, store.last().orElseThrow());
    }

    @Test
    void anOffsetBeyondTheToleranceIsLoggedAsAWarning() {
        ntp.answers("time.google.com", 1001, 20);
        try (LogCapture logs = LogCapture.of(ClockCheck.class)) {
            check(1000).run();
            assertEquals(List.of(Level.WARN), logs.levels());
            assertTrue(logs.messages().get(0).contains("1001"), logs.messages()::toString);
        }
    }

    @Test
    void anOffsetWithinTheToleranceIsNoWarning() {
        ntp.answers("time.google.com", -1000, 20);
        try (LogCapture logs = LogCapture.of(ClockCheck.class)) {
            check(1000).run();
            assertEquals(List.of(Level.INFO), logs.levels());
        }
    }

    @Test
    void anUnreachableServiceIsLoggedAsAWarning() {
        try (LogCapture logs = LogCapture.of(ClockCheck.class)) {
            check(1000).run();
            assertEquals(Level.WARN, logs.levels().get(logs.levels().size() - 1));
            assertTrue(logs.levels().subList(0, 3).stream().allMatch(Level.INFO::equals), logs.levels()::toString);
        }
    }

    @Test
    void aCheckNeedsAServerAndANonNegativeTolerance() {
        assertThrows(IllegalArgumentException.class,
                () -> new ClockCheck(ntp, store, metrics, new MutableClock(NOW), " , ", 1000));
        assertThrows(IllegalArgumentException.class,
                () -> new ClockCheck(ntp, store, metrics, new MutableClock(NOW), SERVERS, -1));
    }
}
