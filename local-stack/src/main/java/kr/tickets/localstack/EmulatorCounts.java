package kr.tickets.localstack;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * What the local emulator served, counted by the launcher ({@code local/moto_launcher.py}):
 * every request by kind ({@code GET /_local/request-counts}: {@code dynamodb:TransactWriteItems},
 * {@code stepfunctions:StartExecution}, {@code sqs:SendMessage}, {@code sesv2:SendEmail},
 * {@code lambda:Invoke}, {@code other}) and every DynamoDB item key by reads, writes and the units
 * DynamoDB would bill ({@code GET /_local/dynamo-keys}). A Query or Scan counts under its partition
 * with a null sort key; a write that changes an item's copy on a global index also counts under
 * that index's keys.
 */
public final class EmulatorCounts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String REQUESTS = "/_local/request-counts";
    private static final String KEYS = "/_local/dynamo-keys";

    /**
     * How many requests of one kind the emulator served, and the seconds it spent answering them
     * (wall time: a {@code lambda:Invoke} includes the runner's work; the executions a
     * {@code StartExecution} starts run in the background, outside it).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestCount(String kind, long count, double seconds) {
    }

    /**
     * One item key (or, for a Query or Scan, one partition: {@code sk} null; on a global index:
     * {@code index} set and the index's keys): how often it was read and written, and the read and
     * write units DynamoDB would bill for that.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KeyCount(String table, String index, String pk, String sk, long reads, long writes,
                           double readUnits, double writeUnits) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Requests(List<RequestCount> requests) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Keys(List<KeyCount> items) {
    }

    private EmulatorCounts() {
    }

    public static List<RequestCount> requests(String endpoint) {
        return read(endpoint + REQUESTS, Requests.class).requests();
    }

    public static List<KeyCount> keys(String endpoint) {
        return read(endpoint + KEYS, Keys.class).items();
    }

    /** The count of requests of {@code kind}, 0 when none. */
    public static long count(List<RequestCount> requests, String kind) {
        return requests.stream().filter(r -> r.kind().equals(kind)).mapToLong(RequestCount::count).sum();
    }

    /** Starts both counts again. */
    public static void reset(String endpoint) {
        send(HttpRequest.newBuilder(URI.create(endpoint + REQUESTS)).DELETE());
        send(HttpRequest.newBuilder(URI.create(endpoint + KEYS)).DELETE());
    }

    private static <T> T read(String url, Class<T> type) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).GET());
        try {
            return JSON.readValue(response.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable counts: " + response.body(), e);
        }
    }

    /** Sends a request to one of the launcher's {@code /_local} count endpoints; anything but 2xx is an error. */
    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("the emulator answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("the emulator's counts are unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
