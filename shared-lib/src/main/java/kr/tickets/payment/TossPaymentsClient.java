package kr.tickets.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Toss Payments core API v1 over HTTP: confirm, look up and cancel a payment. Authenticates with
 * HTTP Basic of the secret key (never logged), sends an Idempotency-Key on every call that
 * changes money so that a retry cannot charge or refund twice, and bounds every call with
 * connect and read timeouts. Failures come out as {@link TossException} with Toss's own code.
 */
public class TossPaymentsClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final String authorization;
    private final HttpClient http;
    private final Duration readTimeout;

    public TossPaymentsClient(String baseUrl, String secretKey, Duration connectTimeout, Duration readTimeout) {
        this.baseUrl = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((secretKey + ":").getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.readTimeout = readTimeout;
    }

    /** {@code POST /v1/payments/confirm}: approves the payment the customer authenticated in the window. */
    public TossPayment confirm(String paymentKey, String orderId, long amount, String idempotencyKey) {
        return send("POST", "v1/payments/confirm",
                Map.of("paymentKey", paymentKey, "orderId", orderId, "amount", amount), idempotencyKey);
    }

    /** {@code GET /v1/payments/{paymentKey}}. */
    public TossPayment get(String paymentKey) {
        return send("GET", "v1/payments/" + path(paymentKey), null, null);
    }

    /**
     * {@code GET /v1/payments/orders/{orderId}}: the payment Toss holds for the order, or empty
     * when Toss itself answers 404 NOT_FOUND_PAYMENT (it never saw a payment for this order).
     * Every other failure, a timeout or network error included, throws: "nothing was charged"
     * can only be concluded from Toss's answer. A payment that is present may still be uncharged
     * (IN_PROGRESS, EXPIRED, ABORTED): see {@link TossPayment#charged()}.
     */
    public Optional<TossPayment> getByOrderId(String orderId) {
        try {
            return Optional.of(send("GET", "v1/payments/orders/" + path(orderId), null, null));
        } catch (TossException e) {
            if (e.httpStatus() == 404 && "NOT_FOUND_PAYMENT".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** {@code POST /v1/payments/{paymentKey}/cancel}: a full cancel (no cancelAmount). */
    public TossPayment cancel(String paymentKey, String reason, String idempotencyKey) {
        return send("POST", "v1/payments/" + path(paymentKey) + "/cancel", Map.of("cancelReason", reason),
                idempotencyKey);
    }

    private TossPayment send(String method, String path, Map<String, Object> body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(readTimeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            if (body == null) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 300) {
                throw new TossException(response.statusCode(), json.path("code").asText("UNKNOWN_PAYMENT_ERROR"),
                        json.path("message").asText(""));
            }
            return payment(json);
        } catch (HttpTimeoutException e) {
            throw new TossException(0, "TIMEOUT", "Toss did not answer within " + readTimeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new TossException(0, "NETWORK_ERROR", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TossException(0, "NETWORK_ERROR", "interrupted");
        }
    }

    private static TossPayment payment(JsonNode json) {
        return new TossPayment(json.path("paymentKey").asText(), json.path("orderId").asText(),
                json.path("status").asText(), json.path("method").asText(null), json.path("totalAmount").asLong(),
                json.path("approvedAt").asText(null), json.path("receipt").path("url").asText(null),
                json.path("balanceAmount").asLong(json.path("totalAmount").asLong()));
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
