package kr.tickets.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import kr.tickets.ops.ClockCheckResult;
import kr.tickets.ops.ClockCheckStore;
import kr.tickets.ops.ClockStatus;
import org.junit.jupiter.api.Test;

class HealthControllerTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private static HealthController.Health healthWith(Supplier<Optional<ClockCheckResult>> last) {
        ClockCheckStore store = new ClockCheckStore() {
            @Override
            public void save(ClockCheckResult result) {
                throw new UnsupportedOperationException("health only reads");
            }

            @Override
            public Optional<ClockCheckResult> last() {
                return last.get();
            }
        };
        return new HealthController(Clock.fixed(NOW, ZoneOffset.UTC), "1.2.3", store).health();
    }

    @Test
    void neverMeasuredIsUnknownAndHealthIsUp() {
        HealthController.Health health = healthWith(Optional::empty);
        assertEquals("UP", health.status());
        assertEquals(new HealthController.ClockReport(ClockStatus.UNKNOWN, null, null, null, null, null),
                health.clock());
    }

    @Test
    void anUnreadableResultIsUnknownAndHealthIsUp() {
        HealthController.Health health = healthWith(() -> {
            throw new IllegalStateException("DynamoDB throttled");
        });
        assertEquals("UP", health.status());
        assertEquals(ClockStatus.UNKNOWN, health.clock().status());
    }

    @Test
    void aMeasuredOffsetIsReportedWithItsServerAndTime() {
        HealthController.Health health = healthWith(() -> Optional.of(new ClockCheckResult.Measured(-2001,
                "time.google.com", 40, Instant.parse("2026-12-01T09:58:00Z"))));
        assertEquals(new HealthController.ClockReport(ClockStatus.MEASURED, -2001L, 40L, "time.google.com",
                "2026-12-01T09:58:00Z", null), health.clock());
        assertEquals("2026-12-01T10:00:00Z", health.time());
    }

    @Test
    void anUnreachableCheckIsReportedWithTheServersTried() {
        HealthController.Health health = healthWith(() -> Optional.of(new ClockCheckResult.Unreachable(
                Instant.parse("2026-12-01T09:58:00Z"), List.of("time.google.com", "time1.google.com"))));
        assertEquals("UP", health.status());
        assertEquals(new HealthController.ClockReport(ClockStatus.UNREACHABLE, null, null, null,
                "2026-12-01T09:58:00Z", List.of("time.google.com", "time1.google.com")), health.clock());
    }
}
