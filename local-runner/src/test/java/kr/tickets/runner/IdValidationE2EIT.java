package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ids in paths, queries and the Idempotency-Key header are checked before any handler reads
 * DynamoDB: a 3,000-character id, NUL, '#', a space or Korean is a short 400 VALIDATION_FAILED
 * naming the parameter, on every kind of route (public, user, admin), never a 404 or 500 that
 * repeats the value.
 */
class IdValidationE2EIT {
    private static final Http http = Http.client();
    private static final String LONG = "a".repeat(3000);
    private static final int SHORT_ANSWER = 1024;

    private static void assertRefused(Http.Response response, String field, String what) {
        assertEquals(400, response.status(), () -> what + ": " + response);
        assertTrue(response.headers().get("content-type").startsWith("application/problem+json"), what);
        JsonNode problem = response.json();
        assertEquals("VALIDATION_FAILED", problem.get("code").asText(), what);
        assertEquals(field, problem.at("/fieldErrors/0/field").asText(), what);
        assertTrue(response.body().length() < SHORT_ANSWER, () -> what + " answered " + response.body().length() + " chars");
        assertFalse(response.body().contains("aaaaaaaaaa"), what + " echoes the id");
    }

    @Test
    void badIdsInPathsAreRefusedOnEveryKindOfRoute() {
        Accounts.Account user = Accounts.create(http);
        String admin = Catalogs.adminBearer(http);
        List<String> bad = List.of(LONG, "%00", "%23", "a%20b", "%EA%B3%B5%EC%97%B0", "x".repeat(65));
        for (String id : bad) {
            String what = id.length() > 20 ? id.length() + " chars" : id;
            assertRefused(http.get("/performances/" + id), "performanceId", "GET performance " + what);
            assertRefused(http.get("/performances/" + id + "/calendar"), "performanceId", "GET calendar " + what);
            assertRefused(http.get("/schedules/" + id + "/seats"), "scheduleId", "GET seats " + what);
            assertRefused(http.post("/schedules/" + id + "/holds", Map.of("seatId", "A-1-1"),
                    "Authorization", user.bearer()), "scheduleId", "POST hold " + what);
            assertRefused(http.get("/holds/" + id, "Authorization", user.bearer()), "holdId", "GET hold " + what);
            assertRefused(http.send("DELETE", "/holds/" + id, null, "Authorization", user.bearer()), "holdId",
                    "DELETE hold " + what);
            assertRefused(http.post("/holds/" + id + "/checkout", Map.of("method", "CARD"),
                    "Authorization", user.bearer()), "holdId", "checkout " + what);
            assertRefused(http.get("/bookings/" + id, "Authorization", user.bearer()), "bookingId", "booking " + what);
            assertRefused(http.get("/bookings/" + id + "/receipt", "Authorization", user.bearer()), "bookingId",
                    "receipt " + what);
            assertRefused(http.patch("/admin/performances/" + id, Map.of("title", "x"), "Authorization", admin),
                    "performanceId", "PATCH performance " + what);
            assertRefused(http.send("PUT", "/admin/policies/" + id, Map.of("value", 1), "Authorization", admin), "key",
                    "PUT policy " + what);
        }
    }

    @Test
    void badIdsInQueriesAndIdempotencyKeysAreRefused() {
        Accounts.Account user = Accounts.create(http);
        assertRefused(http.get("/performances?venueId=" + LONG), "venueId", "long venueId");
        assertRefused(http.get("/performances?venueId=a%23b"), "venueId", "venueId with #");
        // Text that is not an id is free to hold anything.
        assertEquals(200, http.get("/performances?q=%EB%A0%88%EB%AF%B8%EC%A0%9C%EB%9D%BC%EB%B8%94%20%231").status());

        String schedule = "0190f3c4-8a1b-7c2d-9e3f-0a1b2c3d4e5f";
        assertRefused(http.post("/schedules/" + schedule + "/holds", Map.of("seatId", "A-1-1"),
                "Authorization", user.bearer(), "Idempotency-Key", "k".repeat(101)), "Idempotency-Key", "long key");
        assertRefused(http.post("/schedules/" + schedule + "/holds", Map.of("seatId", "A-1-1"),
                "Authorization", user.bearer(), "Idempotency-Key", "key with spaces"), "Idempotency-Key", "spaced key");
        // A well-formed id that names nothing is still the handler's 404.
        assertEquals(404, http.get("/holds/" + schedule, "Authorization", user.bearer()).status());
    }
}
