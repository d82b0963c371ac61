package kr.tickets.ops.clock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.tickets.ops.ClockCheck;
import kr.tickets.ops.ClockCheckResult;
import kr.tickets.web.JsonStreamFunction;

/**
 * The clock check, run by an EventBridge schedule (template.yaml, ClockCheckFunction); the event
 * itself carries nothing it needs. Servers, timeout and tolerance come from NTP_SERVERS,
 * NTP_TIMEOUT_MS and CLOCK_SKEW_TOLERANCE_MS. Answers what it measured, e.g.
 * {@code {"status":"MEASURED","offsetMs":-3,"delayMs":41,"server":"time.google.com","measuredAt":"…"}}.
 */
public class ClockCheckHandler extends JsonStreamFunction {
    private final ClockCheck check;

    public ClockCheckHandler() {
        this(System.getenv());
    }

    public ClockCheckHandler(Map<String, String> environment) {
        super(environment);
        this.check = bean(ClockCheck.class);
    }

    @Override
    protected Map<String, Object> handle(JsonNode event) {
        ClockCheckResult result = check.run();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", result.status().name());
        if (result instanceof ClockCheckResult.Measured m) {
            out.put("offsetMs", m.offsetMs());
            out.put("delayMs", m.delayMs());
            out.put("server", m.server());
        } else if (result instanceof ClockCheckResult.Unreachable u) {
            out.put("tried", u.tried());
        }
        out.put("measuredAt", result.at().toString());
        return out;
    }
}
