package kr.tickets.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.tickets.localstack.ProjectPaths;
import kr.tickets.localstack.SamTemplate;

/**
 * A function of template.yaml as the runner needs it: where its code is, how it is called, the
 * alias it publishes (AutoPublishAlias, or null), its API routes, its SQS event sources and its
 * EventBridge schedules.
 */
public record FunctionSpec(String id, String handlerClass, Path codeUri, int timeoutSeconds, int memoryMb,
                           String alias, List<ApiRoute> routes, List<SqsEventSource> sqsEvents,
                           List<ScheduleEventSource> schedules) {

    /**
     * An SQS event of the function: the queue (as the template writes it, e.g.
     * {@code !GetAtt ReceiptQueue.Arn}), the batch size and whether the function reports
     * partial batch failures (FunctionResponseTypes: [ReportBatchItemFailures]).
     */
    public record SqsEventSource(String name, Object queue, int batchSize, boolean reportBatchItemFailures,
                                 boolean enabled) {
    }

    /**
     * A Schedule event of the function (an EventBridge rule): its name, its expression as written
     * ({@code rate(5 minutes)}, {@code cron(...)}) and whether it is enabled (State, or the older
     * Enabled).
     */
    public record ScheduleEventSource(String name, String expression, boolean enabled) {
        private static final Pattern RATE =
                Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

        /** The period of a {@code rate(...)} expression; empty for a cron expression (the runner does not play those). */
        public Optional<Duration> rate() {
            Matcher m = RATE.matcher(expression.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                return Optional.empty();
            }
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "minute", "minutes" -> Duration.ofMinutes(n);
                case "hour", "hours" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
    }

    public static List<FunctionSpec> fromTemplate(SamTemplate template) {
        Map<String, Object> globals = template.globals("Function");
        List<FunctionSpec> specs = new ArrayList<>();
        template.resourcesOfType("AWS::Serverless::Function").forEach((id, resource) -> {
            Map<String, Object> properties = SamTemplate.map(resource.get("Properties"));
            String handler = String.valueOf(properties.getOrDefault("Handler", globals.get("Handler")));
            Object alias = properties.getOrDefault("AutoPublishAlias", globals.get("AutoPublishAlias"));
            List<ApiRoute> routes = new ArrayList<>();
            List<SqsEventSource> queues = new ArrayList<>();
            List<ScheduleEventSource> schedules = new ArrayList<>();
            SamTemplate.map(properties.get("Events")).forEach((name, event) -> {
                Map<String, Object> spec = SamTemplate.map(event);
                Map<String, Object> eventProperties = SamTemplate.map(spec.get("Properties"));
                if ("Api".equals(spec.get("Type"))) {
                    routes.add(new ApiRoute(id, eventProperties.get("Method").toString(),
                            eventProperties.get("Path").toString(),
                            cachingParameters(eventProperties.get("RequestParameters"))));
                } else if ("SQS".equals(spec.get("Type"))) {
                    queues.add(new SqsEventSource(name, eventProperties.get("Queue"),
                            number(eventProperties.get("BatchSize"), 10),
                            SamTemplate.list(eventProperties.get("FunctionResponseTypes"))
                                    .contains("ReportBatchItemFailures"),
                            !Boolean.FALSE.equals(eventProperties.get("Enabled"))));
                } else if ("Schedule".equals(spec.get("Type"))) {
                    schedules.add(new ScheduleEventSource(name, eventProperties.get("Schedule").toString(),
                            !Boolean.FALSE.equals(eventProperties.get("Enabled"))
                                    && !"DISABLED".equals(eventProperties.get("State"))));
                }
            });
            specs.add(new FunctionSpec(id, handler.split("::", 2)[0],
                    ProjectPaths.root().resolve(properties.get("CodeUri").toString()),
                    number(properties.getOrDefault("Timeout", globals.get("Timeout")), 3),
                    number(properties.getOrDefault("MemorySize", globals.get("MemorySize")), 128),
                    alias == null ? null : alias.toString(),
                    List.copyOf(routes), List.copyOf(queues), List.copyOf(schedules)));
        });
        return specs;
    }

    /**
     * The names of an Api event's RequestParameters marked {@code Caching: true}. SAM takes each
     * entry either as a bare name or as {@code name: {Required, Caching}}.
     */
    static List<String> cachingParameters(Object requestParameters) {
        List<String> out = new ArrayList<>();
        for (Object entry : SamTemplate.list(requestParameters)) {
            SamTemplate.map(entry).forEach((name, settings) -> {
                if (Boolean.TRUE.equals(SamTemplate.map(settings).get("Caching"))) {
                    out.add(name);
                }
            });
        }
        return out;
    }

    private static int number(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }
}
