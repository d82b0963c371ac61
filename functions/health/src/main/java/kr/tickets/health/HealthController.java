package kr.tickets.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import kr.tickets.ops.ClockCheckResult;
import kr.tickets.ops.ClockCheckStore;
import kr.tickets.ops.ClockStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health}: the function answers, with the server's UTC time, the deployed version and
 * the last clock check (one GetItem). Always 200 "UP": a clock that could not be measured, or a
 * result that cannot be read, is reported in {@code clock}, never as a failure of the service.
 */
@Controller("/health")
public class HealthController {
    private static final Logger LOG = LoggerFactory.getLogger(HealthController.class);

    private final Clock clock;
    private final String version;
    private final ClockCheckStore clockChecks;

    public HealthController(Clock clock, @Value("${app.version:dev}") String version, ClockCheckStore clockChecks) {
        this.clock = clock;
        this.version = version;
        this.clockChecks = clockChecks;
    }

    @Get
    public Health health() {
        return new Health("UP", clock.instant().toString(), version, lastClockCheck());
    }

    private ClockReport lastClockCheck() {
        Optional<ClockCheckResult> last;
        try {
            last = clockChecks.last();
        } catch (RuntimeException e) {
            // DynamoDB throttled or unreachable, or an item this version cannot read: health still answers.
            LOG.warn("last clock check unreadable; reported as UNKNOWN", e);
            last = Optional.empty();
        }
        if (last.isEmpty()) {
            return new ClockReport(ClockStatus.UNKNOWN, null, null, null, null, null);
        }
        ClockCheckResult result = last.get();
        if (result instanceof ClockCheckResult.Measured m) {
            return new ClockReport(ClockStatus.MEASURED, m.offsetMs(), m.delayMs(), m.server(), m.at().toString(),
                    null);
        }
        ClockCheckResult.Unreachable u = (ClockCheckResult.Unreachable) result;
        return new ClockReport(ClockStatus.UNREACHABLE, null, null, null, u.at().toString(), u.tried());
    }

    public record Health(String status, String time, String version, ClockReport clock) {
    }

    /** The {@code clock} member: only the fields of its status are sent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClockReport(ClockStatus status, Long offsetMs, Long delayMs, String server, String measuredAt,
                              List<String> tried) {
    }
}
