package kr.tickets.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The service's HTTP API as a tool on this machine uses it: logged in as the local admin, it
 * creates catalog entries the way an organiser's screen would, through the public contract, so
 * demo data and benchmarks exercise the same validation and writes as real requests.
 */
public final class AdminApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String baseUrl;
    private final String bearer;

    private AdminApi(HttpClient http, String baseUrl, String bearer) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.bearer = bearer;
    }

    /** Logs in as {@link DemoAccounts#ADMIN_EMAIL} at {@code baseUrl} (e.g. http://127.0.0.1:3000). */
    public static AdminApi login(String baseUrl) {
        return login(baseUrl, DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD);
    }

    /** Logs in as any account: the benchmarks also act as a customer. */
    public static AdminApi login(String baseUrl, String email, String password) {
        JsonNode tokens = anonymous(baseUrl).send("POST", "/auth/login", Map.of("email", email, "password", password),
                200);
        return new AdminApi(client(), baseUrl, "Bearer " + tokens.get("accessToken").asText());
    }

    /** A client without a token, e.g. to sign up ({@link #create} then answers the new account). */
    public static AdminApi anonymous(String baseUrl) {
        return new AdminApi(client(), baseUrl, null);
    }

    private static HttpClient client() {
        // The local gateway speaks HTTP/1.1 only; asking for h2c would add an upgrade header to every request.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** {@code Authorization}'s value for this client's account, for {@link #get}; null when anonymous. */
    public String bearer() {
        return bearer;
    }

    /** POSTs {@code body} as the admin and returns the created resource; any answer but 201 throws. */
    public JsonNode create(String path, Object body) {
        return send("POST", path, body, 201);
    }

    /**
     * Creates every body at {@code path} on {@code threads} threads and returns the answers in
     * the bodies' order; the first refusal stops the rest and is thrown.
     */
    public List<JsonNode> createAll(String path, List<?> bodies, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<JsonNode>> pending = new ArrayList<>();
            for (Object body : bodies) {
                pending.add(pool.submit(() -> create(path, body)));
            }
            List<JsonNode> created = new ArrayList<>();
            for (Future<JsonNode> future : pending) {
                created.add(future.get());
            }
            return created;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("creating " + path + " interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A GET with the given header name/value pairs, answered as raw bytes (no Authorization sent). */
    public HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(TIMEOUT).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return exchange(request.build());
    }

    /** A GET that must answer 200 with JSON. */
    public JsonNode getJson(String pathAndQuery) {
        return expect(get(pathAndQuery), 200, "GET " + pathAndQuery);
    }

    private JsonNode send(String method, String path, Object body, int expected) {
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the body of " + method + " " + path, e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return expect(exchange(request.build()), expected, method + " " + path);
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(request.method() + " " + request.uri() + " interrupted", e);
        }
    }

    private static JsonNode expect(HttpResponse<byte[]> response, int expected, String what) {
        try {
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + json);
            }
            return json;
        } catch (IOException e) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + " without JSON", e);
        }
    }
}
