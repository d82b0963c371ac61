package kr.tickets.booking.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import kr.tickets.booking.PaymentReconciler;
import kr.tickets.web.JsonStreamFunction;

/**
 * Payment reconciliation, run by an EventBridge schedule (template.yaml) or on demand with
 * {@code {"lookbackHours": 24, "graceSeconds": 300}} (either optional; the defaults come from
 * RECONCILE_LOOKBACK_HOURS and RECONCILE_GRACE_SECONDS). Answers how many holds each action took.
 */
public class ReconciliationHandler extends JsonStreamFunction {
    private final PaymentReconciler reconciler;
    private final long lookbackHours;
    private final long graceSeconds;

    public ReconciliationHandler() {
        this(System.getenv());
    }

    public ReconciliationHandler(Map<String, String> environment) {
        super(environment);
        this.reconciler = bean(PaymentReconciler.class);
        this.lookbackHours = Long.parseLong(environment.getOrDefault("RECONCILE_LOOKBACK_HOURS", "24"));
        this.graceSeconds = Long.parseLong(environment.getOrDefault("RECONCILE_GRACE_SECONDS", "300"));
    }

    @Override
    protected Map<String, Object> handle(JsonNode event) {
        Duration lookback = Duration.ofHours(bounded(event.path("lookbackHours").asLong(lookbackHours), 1, 24 * 30));
        Duration grace = Duration.ofSeconds(bounded(event.path("graceSeconds").asLong(graceSeconds), 0, 24 * 3600));
        PaymentReconciler.Report report = reconciler.run(lookback, grace);
        Map<String, Object> out = new LinkedHashMap<>();
        for (PaymentReconciler.Action action : PaymentReconciler.Action.values()) {
            out.put(action.name().toLowerCase(Locale.ROOT), report.count(action));
        }
        return out;
    }

    private static long bounded(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }
}
