package kr.tickets.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import kr.tickets.common.MutableClock;
import kr.tickets.localstack.TossSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Toss client over real HTTP against the local Toss sandbox: every paymentKey comes from the
 * sandbox's payment window for one order, as on Toss.
 */
class TossPaymentsClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MutableClock clock = new MutableClock(Instant.now());
    private static TossSandbox sandbox;
    private static TossPaymentsClient toss;

    @BeforeAll
    static void start() {
        sandbox = TossSandbox.start(0, clock);
        toss = new TossPaymentsClient(sandbox.baseUrl(), "test_sk_local", Duration.ofSeconds(2), Duration.ofMillis(500));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static String window(String orderId, long amount) {
        return sandbox.openWindow(orderId, amount, "레미제라블 1층 A열 3번");
    }

    @Test
    void confirmApprovesThePaymentWithItsReceipt() {
        String orderId = id();
        String paymentKey = window(orderId, 172_000);
        TossPayment payment = toss.confirm(paymentKey, orderId, 172_000, id());
        assertEquals("DONE", payment.status());
        assertTrue(payment.charged());
        assertEquals(172_000, payment.balanceAmount());
        assertEquals(orderId, payment.orderId());
        assertEquals(172_000, payment.totalAmount());
        assertNotNull(payment.approvedAt());
        assertNotNull(payment.receiptUrl());
        assertEquals("DONE", toss.get(paymentKey).status());
    }

    @Test
    void aRetriedConfirmWithTheSameIdempotencyKeyGetsTheSameAnswerAndChargesOnce() {
        String orderId = id();
        String paymentKey = window(orderId, 50_000);
        String key = id();
        TossPayment first = toss.confirm(paymentKey, orderId, 50_000, key);
        TossPayment again = toss.confirm(paymentKey, orderId, 50_000, key);
        assertEquals(first, again);
        TossException other = assertThrows(TossException.class, () -> toss.confirm(paymentKey, orderId, 50_000, id()));
        assertEquals("ALREADY_PROCESSED_PAYMENT", other.code());
        assertEquals(TossException.Kind.ALREADY_PROCESSED, other.kind());
    }

    @Test
    void aRejectedCardIsARejection() {
        String orderId = id();
        String paymentKey = window(orderId, 10_000);
        sandbox.failNext(orderId, "REJECT_CARD_PAYMENT", 1);
        TossException e = assertThrows(TossException.class, () -> toss.confirm(paymentKey, orderId, 10_000, id()));
        assertEquals(403, e.httpStatus());
        assertEquals("REJECT_CARD_PAYMENT", e.code());
        assertEquals(TossException.Kind.REJECTED, e.kind());
    }

    @Test
    void aProviderErrorIsTransientAndARetryThenSucceeds() {
        String orderId = id();
        String paymentKey = window(orderId, 10_000);
        sandbox.failNext(orderId, "PROVIDER_ERROR", 2);
        for (int i = 0; i < 2; i++) {
            TossException e = assertThrows(TossException.class, () -> toss.confirm(paymentKey, orderId, 10_000, id()));
            assertEquals(TossException.Kind.TRANSIENT, e.kind());
        }
        assertEquals("DONE", toss.confirm(paymentKey, orderId, 10_000, id()).status());
    }

    @Test
    void aSlowTossIsATimeoutAndTransient() {
        String orderId = id();
        String paymentKey = window(orderId, 10_000);
        sandbox.delayNext(orderId, Duration.ofMillis(1500));
        TossException e = assertThrows(TossException.class, () -> toss.confirm(paymentKey, orderId, 10_000, id()));
        assertEquals("TIMEOUT", e.code());
        assertEquals(TossException.Kind.TRANSIENT, e.kind());
    }

    @Test
    void aScriptedExpiredPaymentSessionIsTheTimeoutBranch() {
        String orderId = id();
        String paymentKey = window(orderId, 10_000);
        sandbox.failNext(orderId, "NOT_FOUND_PAYMENT_SESSION", 1);
        TossException e = assertThrows(TossException.class, () -> toss.confirm(paymentKey, orderId, 10_000, id()));
        assertEquals(404, e.httpStatus());
        assertEquals(TossException.Kind.SESSION_EXPIRED, e.kind());
    }

    @Test
    void aSessionNotConfirmedWithinTossWindowHasExpired() {
        String orderId = id();
        String paymentKey = window(orderId, 10_000);
        clock.advance(TossSandbox.SESSION_TTL.plusSeconds(1));
        TossException e = assertThrows(TossException.class, () -> toss.confirm(paymentKey, orderId, 10_000, id()));
        assertEquals(404, e.httpStatus());
        assertEquals("NOT_FOUND_PAYMENT_SESSION", e.code());
        assertEquals(TossException.Kind.SESSION_EXPIRED, e.kind());
        TossPayment expired = toss.getByOrderId(orderId).orElseThrow();
        assertEquals("EXPIRED", expired.status());
        assertFalse(expired.charged());
        assertNull(sandbox.payment(paymentKey));
    }

    @Test
    void aSessionStillOpenJustBeforeItsTimeIsApproved() {
        String orderId = id();
        String paymentKey = window(orderId, 10_000);
        clock.advance(TossSandbox.SESSION_TTL.minusSeconds(1));
        assertEquals("DONE", toss.confirm(paymentKey, orderId, 10_000, id()).status());
    }

    @Test
    void aKeyNoWindowIssuedIsNotFoundAndChargesNothing() {
        String orderId = id();
        String made = "tgen_" + UUID.randomUUID().toString().replace("-", "");
        TossException e = assertThrows(TossException.class, () -> toss.confirm(made, orderId, 10_000, id()));
        assertEquals(404, e.httpStatus());
        assertEquals("NOT_FOUND_PAYMENT", e.code());
        assertEquals(TossException.Kind.INVALID, e.kind());
        assertNull(sandbox.payment(made));
        assertEquals(Optional.empty(), toss.getByOrderId(orderId));
    }

    @Test
    void aKeyIssuedForAnotherOrderIsRefusedAndChargesNothing() {
        String orderId = id();
        String otherOrder = id();
        String paymentKey = window(otherOrder, 10_000);
        TossException e = assertThrows(TossException.class, () -> toss.confirm(paymentKey, orderId, 10_000, id()));
        assertEquals(400, e.httpStatus());
        assertEquals("INVALID_REQUEST", e.code());
        assertEquals(TossException.Kind.INVALID, e.kind());
        assertNull(sandbox.payment(paymentKey));
        assertEquals(Optional.empty(), toss.getByOrderId(orderId));
        // The key still belongs to its own order.
        assertEquals("DONE", toss.confirm(paymentKey, otherOrder, 10_000, id()).status());
    }

    @Test
    void aKeyIssuedForAnotherAmountIsRefusedAndChargesNothing() {
        String orderId = id();
        String paymentKey = window(orderId, 10_000);
        TossException e = assertThrows(TossException.class, () -> toss.confirm(paymentKey, orderId, 1_000, id()));
        assertEquals(400, e.httpStatus());
        assertEquals("INVALID_REQUEST", e.code());
        assertNull(sandbox.payment(paymentKey));
        assertEquals("IN_PROGRESS", toss.getByOrderId(orderId).orElseThrow().status());
    }

    @Test
    void anApprovedKeyIsAlreadyProcessedWhateverOrderIsSent() {
        String orderId = id();
        String paymentKey = window(orderId, 10_000);
        toss.confirm(paymentKey, orderId, 10_000, id());
        for (String sent : List.of(orderId, id())) {
            TossException e = assertThrows(TossException.class, () -> toss.confirm(paymentKey, sent, 10_000, id()));
            assertEquals(400, e.httpStatus());
            assertEquals("ALREADY_PROCESSED_PAYMENT", e.code());
        }
        toss.cancel(paymentKey, "고객 요청", id());
        TossException canceled = assertThrows(TossException.class, () -> toss.confirm(paymentKey, id(), 10_000, id()));
        assertEquals("ALREADY_PROCESSED_PAYMENT", canceled.code());
    }

    @Test
    void anOrderIsChargedOnceEvenWithTwoWindows() {
        String orderId = id();
        String first = window(orderId, 10_000);
        String second = window(orderId, 10_000);
        toss.confirm(second, orderId, 10_000, id());
        TossException e = assertThrows(TossException.class, () -> toss.confirm(first, orderId, 10_000, id()));
        assertEquals("DUPLICATED_ORDER_ID", e.code());
        assertThrows(IllegalArgumentException.class, () -> window(orderId, 10_000));
        assertEquals(second, toss.getByOrderId(orderId).orElseThrow().paymentKey());
    }

    @Test
    void lookupByOrderShowsTheSessionThenTheChargeThenTheRefund() {
        String orderId = id();
        assertEquals(Optional.empty(), toss.getByOrderId(orderId));
        String paymentKey = window(orderId, 30_000);
        TossPayment authenticated = toss.getByOrderId(orderId).orElseThrow();
        assertEquals("IN_PROGRESS", authenticated.status());
        assertEquals(paymentKey, authenticated.paymentKey());
        assertNull(authenticated.approvedAt());
        assertNull(authenticated.method());
        assertFalse(authenticated.charged());

        toss.confirm(paymentKey, orderId, 30_000, id());
        TossPayment done = toss.getByOrderId(orderId).orElseThrow();
        assertEquals("DONE", done.status());
        assertEquals(orderId, done.orderId());
        assertEquals(30_000, done.totalAmount());
        assertEquals(30_000, done.balanceAmount());
        assertEquals("카드", done.method());
        assertNotNull(done.approvedAt());
        assertTrue(done.receiptUrl().contains(paymentKey));
        assertTrue(done.charged());

        toss.cancel(paymentKey, "고객 요청", id());
        TossPayment refunded = toss.getByOrderId(orderId).orElseThrow();
        assertEquals("CANCELED", refunded.status());
        assertEquals(0, refunded.balanceAmount());
        assertFalse(refunded.charged());
    }

    @Test
    void aLookupThatGetsNoAnswerIsNotMistakenForNoPayment() {
        TossPaymentsClient nobody = new TossPaymentsClient("http://127.0.0.1:9", "test_sk_local", Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        TossException e = assertThrows(TossException.class, () -> nobody.getByOrderId(id()));
        assertEquals("NETWORK_ERROR", e.code());
        assertEquals(TossException.Kind.TRANSIENT, e.kind());
    }

    @Test
    void anApprovalWhoseAnswerIsLostIsDoneAndARetryFindsItProcessed() {
        String orderId = id();
        String paymentKey = window(orderId, 20_000);
        sandbox.loseAnswerNext(orderId);
        String key = id();
        TossException lost = assertThrows(TossException.class, () -> toss.confirm(paymentKey, orderId, 20_000, key));
        assertEquals(500, lost.httpStatus());
        assertEquals("FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING", lost.code());
        assertEquals(TossException.Kind.TRANSIENT, lost.kind());
        assertEquals("DONE", sandbox.payment(paymentKey).path("status").asText());
        TossException retry = assertThrows(TossException.class, () -> toss.confirm(paymentKey, orderId, 20_000, key));
        assertEquals(TossException.Kind.ALREADY_PROCESSED, retry.kind());
        assertTrue(toss.getByOrderId(orderId).orElseThrow().charged());
    }

    @Test
    void anApprovalAnsweredAfterTheReadTimeoutIsDoneAndReplayedForItsKey() {
        String orderId = id();
        String paymentKey = window(orderId, 20_000);
        sandbox.delayAnswerNext(orderId, Duration.ofMillis(1500));
        String key = id();
        TossException timeout = assertThrows(TossException.class, () -> toss.confirm(paymentKey, orderId, 20_000, key));
        assertEquals("TIMEOUT", timeout.code());
        assertEquals("DONE", sandbox.payment(paymentKey).path("status").asText());
        assertEquals("DONE", toss.confirm(paymentKey, orderId, 20_000, key).status());
        TossException other = assertThrows(TossException.class, () -> toss.confirm(paymentKey, orderId, 20_000, id()));
        assertEquals(TossException.Kind.ALREADY_PROCESSED, other.kind());
    }

    @Test
    void theSandboxListsEveryPaymentAndSessionItKnows() {
        String charged = id();
        String open = id();
        String chargedKey = window(charged, 11_000);
        String openKey = window(open, 12_000);
        toss.confirm(chargedKey, charged, 11_000, id());
        Map<String, String> statuses = sandbox.allPayments().stream().collect(Collectors.toMap(
                p -> p.path("paymentKey").asText(), p -> p.path("status").asText()));
        assertEquals("DONE", statuses.get(chargedKey));
        assertEquals("IN_PROGRESS", statuses.get(openKey));
    }

    @Test
    void theWindowRedirectsToTheSuccessUrlWithTheKeyBoundToTheOrder() throws Exception {
        String orderId = "T-" + id();
        HttpResponse<String> success = openOverHttp(Map.of("orderId", orderId, "amount", "152000",
                "orderName", "레미제라블 1층 A열 3번", "successUrl", "https://tickets.example/payments/success?x=1",
                "failUrl", "https://tickets.example/payments/fail"));
        assertEquals(302, success.statusCode());
        URI location = URI.create(success.headers().firstValue("Location").orElseThrow());
        assertEquals("tickets.example", location.getHost());
        assertEquals("/payments/success", location.getPath());
        Map<String, String> params = params(location);
        assertEquals("1", params.get("x"));
        assertEquals("NORMAL", params.get("paymentType"));
        assertEquals(orderId, params.get("orderId"));
        assertEquals("152000", params.get("amount"));
        String paymentKey = params.get("paymentKey");
        assertEquals(orderId, sandbox.session(paymentKey).path("orderId").asText());
        assertEquals("DONE", toss.confirm(paymentKey, orderId, 152_000, id()).status());
    }

    @Test
    void aCancelledOrRejectedWindowRedirectsToTheFailUrlWithoutAKey() throws Exception {
        String orderId = "T-" + id();
        Map<String, String> query = new LinkedHashMap<>(Map.of("orderId", orderId, "amount", "152000",
                "orderName", "공연", "successUrl", "https://tickets.example/ok", "failUrl", "https://tickets.example/fail"));
        query.put("outcome", "cancel");
        Map<String, String> cancelled = params(URI.create(openOverHttp(query).headers().firstValue("Location").orElseThrow()));
        assertEquals("PAY_PROCESS_CANCELED", cancelled.get("code"));
        assertEquals(orderId, cancelled.get("orderId"));
        assertFalse(cancelled.get("message").isBlank());
        assertFalse(cancelled.containsKey("paymentKey"));
        query.put("outcome", "reject");
        HttpResponse<String> rejected = openOverHttp(query);
        URI location = URI.create(rejected.headers().firstValue("Location").orElseThrow());
        assertEquals("/fail", location.getPath());
        assertEquals("REJECT_CARD_COMPANY", params(location).get("code"));
        assertEquals(Optional.empty(), toss.getByOrderId(orderId));
    }

    @Test
    void aWindowWithMissingOrInvalidParametersIsABadRequest() throws Exception {
        Map<String, String> good = Map.of("orderId", "T-" + id(), "amount", "1000", "orderName", "공연",
                "successUrl", "https://tickets.example/ok", "failUrl", "https://tickets.example/fail");
        List<Map<String, String>> bad = List.of(
                without(good, "orderId"), without(good, "amount"), without(good, "orderName"),
                without(good, "successUrl"), without(good, "failUrl"),
                with(good, "amount", "-5"), with(good, "amount", "12.5"), with(good, "amount", "0"),
                with(good, "orderId", "abc"), with(good, "orderId", "주문-123456"),
                with(good, "successUrl", "/relative"), with(good, "outcome", "maybe"));
        for (Map<String, String> query : bad) {
            HttpResponse<String> response = openOverHttp(query);
            assertEquals(400, response.statusCode(), query::toString);
            JsonNode body = JSON.readTree(response.body());
            assertEquals("INVALID_REQUEST", body.path("code").asText(), query::toString);
            assertFalse(body.path("message").asText().isBlank());
        }
    }

    private static Map<String, String> without(Map<String, String> query, String name) {
        Map<String, String> out = new LinkedHashMap<>(query);
        out.remove(name);
        return out;
    }

    private static Map<String, String> with(Map<String, String> query, String name, String value) {
        Map<String, String> out = new LinkedHashMap<>(query);
        out.put(name, value);
        return out;
    }

    private static HttpResponse<String> openOverHttp(Map<String, String> query) throws Exception {
        String encoded = query.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.checkoutUrl() + "?" + encoded))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> params(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void aWrongSecretKeyIsAConfigurationProblem() {
        TossPaymentsClient wrong = new TossPaymentsClient(sandbox.baseUrl(), "live_sk_wrong", Duration.ofSeconds(2),
                Duration.ofSeconds(2));
        TossException e = assertThrows(TossException.class, () -> wrong.confirm(id(), id(), 10_000, id()));
        assertEquals(401, e.httpStatus());
        assertEquals(TossException.Kind.MISCONFIGURED, e.kind());
    }

    @Test
    void cancelRefundsOnceAndARepeatIsAlreadyProcessed() {
        String orderId = id();
        String paymentKey = window(orderId, 30_000);
        toss.confirm(paymentKey, orderId, 30_000, id());
        String cancelKey = id();
        assertEquals("CANCELED", toss.cancel(paymentKey, "고객 요청", cancelKey).status());
        assertEquals("CANCELED", toss.cancel(paymentKey, "고객 요청", cancelKey).status());
        TossException again = assertThrows(TossException.class, () -> toss.cancel(paymentKey, "고객 요청", id()));
        assertEquals("ALREADY_CANCELED_PAYMENT", again.code());
        assertEquals(TossException.Kind.ALREADY_PROCESSED, again.kind());
        assertEquals(0, sandbox.payment(paymentKey).path("balanceAmount").asLong());
    }

    @Test
    void theTestCodeHeaderIsHonouredAsTossDoes() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.baseUrl() + "/v1/payments/confirm"))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                                .encodeToString("test_sk_local:".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .header("TossPayments-Test-Code", "REJECT_CARD_COMPANY")
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"paymentKey\":\"k\",\"orderId\":\"o\",\"amount\":1000}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
        assertEquals("REJECT_CARD_COMPANY", new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(response.body()).get("code").asText());
    }

    @Test
    void unknownPaymentIsNotFound() {
        TossException e = assertThrows(TossException.class, () -> toss.get(id()));
        assertEquals("NOT_FOUND_PAYMENT", e.code());
        assertEquals(TossException.Kind.INVALID, e.kind());
    }
}
