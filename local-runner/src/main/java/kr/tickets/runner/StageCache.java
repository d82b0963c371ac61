package kr.tickets.runner;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import kr.tickets.localstack.SamTemplate;

/**
 * The REST API stage cache as template.yaml declares it, played by the local gateway so that a
 * benchmark can count what reaches the functions:
 * <ul>
 *   <li>nothing is cached unless the Api has {@code CacheClusterEnabled: true};</li>
 *   <li>with a cluster, a method's caching and TTL come from the MethodSettings entry of its
 *       resource path and method, else from the stage-wide {@code /*}, {@code *} entry, else from
 *       API Gateway's defaults: every GET cached, for 300 s (only GET: other methods need a
 *       setting of their own); a TTL of 0 turns caching off;</li>
 *   <li>the cache key is the method, the resource path and the values of the route's
 *       RequestParameters marked {@code Caching: true} (path, query string and header
 *       parameters); nothing else of the request, notably not Authorization;</li>
 *   <li>what the function answers is kept, whatever its status, up to 1 MB; API Gateway's own
 *       errors (a function that fails) are not;</li>
 *   <li>concurrent misses of one key each call the function: API Gateway documents no request
 *       collapsing for its cache. {@link #collapsing} plays a cache that does (as CloudFront does),
 *       for comparison.</li>
 * </ul>
 * A client's {@code Cache-Control: max-age=0} does not invalidate: in AWS that needs an IAM
 * authorised caller ({@code execute-api:InvalidateCache}), and these routes have none.
 */
public final class StageCache {
    /** API Gateway's TTL when a cached method sets none. */
    static final int DEFAULT_TTL_SECONDS = 300;
    /** API Gateway does not cache a larger response. */
    static final int MAX_ENTRY_BYTES = 1_048_576;

    /** How one method is cached: for how long, keyed on which request parameters. */
    public record Rule(Duration ttl, List<String> keyParameters) {
    }

    /** Hits and misses of one route (method and resource path). */
    public record Counts(long hits, long misses) {
    }

    private record Entry(APIGatewayProxyResponseEvent response, long expiresAtNanos) {
    }

    private final Map<String, Rule> rules;
    private final LongSupplier nanoTime;
    private final boolean collapse;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Object> fills = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong[]> counts = new ConcurrentHashMap<>();

    private StageCache(Map<String, Rule> rules, LongSupplier nanoTime, boolean collapse) {
        this.rules = Map.copyOf(rules);
        this.nanoTime = nanoTime;
        this.collapse = collapse;
    }

    /** The cache of the Api resource {@code api} (its Properties) for {@code routes}. */
    public static StageCache of(Map<String, Object> apiProperties, List<ApiRoute> routes, LongSupplier nanoTime) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        if (Boolean.TRUE.equals(apiProperties.get("CacheClusterEnabled"))) {
            List<Map<String, Object>> settings = new ArrayList<>();
            SamTemplate.list(apiProperties.get("MethodSettings")).forEach(s -> settings.add(SamTemplate.map(s)));
            for (ApiRoute route : routes) {
                rule(route, settings).ifPresent(rule -> rules.put(routeKey(route), rule));
            }
        }
        return new StageCache(rules, nanoTime, false);
    }

    /** The cache of the one AWS::Serverless::Api of {@code template}; none if it declares none. */
    public static StageCache fromTemplate(SamTemplate template, List<ApiRoute> routes) {
        Map<String, Map<String, Object>> apis = template.resourcesOfType("AWS::Serverless::Api");
        if (apis.size() > 1) {
            throw new IllegalStateException("the local gateway plays one REST API; template.yaml has " + apis.keySet());
        }
        Map<String, Object> properties = apis.isEmpty() ? Map.of()
                : SamTemplate.map(apis.values().iterator().next().get("Properties"));
        return of(properties, routes, System::nanoTime);
    }

    /** The same rules, but concurrent misses of one key wait for the first one's answer. */
    public StageCache collapsing() {
        return new StageCache(rules, nanoTime, true);
    }

    private static Optional<Rule> rule(ApiRoute route, List<Map<String, Object>> settings) {
        boolean enabled = route.method().equals("GET");
        int ttl = DEFAULT_TTL_SECONDS;
        // Stage-wide first, then the method's own entry: the more specific setting wins.
        for (boolean specific : new boolean[] {false, true}) {
            for (Map<String, Object> setting : settings) {
                if (applies(setting, route, specific)) {
                    if (setting.get("CachingEnabled") instanceof Boolean b) {
                        enabled = b;
                    }
                    if (setting.get("CacheTtlInSeconds") instanceof Number n) {
                        ttl = n.intValue();
                    }
                }
            }
        }
        if (!enabled || ttl <= 0 || route.anyMethod()) {
            return Optional.empty();
        }
        return Optional.of(new Rule(Duration.ofSeconds(ttl), route.cacheKeyParameters()));
    }

    private static boolean applies(Map<String, Object> setting, ApiRoute route, boolean specific) {
        String path = String.valueOf(setting.get("ResourcePath"));
        String method = String.valueOf(setting.get("HttpMethod")).toUpperCase(Locale.ROOT);
        if (!specific) {
            return path.equals("/*") && method.equals("*");
        }
        // MethodSettings name a resource as "/" followed by its path with each "/" written "~1".
        String resource = path.startsWith("/") ? path.substring(1).replace("~1", "/") : path;
        return resource.equals(route.path()) && (method.equals(route.method()) || method.equals("*"));
    }

    /** How {@code route} is cached, or empty when it is not. */
    public Optional<Rule> rule(ApiRoute route) {
        return Optional.ofNullable(rules.get(routeKey(route)));
    }

    /**
     * The cache key of a request, from the route and the values of its key parameters; header
     * names are matched case-insensitively, as HTTP does.
     */
    public static String key(ApiRoute route, Rule rule, Map<String, String> pathParameters,
                             Map<String, List<String>> query, Map<String, List<String>> headers) {
        StringBuilder key = new StringBuilder(routeKey(route));
        Map<String, List<String>> lowerHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            lowerHeaders.putAll(headers);
        }
        for (String parameter : rule.keyParameters()) {
            Object value;
            if (parameter.startsWith("method.request.path.")) {
                value = pathParameters == null ? null : pathParameters.get(parameter.substring(20));
            } else if (parameter.startsWith("method.request.querystring.")) {
                value = query == null ? null : query.get(parameter.substring(27));
            } else if (parameter.startsWith("method.request.multivaluequerystring.")) {
                value = query == null ? null : query.get(parameter.substring(37));
            } else if (parameter.startsWith("method.request.header.")) {
                value = lowerHeaders.get(parameter.substring(22));
            } else if (parameter.startsWith("method.request.multivalueheader.")) {
                value = lowerHeaders.get(parameter.substring(32));
            } else {
                throw new IllegalStateException("unknown cache key parameter " + parameter + " on " + routeKey(route));
            }
            key.append('\n').append(parameter).append('=').append(value);
        }
        return key.toString();
    }

    /**
     * The cached answer for {@code key}, or the one {@code function} gives (kept for the rule's
     * TTL). {@code function} may throw; nothing is kept then.
     */
    public APIGatewayProxyResponseEvent get(ApiRoute route, Rule rule, String key,
                                            java.util.function.Supplier<APIGatewayProxyResponseEvent> function) {
        AtomicLong[] routeCounts = counts.computeIfAbsent(routeKey(route),
                k -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
        Entry entry = fresh(key);
        if (entry != null) {
            routeCounts[0].incrementAndGet();
            return entry.response();
        }
        if (!collapse) {
            routeCounts[1].incrementAndGet();
            return fill(rule, key, function);
        }
        synchronized (fills.computeIfAbsent(key, k -> new Object())) {
            entry = fresh(key);
            if (entry != null) {
                routeCounts[0].incrementAndGet();
                return entry.response();
            }
            routeCounts[1].incrementAndGet();
            return fill(rule, key, function);
        }
    }

    private Entry fresh(String key) {
        Entry entry = entries.get(key);
        return entry != null && nanoTime.getAsLong() - entry.expiresAtNanos() < 0 ? entry : null;
    }

    private APIGatewayProxyResponseEvent fill(Rule rule, String key,
                                              java.util.function.Supplier<APIGatewayProxyResponseEvent> function) {
        APIGatewayProxyResponseEvent response = function.get();
        if (response.getBody() == null
                || response.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_ENTRY_BYTES) {
            entries.put(key, new Entry(response, nanoTime.getAsLong() + rule.ttl().toNanos()));
        }
        return response;
    }

    /** Hits and misses per route ({@code GET /schedules/{scheduleId}/seat-status}) since the start. */
    public Map<String, Counts> counts() {
        Map<String, Counts> out = new TreeMap<>();
        counts.forEach((route, c) -> out.put(route, new Counts(c[0].get(), c[1].get())));
        return out;
    }

    /** Hits and misses of one route since the start. */
    public Counts counts(ApiRoute route) {
        AtomicLong[] c = counts.get(routeKey(route));
        return c == null ? new Counts(0, 0) : new Counts(c[0].get(), c[1].get());
    }

    private static String routeKey(ApiRoute route) {
        return route.method() + " " + route.path();
    }
}
