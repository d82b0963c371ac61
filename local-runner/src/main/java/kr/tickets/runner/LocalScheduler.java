package kr.tickets.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kr.tickets.localstack.Intrinsics;

/**
 * EventBridge's scheduled rules for the functions the runner hosts: each enabled {@code Schedule}
 * event with a {@code rate(...)} expression invokes its function with the event EventBridge sends
 * ({@code detail-type: "Scheduled Event"}, {@code source: aws.events}), once when
 * {@link #start()} is called and then at its rate. A cron expression is not played (logged and
 * skipped). {@link #fire} runs one rule now, for tests and for anyone who does not want to wait.
 * A failing invocation is logged and the rule keeps its rhythm, as in AWS.
 */
public final class LocalScheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalScheduler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, FunctionHost> functions;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public LocalScheduler(Map<String, FunctionHost> functions, Clock clock) {
        this.functions = functions;
        this.clock = clock;
    }

    /** Fires every enabled rate rule now and then at its rate, until {@link #close()}. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "schedule");
            thread.setDaemon(true);
            return thread;
        });
        for (FunctionHost host : functions.values()) {
            for (FunctionSpec.ScheduleEventSource rule : host.spec().schedules()) {
                if (!rule.enabled()) {
                    continue;
                }
                Optional<Duration> period = rule.rate();
                if (period.isEmpty()) {
                    LOG.log(System.Logger.Level.INFO, host.spec().id() + " " + rule.name() + ": "
                            + rule.expression() + " is not played locally (only rate expressions are)");
                    continue;
                }
                // A fixed-rate task never overlaps itself: one run at a time, as reserved concurrency 1 gives.
                timer.scheduleAtFixedRate(() -> fireLogged(host, rule), 0, period.get().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Invokes {@code functionId}'s schedule {@code ruleName} now, as EventBridge would, and returns
     * the function's answer; what the function throws comes out as it is.
     */
    public byte[] fire(String functionId, String ruleName) throws Exception {
        FunctionHost host = functions.get(functionId);
        if (host == null) {
            throw new IllegalArgumentException("no function " + functionId);
        }
        FunctionSpec.ScheduleEventSource rule = host.spec().schedules().stream()
                .filter(r -> r.name().equals(ruleName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(functionId + " has no schedule " + ruleName));
        return host.invokeBytes(event(functionId, rule, clock.instant()));
    }

    private void fireLogged(FunctionHost host, FunctionSpec.ScheduleEventSource rule) {
        try {
            host.invokeBytes(event(host.spec().id(), rule, clock.instant()));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, host.spec().id() + " failed on its schedule " + rule.name(), e);
        }
    }

    /** The event EventBridge sends for a scheduled rule (the rule named as SAM names it: function + event). */
    static byte[] event(String functionId, FunctionSpec.ScheduleEventSource rule, Instant time) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", Intrinsics.ACCOUNT);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", Intrinsics.REGION);
        event.putArray("resources").add("arn:aws:events:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT
                + ":rule/" + functionId + rule.name());
        event.putObject("detail");
        try {
            return JSON.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
