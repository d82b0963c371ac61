package kr.tickets.runner;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import kr.tickets.localstack.Intrinsics;

/**
 * API Gateway (REST API, Lambda proxy integration) on localhost: each request becomes the
 * proxy event AWS would send to the route's function, and the function's response event
 * becomes the HTTP response. A path no route serves is 404, a method the path does not
 * serve is 405 (both problem+json); a function that throws is 502, as in AWS. In front of it,
 * as CloudFront is on AWS, a GET or HEAD whose first path segment is none of the API's (so
 * CloudFront would send it to S3) is answered by the web app ({@link WebApp}) when it has a file
 * or an app route for it.
 */
public final class ApiGateway implements AutoCloseable {
    /** API Gateway's own limit on a request payload. */
    static final int MAX_PAYLOAD = 10 * 1024 * 1024;
    private static final String STAGE = "Prod";
    private static final System.Logger LOG = System.getLogger(ApiGateway.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Integer, String> TITLES = Map.of(404, "Not Found", 405, "Method Not Allowed",
            413, "Payload Too Large", 500, "Internal Server Error", 502, "Bad Gateway");

    private final List<ApiRoute> routes;
    private final Map<String, FunctionHost> functions;
    private final HttpServer server;
    private final ExecutorService workers;
    private volatile StageCache cache;
    private final WebApp web;
    /** The first path segments of the API's routes: CloudFront's path patterns for the API origin. */
    private final Set<String> apiPrefixes;

    /** A gateway whose stage cache is the one template.yaml declares. */
    public ApiGateway(int port, Map<String, FunctionHost> functions) throws IOException {
        this(port, functions, null);
    }

    /** A gateway with {@code cache} as its stage cache; null: the one template.yaml declares. */
    public ApiGateway(int port, Map<String, FunctionHost> functions, StageCache cache) throws IOException {
        this(bind(port), functions, cache, null);
    }

    /** A server bound to {@code port} on 127.0.0.1 (0: a free one), not yet serving: its port is known before the gateway starts. */
    public static HttpServer bind(int port) throws IOException {
        return HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
    }

    /**
     * A gateway on an already bound server, with {@code cache} as its stage cache (null: the one
     * template.yaml declares) and {@code web} answering what CloudFront would send to S3 (null: nothing).
     */
    public ApiGateway(HttpServer server, Map<String, FunctionHost> functions, StageCache cache, WebApp web) {
        this.functions = functions;
        this.web = web;
        List<ApiRoute> all = new ArrayList<>();
        functions.values().forEach(f -> all.addAll(f.spec().routes()));
        all.sort(Comparator.comparingInt(ApiRoute::specificity).reversed());
        this.routes = List.copyOf(all);
        Set<String> prefixes = new TreeSet<>();
        routes.forEach(r -> prefixes.add(firstSegment(r.path())));
        this.apiPrefixes = Set.copyOf(prefixes);
        this.cache = cache != null ? cache : StageCache.fromTemplate(kr.tickets.localstack.SamTemplate.load(), routes);
        this.server = server;
        this.workers = Executors.newFixedThreadPool(64);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What answers the paths CloudFront would send to S3, or null. */
    public WebApp webApp() {
        return web;
    }

    public List<ApiRoute> routes() {
        return routes;
    }

    /** The stage cache, with its hit and miss counts. */
    public StageCache cache() {
        return cache;
    }

    /**
     * Replaces the stage cache (a benchmark compares a cache that collapses concurrent misses);
     * entries and counts start empty.
     */
    public void useCache(StageCache replacement) {
        this.cache = replacement;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                problem(exchange, 413, "PAYLOAD_TOO_LARGE", "The request body exceeds 10 MB.");
                return;
            }
            Set<String> allowed = new TreeSet<>();
            for (ApiRoute route : routes) {
                Map<String, String> parameters = route.match(path);
                if (parameters == null) {
                    continue;
                }
                if (route.anyMethod() || route.method().equals(method)) {
                    forward(exchange, route, parameters, body);
                    return;
                }
                allowed.add(route.method());
            }
            if (allowed.isEmpty() && webAnswer(exchange, method)) {
                return;
            }
            if (allowed.isEmpty()) {
                problem(exchange, 404, "NOT_FOUND", "No route serves " + path + ".");
            } else {
                exchange.getResponseHeaders().add("Allow", String.join(", ", allowed));
                problem(exchange, 405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + path + ".");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "local gateway failed on " + exchange.getRequestURI(), e);
            problem(exchange, 500, "INTERNAL_ERROR", "The local gateway failed.");
        }
    }

    /** Answers from the web app when CloudFront would send this request to S3 and the app has an answer. */
    private boolean webAnswer(HttpExchange exchange, String method) throws IOException {
        if (web == null || !(method.equals("GET") || method.equals("HEAD"))) {
            return false;
        }
        String path = exchange.getRequestURI().getPath();
        if (path == null || apiPrefixes.contains(firstSegment(path))) {
            return false;
        }
        java.util.Optional<WebApp.Asset> asset = web.answer(path);
        if (asset.isEmpty()) {
            return false;
        }
        asset.get().headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        send(exchange, 200, asset.get().body());
        return true;
    }

    private static String firstSegment(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }

    private void forward(HttpExchange exchange, ApiRoute route, Map<String, String> parameters, byte[] body)
            throws IOException {
        APIGatewayProxyRequestEvent event = event(exchange, route, parameters, body);
        APIGatewayProxyResponseEvent response;
        try {
            StageCache stageCache = cache;
            java.util.Optional<StageCache.Rule> rule = stageCache.rule(route);
            if (rule.isPresent()) {
                String key = StageCache.key(route, rule.get(), event.getPathParameters(),
                        event.getMultiValueQueryStringParameters(), event.getMultiValueHeaders());
                response = stageCache.get(route, rule.get(), key, () -> invoke(route, event));
            } else {
                response = invoke(route, event);
            }
        } catch (RuntimeException e) {
            // Lambda logs an unhandled error; API Gateway answers 502 without details.
            LOG.log(System.Logger.Level.ERROR, route.functionId() + " failed", e);
            problem(exchange, 502, "BAD_GATEWAY", "The function failed.");
            return;
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, values) -> {
                exchange.getResponseHeaders().remove(k);
                values.forEach(v -> exchange.getResponseHeaders().add(k, v));
            });
        }
        exchange.getResponseHeaders().set("x-amzn-RequestId", event.getRequestContext().getRequestId());
        byte[] out = response.getBody() == null ? new byte[0]
                : Boolean.TRUE.equals(response.getIsBase64Encoded())
                ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
        send(exchange, status, out);
    }

    private APIGatewayProxyResponseEvent invoke(ApiRoute route, APIGatewayProxyRequestEvent event) {
        return (APIGatewayProxyResponseEvent) functions.get(route.functionId()).invoke(event);
    }

    static APIGatewayProxyRequestEvent event(HttpExchange exchange, ApiRoute route, Map<String, String> parameters,
                                             byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            multiHeaders.put(name, List.copyOf(values));
            headers.put(name, values.get(values.size() - 1));
        });
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, List<String>> multiQuery = new LinkedHashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                multiQuery.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                query.put(key, value);
            }
        }
        String path = exchange.getRequestURI().getRawPath();
        String requestId = UUID.randomUUID().toString();
        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity()
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .withUserAgent(headers.get("User-agent"));
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withAccountId(Intrinsics.ACCOUNT)
                .withApiId("local")
                .withStage(STAGE)
                .withRequestId(requestId)
                .withResourcePath(route.path())
                .withHttpMethod(exchange.getRequestMethod())
                .withPath("/" + STAGE + path)
                .withProtocol(exchange.getProtocol())
                .withIdentity(identity);
        context.setRequestTimeEpoch(Instant.now().toEpochMilli());
        return new APIGatewayProxyRequestEvent()
                .withResource(route.path())
                .withPath(path)
                .withHttpMethod(exchange.getRequestMethod())
                .withHeaders(headers.isEmpty() ? null : headers)
                .withMultiValueHeaders(multiHeaders.isEmpty() ? null : multiHeaders)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withMultiValueQueryStringParameters(multiQuery.isEmpty() ? null : multiQuery)
                .withPathParameters(parameters.isEmpty() ? null : parameters)
                .withRequestContext(context)
                .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD + 1);
        return body.length > MAX_PAYLOAD ? null : body;
    }

    static void problem(HttpExchange exchange, int status, String code, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://tickets.example/problems/" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        problem.put("title", TITLES.getOrDefault(status, "Error"));
        problem.put("status", status);
        problem.put("code", code);
        problem.put("detail", detail);
        // API Gateway's own error responses carry its request id, as the functions' problems do.
        String requestId = exchange.getResponseHeaders().getFirst("x-amzn-RequestId");
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        }
        problem.put("traceId", requestId);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        // As template.yaml's GatewayResponses add to API Gateway's own answers.
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        send(exchange, status, JSON.writeValueAsBytes(problem));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
