package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** GET /admin/policy-audit over real HTTP: who changed what when, newest first, in pages, for admins only. */
class PolicyAuditE2EIT {
    private static final String KEY = "booking.cancellationHours";

    private final Http http = Http.client();
    private final String admin = Catalogs.adminBearer(http);

    @Test
    void everyChangeIsKeptWithWhoWhenOldAndNewNewestFirstInPages() {
        String adminId = http.get("/me", "Authorization", admin).json().get("userId").asText();
        JsonNode before = Policies.value(http, admin, KEY);
        Policies.set(http, admin, KEY, 48);
        Policies.set(http, admin, KEY, before);

        JsonNode first = http.get("/admin/policy-audit?key=" + KEY + "&size=1", "Authorization", admin).json();
        JsonNode back = first.get("items").get(0);
        assertEquals(KEY, back.get("key").asText());
        assertEquals(48, back.get("oldValue").asInt());
        assertEquals("TABLE", back.get("oldSource").asText());
        assertEquals(before, back.get("newValue"));
        assertEquals(adminId, back.get("changedBy").asText());
        assertTrue(back.get("changedAt").asText().endsWith("Z"), back::toString);

        String cursor = first.get("nextCursor").asText();
        JsonNode second = http.get("/admin/policy-audit?key=" + KEY + "&size=1&cursor="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8), "Authorization", admin).json();
        JsonNode to48 = second.get("items").get(0);
        assertEquals(before, to48.get("oldValue"));
        assertEquals(48, to48.get("newValue").asInt());
        assertTrue(to48.get("changedAt").asText().compareTo(back.get("changedAt").asText()) <= 0);

        // The feed of every key has the latest change first too.
        JsonNode all = http.get("/admin/policy-audit?size=1", "Authorization", admin).json();
        assertEquals(back.get("changeId"), all.get("items").get(0).get("changeId"));
    }

    @Test
    void onlyAdminsReadItAndBadParametersAre400() {
        Accounts.Account user = Accounts.create(http);
        assertProblem(http.get("/admin/policy-audit", "Authorization", user.bearer()), 403, "FORBIDDEN");
        assertProblem(http.get("/admin/policy-audit"), 401, "UNAUTHENTICATED");
        assertProblem(http.get("/admin/policy-audit?key=no.such.key", "Authorization", admin), 400,
                "VALIDATION_FAILED");
        assertProblem(http.get("/admin/policy-audit?size=0", "Authorization", admin), 400, "VALIDATION_FAILED");
        assertProblem(http.get("/admin/policy-audit?cursor=forged.cursor", "Authorization", admin), 400,
                "VALIDATION_FAILED");
    }
}
