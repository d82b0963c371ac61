package kr.tickets.booking.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.tickets.web.ApiFunction;
import kr.tickets.web.SnapStartPriming;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming of the holds function (the rush path): every route runs through the real
 * handler and the SDK clients are used, and nothing is written. AWS is a fake endpoint that
 * records each request's operation and answers reads with nothing found.
 */
class HoldsPrimingTest {
    private static final Set<String> READS = Set.of("DynamoDB_20120810.GetItem", "DynamoDB_20120810.BatchGetItem",
            "DynamoDB_20120810.Query", "secretsmanager.GetSecretValue");
    private static final List<String> OPERATIONS = Collections.synchronizedList(new ArrayList<>());
    private static HttpServer aws;

    @BeforeAll
    static void fakeAws() throws IOException {
        aws = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        aws.createContext("/", exchange -> {
            String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            OPERATIONS.add(operation);
            exchange.getRequestBody().readAllBytes();
            String answer = switch (operation == null ? "" : operation) {
                case "DynamoDB_20120810.BatchGetItem" -> "{\"Responses\":{},\"UnprocessedKeys\":{}}";
                case "DynamoDB_20120810.Query" -> "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}";
                case "secretsmanager.GetSecretValue" -> "{\"Name\":\"jwt\",\"SecretString\":\""
                        + "0123456789abcdef".repeat(6) + "\"}";
                default -> "{}";
            };
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        aws.start();
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:" + aws.getAddress().getPort());
        System.setProperty("aws.region", "ap-northeast-2");
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
    }

    @AfterAll
    static void stop() {
        aws.stop(0);
    }

    @Test
    void everyRouteIsRefusedBeforeAnyWriteAndTheClientsAreUsed() throws Exception {
        // The holds function's environment in template.yaml.
        Map<String, String> environment = Map.ofEntries(Map.entry("POWERTOOLS_SERVICE_NAME", "ticketing"),
                Map.entry("POWERTOOLS_METRICS_NAMESPACE", "Ticketing"), Map.entry("CATALOG_TABLE", "Catalog"),
                Map.entry("BOOKING_TABLE", "Booking"), Map.entry("POLICIES_TABLE", "Policies"),
                Map.entry("POLICY_CACHE_SECONDS", "5"), Map.entry("AUTH_TABLE", "Auth"),
                Map.entry("JWT_SECRET_ARN", "arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:jwt"),
                Map.entry("USERS_TABLE", "Users"),
                Map.entry("BOOKING_STATE_MACHINE_ARN", "arn:aws:states:ap-northeast-2:123456789012:stateMachine:b"),
                Map.entry("TOSS_CLIENT_KEY", "test_ck_x"),
                Map.entry("PAYMENT_SUCCESS_URL", "https://tickets.example/payments/success"),
                Map.entry("PAYMENT_FAIL_URL", "https://tickets.example/payments/fail"));
        try (ApiFunction function = new ApiFunction(environment)) {
            Map<String, Integer> answers = new SnapStartPriming(function.getApplicationContext(),
                    function::handleRequest).prime();

            assertEquals(Map.of("POST /schedules/{scheduleId}/holds", 401, "GET /holds/{holdId}", 401,
                    "DELETE /holds/{holdId}", 401, "POST /holds/{holdId}/checkout", 401), answers);
            assertTrue(OPERATIONS.contains("DynamoDB_20120810.BatchGetItem"), "the DynamoDB client is primed: " + OPERATIONS);
            List<String> writes = OPERATIONS.stream().filter(operation -> !READS.contains(operation)).toList();
            assertEquals(List.of(), writes, "priming wrote or started something");
        }
    }
}
