package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET and PUT /admin/policies over real HTTP: role checks, validation, persistence. */
class PoliciesE2EIT {
    private final Http http = Http.client();

    private String adminBearer() {
        Http.Response tokens = http.post("/auth/login",
                Accounts.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD));
        assertEquals(200, tokens.status(), tokens::toString);
        return "Bearer " + tokens.json().get("accessToken").asText();
    }

    private static Map<String, JsonNode> byKey(JsonNode list) {
        Map<String, JsonNode> out = new HashMap<>();
        list.get("items").forEach(item -> out.put(item.get("key").asText(), item));
        return out;
    }

    @Test
    void adminSeesEveryPolicyWithItsDefault() {
        Map<String, JsonNode> policies = byKey(http.get("/admin/policies", "Authorization", adminBearer()).json());
        for (String key : List.of("booking.holdMinutes", "booking.maxSeatsPerUser", "booking.feeKrw",
                "booking.cancellationHours", "payment.discountCodes", "feature.paymentProvider",
                "feature.maintenance")) {
            JsonNode policy = policies.get(key);
            assertEquals(policy.get("defaultValue"), policies.get(key).get("defaultValue"), key);
        }
        assertEquals(1, policies.get("booking.maxSeatsPerUser").get("defaultValue").asInt());
        assertEquals(24, policies.get("booking.cancellationHours").get("defaultValue").asInt());
    }

    @Test
    void adminChangesAPolicyAndTheNewValueIsInForce() {
        String admin = adminBearer();
        Http.Response updated = http.send("PUT", "/admin/policies/payment.discountCodes",
                Map.of("value", Map.of(
                        "WELCOME", Map.of("amountKrw", 1000, "expiresAt", "2030-01-01T00:00:00Z", "maxUses", 500),
                        "VIP-2026", Map.of("amountKrw", 5000, "expiresAt", "2026-12-31T15:00:00Z", "maxUses", 50))),
                "Authorization", admin);
        assertEquals(200, updated.status(), updated::toString);
        assertEquals("TABLE", updated.json().get("source").asText());
        JsonNode stored = byKey(http.get("/admin/policies", "Authorization", admin).json()).get("payment.discountCodes");
        assertEquals(5000, stored.get("value").get("VIP-2026").get("amountKrw").asInt());
        assertEquals("TABLE", stored.get("source").asText());
    }

    @Test
    void usersAreForbiddenAndAnonymousCallersUnauthenticated() {
        Accounts.Account user = Accounts.create(http);
        assertProblem(http.get("/admin/policies", "Authorization", user.bearer()), 403, "FORBIDDEN");
        assertProblem(http.send("PUT", "/admin/policies/booking.feeKrw", Map.of("value", 0),
                "Authorization", user.bearer()), 403, "FORBIDDEN");
        assertProblem(http.get("/admin/policies"), 401, "UNAUTHENTICATED");
        // The refused change wrote nothing.
        JsonNode fee = byKey(http.get("/admin/policies", "Authorization", adminBearer()).json()).get("booking.feeKrw");
        assertEquals(fee.get("defaultValue"), fee.get("value"));
    }

    @Test
    void invalidValuesAndUnknownKeysAreRefused() {
        String admin = adminBearer();
        assertProblem(http.send("PUT", "/admin/policies/booking.holdMinutes", Map.of("value", 0),
                "Authorization", admin), 400, "VALIDATION_FAILED");
        assertProblem(http.send("PUT", "/admin/policies/booking.holdMinutes", Map.of("value", "10"),
                "Authorization", admin), 400, "VALIDATION_FAILED");
        assertProblem(http.send("PUT", "/admin/policies/feature.paymentProvider", Map.of("value", "PAYPAL"),
                "Authorization", admin), 400, "VALIDATION_FAILED");
        assertProblem(http.send("PUT", "/admin/policies/payment.discountCodes", Map.of("value", Map.of("bad code", 1)),
                "Authorization", admin), 400, "VALIDATION_FAILED");
        // A code needs its expiry and its maximum of uses, the expiry in UTC.
        assertProblem(http.send("PUT", "/admin/policies/payment.discountCodes", Map.of("value", Map.of("WELCOME", 1000)),
                "Authorization", admin), 400, "VALIDATION_FAILED");
        assertProblem(http.send("PUT", "/admin/policies/payment.discountCodes", Map.of("value", Map.of("WELCOME",
                Map.of("amountKrw", 1000, "expiresAt", "2030-01-01T09:00:00+09:00", "maxUses", 5))),
                "Authorization", admin), 400, "VALIDATION_FAILED");
        assertProblem(http.send("PUT", "/admin/policies/booking.holdMinutes", Map.of(),
                "Authorization", admin), 400, "VALIDATION_FAILED");
        assertProblem(http.send("PUT", "/admin/policies/booking.holdMinutes", "{",
                "Authorization", admin), 400, "MALFORMED_JSON");
        assertProblem(http.send("PUT", "/admin/policies/no.such.key", Map.of("value", 1),
                "Authorization", admin), 404, "NOT_FOUND");
        JsonNode hold = byKey(http.get("/admin/policies", "Authorization", admin).json()).get("booking.holdMinutes");
        assertEquals(10, hold.get("value").asInt());
    }
}
