package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-address rate limit behind CloudFront, through the local gateway: API Gateway's
 * sourceIp is then an edge server's, so the limit counts CloudFront-Viewer-Address, but only on
 * requests carrying the origin secret CloudFront adds (X-Origin-Verify; the test plays
 * CloudFront by sending it). A viewer address forged by a client without the secret is ignored.
 */
class CloudFrontViewerAddressE2EIT {
    private static final long WINDOW_SECONDS = 10;
    private static final String IP_LIMIT = "rateLimit.ipPer10Seconds";

    private final Http http = Http.client();
    private final String admin = Catalogs.adminBearer(http);
    private JsonNode ipLimit;

    @BeforeEach
    void lowerTheAddressLimit() {
        ipLimit = Policies.value(http, admin, IP_LIMIT);
        Policies.set(http, admin, IP_LIMIT, 3);
    }

    @AfterEach
    void putTheLimitBack() {
        Policies.set(http, admin, IP_LIMIT, ipLimit);
    }

    private static void awaitWindowWithAtLeast(long seconds) throws InterruptedException {
        long intoWindow = Instant.now().toEpochMilli() % (WINDOW_SECONDS * 1000);
        if (WINDOW_SECONDS * 1000 - intoWindow < seconds * 1000) {
            Thread.sleep(WINDOW_SECONDS * 1000 - intoWindow + 50);
        }
    }

    private static Http.Response hold(Http edge, Accounts.Account user, String scheduleId, String seatId,
                                      String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = user.bearer();
        System.arraycopy(headers, 0, all, 2, headers.length);
        return edge.post("/schedules/" + scheduleId + "/holds", java.util.Map.of("seatId", seatId), all);
    }

    private static Accounts.Account[] accounts(Http http, int n) {
        Accounts.Account[] out = new Accounts.Account[n];
        for (int i = 0; i < n; i++) {
            out[i] = Accounts.create(http);
        }
        return out;
    }

    @Test
    void aForgedViewerAddressWithoutTheOriginSecretIsIgnored() throws Exception {
        String scheduleId = Bookings.onSaleSchedule(http, admin);
        Http client = Http.client();
        Accounts.Account[] users = accounts(client, 4);
        awaitWindowWithAtLeast(6);
        String[][] forged = {
                {"CloudFront-Viewer-Address", "198.51.100.1:1000"},
                {"CloudFront-Viewer-Address", "198.51.100.2:1000", "X-Origin-Verify", "guess"},
                {"CloudFront-Viewer-Address", "[2001:db8::3]:1000", "X-Origin-Verify", ""}};
        for (int i = 0; i < 3; i++) {
            assertEquals(201, hold(client, users[i], scheduleId, "A-1-" + (i + 1), forged[i]).status());
        }
        // Three holds counted against the client's own address: the fourth is refused, whatever it claims.
        Accounts.assertProblem(hold(client, users[3], scheduleId, "A-1-4", "CloudFront-Viewer-Address",
                "198.51.100.4:1000", "X-Origin-Verify", LocalService.ORIGIN_VERIFY_SECRET + "x"), 429, "RATE_LIMITED");
        assertEquals("AVAILABLE", Bookings.seatStatus(http, scheduleId, "A-1-4"));
    }

    @Test
    void withTheOriginSecretEachViewerIsCountedOnItsOwnAddress() throws Exception {
        String scheduleId = Bookings.onSaleSchedule(http, admin);
        // One edge server (one source address) forwards every viewer's request.
        Http edge = Http.client();
        Accounts.Account[] distinct = accounts(edge, 4);
        Accounts.Account[] household = accounts(edge, 4);
        String secret = LocalService.ORIGIN_VERIFY_SECRET;
        awaitWindowWithAtLeast(7);
        // IPv6 viewers in different /64 networks are different clients.
        String[] viewers = {"198.51.100.11:5001", "198.51.100.12:5002", "[2001:db8:0:13::1]:5003", "2001:db8:0:14::1:5004"};
        for (int i = 0; i < 4; i++) {
            Http.Response held = hold(edge, distinct[i], scheduleId, "A-1-" + (i + 1),
                    "CloudFront-Viewer-Address", viewers[i], "X-Origin-Verify", secret);
            assertEquals(201, held.status(), viewers[i] + ": " + held);
        }
        // One household's /64, spelled as CloudFront may (bracketed or not, any port) and from four of
        // its addresses: one counter, so a subscriber cannot spread attempts over its own network.
        String[] sameViewer = {"[2001:db8:0:99::1]:4001", "2001:db8:0:99::2:4002", "[2001:db8:0:99:0:0:0:3]:4003",
                "[2001:db8:0:99:ffff::4]:4004"};
        for (int i = 0; i < 3; i++) {
            assertEquals(201, hold(edge, household[i], scheduleId, "A-2-" + (i + 1),
                    "CloudFront-Viewer-Address", sameViewer[i], "X-Origin-Verify", secret).status());
        }
        Accounts.assertProblem(hold(edge, household[3], scheduleId, "A-2-4",
                "CloudFront-Viewer-Address", sameViewer[3], "X-Origin-Verify", secret), 429, "RATE_LIMITED");
    }
}
