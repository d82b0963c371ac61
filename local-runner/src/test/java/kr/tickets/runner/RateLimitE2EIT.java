package kr.tickets.runner;

import static kr.tickets.runner.Bookings.seatStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application rate limit over real HTTP: per user and per client address (each {@link Http}
 * client has its own loopback address, which the local gateway hands to the function as API
 * Gateway's sourceIp), 429 RATE_LIMITED with Retry-After, nothing changed, others unaffected,
 * and the next window open again. The limits are lowered through the admin API for each test.
 */
class RateLimitE2EIT {
    /** The rate limit's window (kr.tickets.ratelimit.RateWindow.LENGTH). */
    private static final long WINDOW_SECONDS = 10;
    private static final String USER_LIMIT = "rateLimit.userPer10Seconds";
    private static final String IP_LIMIT = "rateLimit.ipPer10Seconds";

    private final Http http = Http.client();
    private final String admin = Catalogs.adminBearer(http);
    private JsonNode userLimit;
    private JsonNode ipLimit;

    @BeforeEach
    void rememberTheLimits() {
        userLimit = Policies.value(http, admin, USER_LIMIT);
        ipLimit = Policies.value(http, admin, IP_LIMIT);
    }

    @AfterEach
    void putTheLimitsBack() {
        Policies.set(http, admin, USER_LIMIT, userLimit);
        Policies.set(http, admin, IP_LIMIT, ipLimit);
    }

    /** Waits for a window with at least {@code seconds} left, so a burst is counted in one window. */
    private static void awaitWindowWithAtLeast(long seconds) throws InterruptedException {
        long intoWindow = Instant.now().toEpochMilli() % (WINDOW_SECONDS * 1000);
        if (WINDOW_SECONDS * 1000 - intoWindow < seconds * 1000) {
            Thread.sleep(WINDOW_SECONDS * 1000 - intoWindow + 50);
        }
    }

    private static void assertRateLimited(Http.Response answer) {
        Accounts.assertProblem(answer, 429, "RATE_LIMITED");
        long retryAfter = Long.parseLong(answer.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= WINDOW_SECONDS, answer::toString);
        assertTrue(answer.json().get("detail").asText().startsWith("요청이 너무 많습니다."), answer::toString);
    }

    @Test
    void aBurstFromOneUserIsRefusedUntilTheWindowEndsChangingNothingAndOthersAreNotAffected() throws Exception {
        Policies.set(http, admin, USER_LIMIT, 3);
        String scheduleId = Bookings.onSaleSchedule(http, admin);
        Http minjiPhone = Http.client();
        Accounts.Account minji = Accounts.create(minjiPhone);
        Http jihoPhone = Http.client();
        Accounts.Account jiho = Accounts.create(jihoPhone);

        awaitWindowWithAtLeast(6);
        JsonNode held = Bookings.held(minjiPhone, minji, scheduleId, "A-1-1");
        Accounts.assertProblem(Bookings.hold(minjiPhone, minji, scheduleId, "A-1-2"), 409, "HOLD_LIMIT_REACHED");
        Accounts.assertProblem(Bookings.hold(minjiPhone, minji, scheduleId, "A-1-2"), 409, "HOLD_LIMIT_REACHED");
        Http.Response refused = Bookings.hold(minjiPhone, minji, scheduleId, "A-1-3");
        assertRateLimited(refused);
        assertEquals("AVAILABLE", seatStatus(http, scheduleId, "A-1-3"));
        assertEquals("PENDING", seatStatus(http, scheduleId, "A-1-1"));

        // Another buyer on another connection holds the very seat at once.
        Bookings.held(jihoPhone, jiho, scheduleId, "A-1-3");

        // Once the window is over, Minji's requests reach the booking rules again.
        Thread.sleep(Long.parseLong(refused.header("Retry-After")) * 1000 + 200);
        assertEquals(204, minjiPhone.send("DELETE", "/holds/" + held.get("holdId").asText(), null,
                "Authorization", minji.bearer()).status());
        Bookings.held(minjiPhone, minji, scheduleId, "A-1-4");
    }

    @Test
    void manyUsersBehindOneAddressShareItsLimitAndAnotherAddressIsNotAffected() throws Exception {
        Policies.set(http, admin, IP_LIMIT, 3);
        String scheduleId = Bookings.onSaleSchedule(http, admin);
        Http office = Http.client();
        Accounts.Account[] colleagues = new Accounts.Account[4];
        for (int i = 0; i < colleagues.length; i++) {
            colleagues[i] = Accounts.create(office);
        }

        awaitWindowWithAtLeast(6);
        for (int i = 0; i < 3; i++) {
            Bookings.held(office, colleagues[i], scheduleId, "A-1-" + (i + 1));
        }
        assertRateLimited(Bookings.hold(office, colleagues[3], scheduleId, "A-1-4"));
        // Claiming another address in the headers a proxy would set changes nothing: the limit
        // counts the address the connection comes from (API Gateway's sourceIp).
        for (String header : new String[]{"X-Forwarded-For", "X-Real-IP", "Forwarded"}) {
            String claimed = header.equals("Forwarded") ? "for=198.51.100.7" : "198.51.100.7";
            assertRateLimited(office.post("/schedules/" + scheduleId + "/holds", Map.of("seatId", "A-1-4"),
                    "Authorization", colleagues[3].bearer(), header, claimed));
        }
        assertEquals("AVAILABLE", seatStatus(http, scheduleId, "A-1-4"));

        // The same user from another address (a phone off the office Wi-Fi) is not refused.
        Bookings.held(Http.client(), colleagues[3], scheduleId, "A-1-4");
    }

    @Test
    void checkoutAndConfirmAreLimitedEachOnItsOwnCounter() throws Exception {
        Policies.set(http, admin, USER_LIMIT, 1);
        String scheduleId = Bookings.onSaleSchedule(http, admin);
        Http phone = Http.client();
        Accounts.Account buyer = Accounts.create(phone);

        awaitWindowWithAtLeast(6);
        JsonNode held = Bookings.held(phone, buyer, scheduleId, "B-1-1");
        String holdId = held.get("holdId").asText();
        Map<String, Object> card = Map.of("method", "CARD");
        assertEquals(200, phone.post("/holds/" + holdId + "/checkout", card, "Authorization", buyer.bearer()).status());
        assertRateLimited(phone.post("/holds/" + holdId + "/checkout", card, "Authorization", buyer.bearer()));
        // A wrong amount is refused by the payment rules, then the right one by the limit: nothing is paid.
        String paymentKey = Bookings.paymentKey(held);
        Accounts.assertProblem(Bookings.confirm(phone, buyer, held, paymentKey, 1), 400, "AMOUNT_MISMATCH");
        assertRateLimited(Bookings.confirm(phone, buyer, held, paymentKey, held.at("/amount/total").asLong()));
        assertEquals("PENDING", seatStatus(http, scheduleId, "B-1-1"));
        // Toss never saw a confirm: the window's payment is still only opened, nothing charged.
        assertEquals("IN_PROGRESS", LocalService.shared().tossSandbox().session(paymentKey).get("status").asText());
    }
}
