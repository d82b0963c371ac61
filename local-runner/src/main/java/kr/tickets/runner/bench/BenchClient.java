package kr.tickets.runner.bench;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The HTTP calls the load benchmarks make against the local API, and how they summarise latencies. */
final class BenchClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;

    BenchClient(HttpClient http, String baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    /** A JSON request (body serialised when not null) with the bearer token and extra header pairs. */
    HttpResponse<String> send(String method, String path, String bearer, Object body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofMinutes(3))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (bearer != null) {
                request.header("Authorization", bearer);
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs up and logs in {@code count} customers ({@code <kind>-<run>-<n>@tickets.example}) on
     * {@code threads} threads; answers their {@code Authorization} values.
     */
    List<String> signUp(String kind, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String>> pending = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis() % 100_000_000L);
        String password = kind + "!pass1";
        for (int i = 0; i < count; i++) {
            int n = i;
            pending.add(pool.submit(() -> {
                String email = kind + "-" + run + "-" + n + "@tickets.example";
                String phone = String.format("010-%04d-%04d", 1000 + (int) (Long.parseLong(run) % 9000), n);
                expect(send("POST", "/auth/signup", null, Map.of("name", "관객" + n, "email", email,
                        "password", password, "phone", phone)), 201);
                return "Bearer " + JSON.readTree(expect(send("POST", "/auth/login", null,
                        Map.of("email", email, "password", password)), 200).body()).get("accessToken").asText();
            }));
        }
        List<String> bearers = new ArrayList<>();
        for (Future<String> bearer : pending) {
            bearers.add(bearer.get());
        }
        pool.shutdown();
        return bearers;
    }

    /** The machine a benchmark ran on, and what its numbers are ({@code about}, a sentence). */
    static String machine(String about) {
        Runtime runtime = Runtime.getRuntime();
        return String.format("Machine: %d cores, %s %s, Java %s, max heap %d MiB%n%s%n",
                runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.runtime.version"), runtime.maxMemory() / (1024 * 1024), about);
    }

    static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }

    /** The {@code p}th percentile of sorted microseconds, in milliseconds (nearest rank). */
    static double percentile(List<Long> sortedMicros, int p) {
        if (sortedMicros.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, index)) / 1000.0;
    }
}
