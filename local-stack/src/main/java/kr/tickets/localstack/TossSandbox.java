package kr.tickets.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * Toss Payments' core API v1 on localhost, for local runs and tests: confirm, look up and cancel
 * with Toss's wire format, Basic authentication with a {@code test_sk_} key, Toss's error shape
 * {@code {code, message}} and statuses, and Idempotency-Key replay. Failures are chosen as Toss's
 * test API chooses them, with the {@code TossPayments-Test-Code} header, or per order (the
 * service sends no test header): {@link #failNext} and {@link #delayNext} script what the next
 * calls for an order id get, e.g. a provider error twice and then success, or a slow answer.
 */
public final class TossSandbox implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Toss's HTTP status for each error code the sandbox can be asked for. */
    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("REJECT_CARD_PAYMENT", 403), Map.entry("REJECT_CARD_COMPANY", 403),
            Map.entry("FDS_ERROR", 403), Map.entry("FORBIDDEN_REQUEST", 403),
            Map.entry("NOT_CANCELABLE_PAYMENT", 403), Map.entry("FORBIDDEN_CONSECUTIVE_REQUEST", 403),
            Map.entry("NOT_FOUND_PAYMENT", 404), Map.entry("NOT_FOUND_PAYMENT_SESSION", 404),
            Map.entry("UNAUTHORIZED_KEY", 401),
            Map.entry("FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING", 500), Map.entry("FAILED_REFUND_PROCESS", 500),
            Map.entry("FAILED_INTERNAL_SYSTEM_PROCESSING", 500));

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService workers;
    private final Clock clock;
    private final Map<String, ObjectNode> payments = new ConcurrentHashMap<>();
    private final Map<String, Reply> byIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, Deque<String>> scripted = new ConcurrentHashMap<>();

    private TossSandbox(HttpServer server, java.util.concurrent.ExecutorService workers, Clock clock) {
        this.server = server;
        this.workers = workers;
        this.clock = clock;
    }

    /** Starts on {@code port} (0 picks a free one) on 127.0.0.1. */
    public static TossSandbox start(int port, Clock clock) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
            java.util.concurrent.ExecutorService workers = Executors.newFixedThreadPool(16);
            TossSandbox sandbox = new TossSandbox(server, workers, clock);
            server.setExecutor(workers);
            server.createContext("/v1/payments", sandbox::handle);
            server.start();
            return sandbox;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Toss sandbox", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code times} calls about {@code orderId} answer Toss's error {@code code}. */
    public void failNext(String orderId, String code, int times) {
        for (int i = 0; i < times; i++) {
            scripted.computeIfAbsent(orderId, k -> new ArrayDeque<>()).add(code);
        }
    }

    /** The next call about {@code orderId} answers only after {@code delay} (a slow or timed-out Toss). */
    public void delayNext(String orderId, Duration delay) {
        scripted.computeIfAbsent(orderId, k -> new ArrayDeque<>()).add("DELAY:" + delay.toMillis());
    }

    /** The payment as Toss would show it, or null. */
    public JsonNode payment(String paymentKey) {
        return payments.get(paymentKey);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply = reply(exchange);
            byte[] body = JSON.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Reply reply(HttpExchange exchange) throws IOException {
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return error("UNAUTHORIZED_KEY", "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.");
        }
        String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (idempotencyKey != null && byIdempotencyKey.containsKey(idempotencyKey)) {
            return byIdempotencyKey.get(idempotencyKey);
        }
        String path = exchange.getRequestURI().getRawPath().substring("/v1/payments".length());
        JsonNode body = "POST".equals(exchange.getRequestMethod())
                ? JSON.readTree(exchange.getRequestBody().readAllBytes()) : JSON.createObjectNode();
        String testCode = exchange.getRequestHeaders().getFirst("TossPayments-Test-Code");
        Reply reply;
        if (testCode != null) {
            reply = error(testCode, "테스트 코드로 요청한 오류입니다.");
        } else if (path.equals("/confirm") && "POST".equals(exchange.getRequestMethod())) {
            reply = scriptedOr(body.path("orderId").asText(), () -> confirm(body));
        } else if (path.matches("/[^/]+/cancel") && "POST".equals(exchange.getRequestMethod())) {
            String key = URLDecoder.decode(path.substring(1, path.length() - "/cancel".length()), StandardCharsets.UTF_8);
            ObjectNode payment = payments.get(key);
            reply = scriptedOr(payment == null ? "" : payment.path("orderId").asText(), () -> cancel(key, body));
        } else if (path.matches("/[^/]+") && "GET".equals(exchange.getRequestMethod())) {
            ObjectNode payment = payments.get(URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8));
            reply = payment == null ? error("NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.") : new Reply(200, payment);
        } else {
            reply = error("INVALID_REQUEST", "잘못된 요청입니다.");
        }
        // Toss remembers a key's answer, success or failure, so a retry gets the same one.
        if (idempotencyKey != null && reply.status() != 500) {
            byIdempotencyKey.putIfAbsent(idempotencyKey, reply);
            return byIdempotencyKey.get(idempotencyKey);
        }
        return reply;
    }

    private Reply scriptedOr(String orderId, java.util.function.Supplier<Reply> normal) {
        Deque<String> steps = scripted.get(orderId);
        String step = steps == null ? null : steps.poll();
        if (step == null) {
            return normal.get();
        }
        if (step.startsWith("DELAY:")) {
            try {
                Thread.sleep(Long.parseLong(step.substring("DELAY:".length())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return normal.get();
        }
        return error(step, "샌드박스가 요청받은 오류입니다.");
    }

    private synchronized Reply confirm(JsonNode body) {
        String paymentKey = body.path("paymentKey").asText("");
        String orderId = body.path("orderId").asText("");
        if (paymentKey.isEmpty() || orderId.isEmpty() || !body.path("amount").isIntegralNumber()
                || body.path("amount").asLong() <= 0) {
            return error("INVALID_REQUEST", "잘못된 요청입니다.");
        }
        if (payments.containsKey(paymentKey)) {
            return error("ALREADY_PROCESSED_PAYMENT", "이미 처리된 결제 입니다.");
        }
        ObjectNode payment = JSON.createObjectNode();
        String now = clock.instant().atOffset(java.time.ZoneOffset.ofHours(9)).toString();
        payment.put("paymentKey", paymentKey).put("orderId", orderId).put("status", "DONE").put("method", "카드")
                .put("totalAmount", body.path("amount").asLong()).put("balanceAmount", body.path("amount").asLong())
                .put("requestedAt", now).put("approvedAt", now);
        payment.putObject("receipt").put("url", "https://dashboard.tosspayments.com/receipt/sandbox/" + paymentKey);
        payment.putArray("cancels");
        payments.put(paymentKey, payment);
        return new Reply(200, payment);
    }

    private synchronized Reply cancel(String paymentKey, JsonNode body) {
        ObjectNode payment = payments.get(paymentKey);
        if (payment == null) {
            return error("NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.");
        }
        if ("CANCELED".equals(payment.path("status").asText())) {
            return error("ALREADY_CANCELED_PAYMENT", "이미 취소된 결제 입니다.");
        }
        payment.put("status", "CANCELED").put("balanceAmount", 0);
        payment.withArray("cancels").addObject().put("cancelAmount", payment.path("totalAmount").asLong())
                .put("cancelReason", body.path("cancelReason").asText(""))
                .put("canceledAt", clock.instant().atOffset(java.time.ZoneOffset.ofHours(9)).toString());
        return new Reply(200, payment);
    }

    private static boolean authorized(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        return decoded.startsWith("test_sk_") && decoded.endsWith(":");
    }

    private static Reply error(String code, String message) {
        ObjectNode body = JSON.createObjectNode().put("code", code).put("message", message);
        return new Reply(STATUS.getOrDefault(code, 400), body);
    }

    private record Reply(int status, JsonNode body) {
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
