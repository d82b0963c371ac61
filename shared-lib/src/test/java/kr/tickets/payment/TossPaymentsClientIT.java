package kr.tickets.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import kr.tickets.localstack.TossSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Toss client over real HTTP against the local Toss sandbox. */
class TossPaymentsClientIT {
    private static TossSandbox sandbox;
    private static TossPaymentsClient toss;

    @BeforeAll
    static void start() {
        sandbox = TossSandbox.start(0, Clock.systemUTC());
        toss = new TossPaymentsClient(sandbox.baseUrl(), "test_sk_local", Duration.ofSeconds(2), Duration.ofMillis(500));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void confirmApprovesThePaymentWithItsReceipt() {
        String paymentKey = id();
        String orderId = id();
        TossPayment payment = toss.confirm(paymentKey, orderId, 172_000, id());
        assertEquals("DONE", payment.status());
        assertEquals(orderId, payment.orderId());
        assertEquals(172_000, payment.totalAmount());
        assertNotNull(payment.approvedAt());
        assertNotNull(payment.receiptUrl());
        assertEquals("DONE", toss.get(paymentKey).status());
    }

    @Test
    void aRetriedConfirmWithTheSameIdempotencyKeyGetsTheSameAnswerAndChargesOnce() {
        String paymentKey = id();
        String orderId = id();
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
        sandbox.failNext(orderId, "REJECT_CARD_PAYMENT", 1);
        TossException e = assertThrows(TossException.class, () -> toss.confirm(id(), orderId, 10_000, id()));
        assertEquals(403, e.httpStatus());
        assertEquals("REJECT_CARD_PAYMENT", e.code());
        assertEquals(TossException.Kind.REJECTED, e.kind());
    }

    @Test
    void aProviderErrorIsTransientAndARetryThenSucceeds() {
        String orderId = id();
        String paymentKey = id();
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
        sandbox.delayNext(orderId, Duration.ofMillis(1500));
        TossException e = assertThrows(TossException.class, () -> toss.confirm(id(), orderId, 10_000, id()));
        assertEquals("TIMEOUT", e.code());
        assertEquals(TossException.Kind.TRANSIENT, e.kind());
    }

    @Test
    void anExpiredPaymentSessionIsTheTimeoutBranch() {
        String orderId = id();
        sandbox.failNext(orderId, "NOT_FOUND_PAYMENT_SESSION", 1);
        TossException e = assertThrows(TossException.class, () -> toss.confirm(id(), orderId, 10_000, id()));
        assertEquals(404, e.httpStatus());
        assertEquals(TossException.Kind.SESSION_EXPIRED, e.kind());
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
        String paymentKey = id();
        toss.confirm(paymentKey, id(), 30_000, id());
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
