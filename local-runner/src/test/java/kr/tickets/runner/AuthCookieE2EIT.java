package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The refresh token in an {@code HttpOnly} cookie for the browser app, over real HTTP through
 * the local API Gateway: login, rotation with replay detection, logout, the JSON-only bodies
 * that defend against CSRF, and JSON clients unchanged.
 */
class AuthCookieE2EIT {
    private static final Pattern SET_COOKIE = Pattern.compile(
            "refresh_token=([A-Za-z0-9_.-]+); Path=/auth; Max-Age=([0-9]+); HttpOnly; Secure; SameSite=Strict");
    private static final String CLEARED = "refresh_token=; Path=/auth; Max-Age=0; HttpOnly; Secure; SameSite=Strict";

    private final Http http = Http.client();

    /** A browser's login: the access token in the body, the refresh token only in the cookie. */
    private record BrowserLogin(String accessToken, String refreshCookie) {
        String bearer() {
            return "Bearer " + accessToken;
        }
    }

    private BrowserLogin loginWithCookie(Accounts.Account account) {
        Map<String, Object> body = new java.util.HashMap<>(Accounts.login(account.email(), Accounts.PASSWORD));
        body.put("refreshTokenDelivery", "COOKIE");
        Http.Response response = http.post("/auth/login", body);
        assertEquals(200, response.status(), response::toString);
        return new BrowserLogin(response.json().get("accessToken").asText(), cookieOf(response, 1209600));
    }

    /** The refresh token the answer's Set-Cookie carries, after checking every attribute and that the body has none. */
    private static String cookieOf(Http.Response response, long maxAgeAtMost) {
        String setCookie = response.header("Set-Cookie");
        assertNotNull(setCookie, response::toString);
        Matcher m = SET_COOKIE.matcher(setCookie);
        assertTrue(m.matches(), setCookie);
        long maxAge = Long.parseLong(m.group(2));
        assertTrue(maxAge > 0 && maxAge <= maxAgeAtMost, setCookie);
        JsonNode body = response.json();
        assertFalse(body.has("refreshToken"), "a script must never see it: " + body);
        assertEquals(maxAge, body.get("refreshTokenExpiresIn").asLong(), "the cookie lives as long as its token");
        assertEquals("Bearer", body.get("tokenType").asText());
        assertEquals("no-store", response.header("Cache-Control"));
        return m.group(1);
    }

    private Http.Response refresh(String cookie) {
        return http.post("/auth/refresh", Map.of(), "Cookie", "refresh_token=" + cookie);
    }

    @Test
    void loginWithCookieDeliverySetsTheCookieAndKeepsTheTokenOutOfTheBody() {
        Accounts.Account account = Accounts.create(http);
        Map<String, Object> body = new java.util.HashMap<>(Accounts.login(account.email(), Accounts.PASSWORD));
        body.put("refreshTokenDelivery", "COOKIE");
        Http.Response response = http.post("/auth/login", body);
        assertEquals(200, response.status(), response::toString);
        assertEquals("refresh_token=" + cookieOf(response, 1209600)
                + "; Path=/auth; Max-Age=1209600; HttpOnly; Secure; SameSite=Strict", response.header("Set-Cookie"));
        assertEquals(1800, response.json().get("accessTokenExpiresIn").asInt());
        Http.Response me = http.get("/me", "Authorization", "Bearer " + response.json().get("accessToken").asText());
        assertEquals(200, me.status(), me::toString);

        body.put("refreshTokenDelivery", "cookie");
        Http.Response bad = http.post("/auth/login", body);
        assertProblem(bad, 400, "VALIDATION_FAILED");
        assertEquals("refreshTokenDelivery", bad.json().get("fieldErrors").get(0).get("field").asText());
        assertNull(bad.header("Set-Cookie"));
    }

    /** One test, as it waits out the 10-second grace window once. */
    @Test
    void refreshWithTheCookieRotatesItAndAReplayedCookieIsDead() throws InterruptedException {
        Accounts.Account account = Accounts.create(http);
        BrowserLogin login = loginWithCookie(account);
        // After a page reload the app has no access token: {} and the cookie get one.
        Http.Response first = refresh(login.refreshCookie());
        assertEquals(200, first.status(), first::toString);
        String rotated = cookieOf(first, 1209600);
        assertNotEquals(login.refreshCookie(), rotated);
        assertEquals(200, http.get("/me", "Authorization", "Bearer " + first.json().get("accessToken").asText()).status());
        // A second tab refreshing with the same cookie at once gets the same new cookie (grace window).
        Http.Response secondTab = refresh(login.refreshCookie());
        assertEquals(200, secondTab.status(), secondTab::toString);
        assertEquals(rotated, cookieOf(secondTab, 1209600));

        Thread.sleep(11_000);
        assertProblem(refresh(login.refreshCookie()), 401, "INVALID_TOKEN");
        // The replay ended the family: the newer cookie is dead too.
        assertProblem(refresh(rotated), 401, "INVALID_TOKEN");
    }

    @Test
    void logoutWithTheCookieClearsItAndEndsBothTokens() {
        Accounts.Account account = Accounts.create(http);
        BrowserLogin login = loginWithCookie(account);
        Http.Response out = http.post("/auth/logout", Map.of(), "Authorization", login.bearer(),
                "Cookie", "theme=dark; refresh_token=" + login.refreshCookie());
        assertEquals(204, out.status(), out::toString);
        assertEquals(CLEARED, out.header("Set-Cookie"));
        assertProblem(refresh(login.refreshCookie()), 401, "INVALID_TOKEN");
        assertProblem(http.get("/me", "Authorization", login.bearer()), 401, "UNAUTHENTICATED");
    }

    @Test
    void aCookieFromAnotherUsersLogoutIsDeadAndCannotEndSomeoneElsesSession() {
        Accounts.Account alice = Accounts.create(http);
        Accounts.Account bob = Accounts.create(http);
        BrowserLogin aliceLogin = loginWithCookie(alice);
        BrowserLogin bobLogin = loginWithCookie(bob);
        // Bob's bearer with Alice's cookie: refused, and nothing of Alice's is revoked.
        Http.Response crossed = http.post("/auth/logout", Map.of(), "Authorization", bobLogin.bearer(),
                "Cookie", "refresh_token=" + aliceLogin.refreshCookie());
        assertProblem(crossed, 401, "INVALID_TOKEN");
        assertNull(crossed.header("Set-Cookie"));
        assertEquals(200, http.get("/me", "Authorization", bobLogin.bearer()).status());
        // Bob logs out properly: his cookie is dead for anyone who copied it.
        assertEquals(204, http.post("/auth/logout", Map.of(), "Authorization", bobLogin.bearer(),
                "Cookie", "refresh_token=" + bobLogin.refreshCookie()).status());
        assertProblem(refresh(bobLogin.refreshCookie()), 401, "INVALID_TOKEN");
        Http.Response alices = refresh(aliceLogin.refreshCookie());
        assertEquals(200, alices.status(), alices::toString);
        cookieOf(alices, 1209600);
    }

    @Test
    void aFormOrTextBodyWithTheCookieIsRefusedAndRotatesNothing() throws InterruptedException {
        Accounts.Account account = Accounts.create(http);
        BrowserLogin login = loginWithCookie(account);
        String cookie = "refresh_token=" + login.refreshCookie();
        // What a cross-site form can send: not JSON.
        for (String type : new String[]{"application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"}) {
            Http.Response refused = http.post("/auth/refresh", "a=b", "Content-Type", type, "Cookie", cookie);
            assertProblem(refused, 415, "UNSUPPORTED_MEDIA_TYPE");
            assertNull(refused.header("Set-Cookie"));
            assertProblem(http.post("/auth/logout", "a=b", "Content-Type", type, "Cookie", cookie,
                    "Authorization", login.bearer()), 415, "UNSUPPORTED_MEDIA_TYPE");
        }
        assertProblem(http.post("/auth/refresh", null, "Cookie", cookie), 400, "MALFORMED_JSON");
        assertEquals(200, http.get("/me", "Authorization", login.bearer()).status(), "logout did nothing");
        // Had a refused call rotated the token, this refresh would be a grace replay of that
        // rotation, issued in its second; a real rotation is issued now.
        Thread.sleep(1100);
        long notBefore = Instant.now().getEpochSecond();
        Http.Response real = refresh(login.refreshCookie());
        assertEquals(200, real.status(), real::toString);
        assertTrue(issuedAt(cookieOf(real, 1209600)) >= notBefore, "rotated by this call, not before");
    }

    @Test
    void jsonClientsAreUnchangedAndTheBodyWinsOverTheCookie() {
        Accounts.Account account = Accounts.create(http);
        Http.Response login = http.post("/auth/login", Accounts.login(account.email(), Accounts.PASSWORD));
        assertEquals(200, login.status());
        assertNull(login.header("Set-Cookie"));
        String refreshToken = login.json().get("refreshToken").asText();
        assertEquals(3, refreshToken.split("\\.").length);
        Http.Response explicit = http.post("/auth/login", Map.of("email", account.email(), "password", Accounts.PASSWORD,
                "refreshTokenDelivery", "BODY"));
        assertNull(explicit.header("Set-Cookie"));
        assertTrue(explicit.json().has("refreshToken"));
        // null counts as absent, as for every field of this API.
        Map<String, Object> nullDelivery = new java.util.HashMap<>(Accounts.login(account.email(), Accounts.PASSWORD));
        nullDelivery.put("refreshTokenDelivery", null);
        Http.Response absent = http.post("/auth/login", nullDelivery);
        assertEquals(200, absent.status(), absent::toString);
        assertNull(absent.header("Set-Cookie"));
        assertTrue(absent.json().has("refreshToken"));
        // A stale cookie beside a body token: the body's token is used, the answer stays JSON-only.
        Http.Response refreshed = http.post("/auth/refresh", Map.of("refreshToken", refreshToken),
                "Cookie", "refresh_token=stale.cookie.value");
        assertEquals(200, refreshed.status(), refreshed::toString);
        assertNull(refreshed.header("Set-Cookie"));
        assertNotEquals(refreshToken, refreshed.json().get("refreshToken").asText());
        Http.Response out = http.post("/auth/logout", Map.of("refreshToken", refreshed.json().get("refreshToken").asText()),
                "Authorization", "Bearer " + refreshed.json().get("accessToken").asText(),
                "Cookie", "refresh_token=stale.cookie.value");
        assertEquals(204, out.status(), out::toString);
        assertNull(out.header("Set-Cookie"));
    }

    @Test
    void cookiesAreReadRobustlyAndBadOnesAreClearErrors() {
        Accounts.Account account = Accounts.create(http);
        BrowserLogin login = loginWithCookie(account);
        Http.Response quoted = http.post("/auth/refresh", Map.of(),
                "Cookie", "a=1; b=\"two\"; refresh_token=\"" + login.refreshCookie() + "\"; c=3");
        assertEquals(200, quoted.status(), quoted::toString);
        cookieOf(quoted, 1209600);

        Http.Response oversize = http.post("/auth/refresh", Map.of(), "Cookie", "refresh_token=" + "x".repeat(5000));
        assertProblem(oversize, 400, "VALIDATION_FAILED");
        assertEquals("refreshToken", oversize.json().get("fieldErrors").get(0).get("field").asText());
        Http.Response neither = http.post("/auth/refresh", Map.of(), "Cookie", "theme=dark");
        assertProblem(neither, 400, "VALIDATION_FAILED");
        assertEquals("refreshToken", neither.json().get("fieldErrors").get(0).get("field").asText());
        assertProblem(http.post("/auth/refresh", Map.of(), "Cookie", "refresh_token=abc.def.ghi"), 401, "INVALID_TOKEN");
        assertProblem(http.post("/auth/logout", Map.of(), "Cookie", "refresh_token=" + login.refreshCookie()), 401,
                "UNAUTHENTICATED");
    }

    private static long issuedAt(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        try {
            return Http.JSON.readTree(payload).get("iat").asLong();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
