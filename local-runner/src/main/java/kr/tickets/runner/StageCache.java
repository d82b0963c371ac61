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
 *       collapsing for its cache. Routes that template.yaml also puts behind a CloudFront cache
 *       behavior whose origin has Origin Shield are collapsed: concurrent misses of one key wait
 *       for the first one's answer, as CloudFront sends one request to the origin for
 *       simultaneous requests of one object. (The local gateway plays one cache layer with the
 *       stage's TTL, not CloudFront's own TTL on top of it.) {@link #collapsing} collapses every
 *       route and {@link #withoutCdn} none, for comparison.</li>
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
    /** Route keys whose concurrent misses are collapsed. */
    private final java.util.Set<String> collapsed;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Object> fills = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong[]> counts = new ConcurrentHashMap<>();

    private StageCache(Map<String, Rule> rules, LongSupplier nanoTime, java.util.Set<String> collapsed) {
        this.rules = Map.copyOf(rules);
        this.nanoTime = nanoTime;
        this.collapsed = java.util.Set.copyOf(collapsed);
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
        return new StageCache(rules, nanoTime, java.util.Set.of());
    }

    /**
     * The same cache with the routes that {@code distributions} (AWS::CloudFront::Distribution
     * properties) serve through a cache behavior with an Origin Shield origin collapsed.
     */
    public StageCache behindCdn(List<Map<String, Object>> distributions, List<ApiRoute> routes) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Map<String, Object> distribution : distributions) {
            Map<String, Object> config = SamTemplate.map(distribution.get("DistributionConfig"));
            java.util.Set<String> shielded = new java.util.HashSet<>();
            SamTemplate.list(config.get("Origins")).forEach(o -> {
                Map<String, Object> origin = SamTemplate.map(o);
                if (Boolean.TRUE.equals(SamTemplate.map(origin.get("OriginShield")).get("Enabled"))) {
                    shielded.add(String.valueOf(origin.get("Id")));
                }
            });
            for (Object b : SamTemplate.list(config.get("CacheBehaviors"))) {
                Map<String, Object> behavior = SamTemplate.map(b);
                if (!shielded.contains(String.valueOf(behavior.get("TargetOriginId")))) {
                    continue;
                }
                String pattern = String.valueOf(behavior.get("PathPattern"));
                for (ApiRoute route : routes) {
                    if (rules.containsKey(routeKey(route)) && matches(pattern, route.path())) {
                        out.add(routeKey(route));
                    }
                }
            }
        }
        return new StageCache(rules, nanoTime, out);
    }

    /**
     * Whether CloudFront's path pattern ({@code *} any characters, {@code ?} one) matches the
     * paths of a route template: each {@code {parameter}} stands for one segment's value.
     */
    static boolean matches(String pathPattern, String routePath) {
        String sample = routePath.replaceAll("\\{[^/}]+\\}", "x");
        StringBuilder regex = new StringBuilder();
        for (char c : pathPattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return sample.matches(regex.toString());
    }

    /** Routes whose concurrent misses are collapsed (behind CloudFront with Origin Shield). */
    public java.util.Set<String> collapsedRoutes() {
        return collapsed;
    }

    /** The cache of the one AWS::Serverless::Api of {@code template}; none if it declares none. */
    public static StageCache fromTemplate(SamTemplate template, List<ApiRoute> routes) {
        Map<String, Map<String, Object>> apis = template.resourcesOfType("AWS::Serverless::Api");
        if (apis.size() > 1) {
            throw new IllegalStateException("the local gateway plays one REST API; template.yaml has " + apis.keySet());
        }
        Map<String, Object> properties = apis.isEmpty() ? Map.of()
                : SamTemplate.map(apis.values().iterator().next().get("Properties"));
        List<Map<String, Object>> distributions = new ArrayList<>();
        template.resourcesOfType("AWS::CloudFront::Distribution")
                .forEach((id, resource) -> distributions.add(SamTemplate.map(resource.get("Properties"))));
        return of(properties, routes, System::nanoTime).behindCdn(distributions, routes);
    }

    /** The same rules, with concurrent misses of one key collapsed on every route. */
    public StageCache collapsing() {
        return new StageCache(rules, nanoTime, rules.keySet());
    }

    /** The same rules, with no route collapsed: API Gateway's stage cache alone. */
    public StageCache withoutCdn() {
        return new StageCache(rules, nanoTime, java.util.Set.of());
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
        if (!collapsed.contains(routeKey(route))) {
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
