package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static kr.tickets.runner.Bookings.seatStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import kr.tickets.localstack.TossSandbox;
import org.junit.jupiter.api.Test;

/**
 * Read-only mode (policy feature.readOnly) over real HTTP: writes of every kind answer 503
 * READ_ONLY and change nothing, reads work, login and refresh keep sessions alive, and the admin
 * turns the mode off through the API while it is on.
 */
class ReadOnlyE2EIT {
    private static final String FLAG = "feature.readOnly";

    private final Http http = Http.client();
    private final String admin = Catalogs.adminBearer(http);

    private static void assertReadOnly(Http.Response answer) {
        assertProblem(answer, 503, "READ_ONLY");
        assertTrue(answer.json().get("detail").asText().contains("조회만 가능합니다"), answer::toString);
    }

    @Test
    void writesAreRefusedWith503AndChangeNothingWhileReadsAndSessionsWorkAndTheAdminTurnsItOff() {
        String scheduleId = Bookings.onSaleSchedule(http, admin);
        Accounts.Account minji = Accounts.create(http);
        String newEmail = Accounts.email();
        String newPhone = Accounts.phone();

        Policies.set(http, admin, FLAG, true);
        try {
            // Writes: a hold, a sign-up, a profile change, a venue: refused, nothing stored.
            assertReadOnly(Bookings.hold(http, minji, scheduleId, "A-1-1"));
            assertEquals("AVAILABLE", seatStatus(http, scheduleId, "A-1-1"));
            assertReadOnly(http.post("/auth/signup", Accounts.signup(newEmail, newPhone)));
            assertReadOnly(http.patch("/me", Map.of("name", "바뀌면안됨"), "Authorization", minji.bearer()));
            assertReadOnly(http.post("/admin/venues", Catalogs.venueBody("읽기전용홀 " + Catalogs.token()),
                    "Authorization", admin));

            // Reads work.
            assertEquals(200, http.get("/schedules/" + scheduleId + "/seats").status());
            assertEquals(200, http.get("/performances").status());
            JsonNode me = http.get("/me", "Authorization", minji.bearer()).json();
            assertEquals(minji.userId(), me.get("userId").asText());
            assertEquals(200, http.get("/me/bookings", "Authorization", minji.bearer()).status());

            // Sessions stay alive: login and refresh.
            Http.Response login = http.post("/auth/login", Accounts.login(minji.email(), Accounts.PASSWORD));
            assertEquals(200, login.status(), login::toString);
            Http.Response refreshed = http.post("/auth/refresh",
                    Map.of("refreshToken", login.json().get("refreshToken").asText()));
            assertEquals(200, refreshed.status(), refreshed::toString);
        } finally {
            // The admin's policy change is the way out, and it works while the mode is on.
            Policies.set(http, admin, FLAG, false);
        }

        assertNotEquals("바뀌면안됨", http.get("/me", "Authorization", minji.bearer()).json().get("name").asText());
        // The refused sign-up stored nothing: the same email and phone sign up now.
        assertEquals(201, http.post("/auth/signup", Accounts.signup(newEmail, newPhone)).status());
        Bookings.held(http, minji, scheduleId, "A-1-1");
    }

    /**
     * Money while read-only: a buyer who paid in Toss's window cannot confirm, and a booked buyer
     * cannot cancel; Toss is left exactly as it was (nothing captured, nothing refunded) and the
     * seats exactly as they were, so paid ⇔ booked holds; both go through once the mode is off.
     */
    @Test
    void aConfirmAndACancelAreRefusedWithoutTouchingTossAndGoThroughOnceItIsOff() {
        Purchase paying = Purchase.start(http, admin, "A-1-1");
        String payingKey = paying.paymentKey();
        Purchase booked = Purchase.start(http, admin, "A-1-2");
        String bookedKey = booked.paymentKey();
        Http.Response confirmed = booked.confirm(bookedKey);
        assertEquals(200, confirmed.status(), confirmed::toString);
        TossSandbox toss = LocalService.shared().tossSandbox();

        Policies.set(http, admin, FLAG, true);
        try {
            assertReadOnly(paying.confirm(payingKey));
            assertReadOnly(http.post("/bookings/" + booked.holdId() + "/cancel", Map.of("reason", "일정 변경"),
                    "Authorization", booked.buyer().bearer()));
            assertReadOnly(http.post("/admin/bookings/" + booked.holdId() + "/cancel",
                    Map.of("reason", "운영자 취소"), "Authorization", admin));

            assertEquals("IN_PROGRESS", toss.session(payingKey).get("status").asText(), "nothing captured");
            assertEquals("PENDING", paying.seatStatus());
            assertEquals("DONE", toss.session(bookedKey).get("status").asText(), "nothing refunded");
            assertEquals("CONFIRMED", booked.bookingStatus());
            assertEquals("BOOKED", booked.seatStatus());
        } finally {
            Policies.set(http, admin, FLAG, false);
        }

        Http.Response late = paying.confirm(payingKey);
        assertEquals(200, late.status(), late::toString);
        assertEquals("DONE", toss.session(payingKey).get("status").asText());
        assertEquals("BOOKED", paying.seatStatus());
        Http.Response cancelled = http.post("/bookings/" + booked.holdId() + "/cancel",
                Map.of("reason", "일정 변경"), "Authorization", booked.buyer().bearer());
        assertTrue(cancelled.status() == 200 || cancelled.status() == 202, cancelled::toString);
        assertEquals("CANCELED", Bookings.eventually(Duration.ofSeconds(20),
                () -> toss.session(bookedKey).get("status").asText(), "CANCELED"::equals));
    }

    @Test
    void theSwitchIsInTheAuditTrail() {
        Policies.set(http, admin, FLAG, true);
        Policies.set(http, admin, FLAG, false);
        JsonNode page = http.get("/admin/policy-audit?key=" + FLAG + "&size=2", "Authorization", admin).json();
        JsonNode off = page.get("items").get(0);
        JsonNode on = page.get("items").get(1);
        assertEquals(FLAG, off.get("key").asText());
        assertEquals(true, off.get("oldValue").asBoolean());
        assertEquals(false, off.get("newValue").asBoolean());
        assertEquals(false, on.get("oldValue").asBoolean());
        assertEquals(true, on.get("newValue").asBoolean());
        assertTrue(off.get("changedAt").asText().compareTo(on.get("changedAt").asText()) >= 0, page::toString);
    }
}
