package kr.tickets.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import kr.tickets.common.ApiException;
import kr.tickets.common.JsonRequest;
import org.junit.jupiter.api.Test;

/** The refresh cookie's attributes, reading it from Cookie headers, and which token a request presents. */
class RefreshCookieTest {
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2lnbmF0dXJl-_";

    @Test
    void issuedCookieCarriesEveryAttributeAndTheTokensLifetime() {
        assertEquals("refresh_token=" + TOKEN + "; Path=/auth; Max-Age=1209600; HttpOnly; Secure; SameSite=Strict",
                RefreshCookie.issue(TOKEN, TokenPolicy.REFRESH_TTL.toSeconds()));
        assertEquals("refresh_token=" + TOKEN + "; Path=/auth; Max-Age=61; HttpOnly; Secure; SameSite=Strict",
                RefreshCookie.issue(TOKEN, 61));
    }

    @Test
    void clearingExpiresTheSameCookie() {
        assertEquals("refresh_token=; Path=/auth; Max-Age=0; HttpOnly; Secure; SameSite=Strict", RefreshCookie.clear());
    }

    @Test
    void refusesToIssueWhatIsNotACookieValueOrAlreadyExpired() {
        for (String bad : new String[]{"", "a;b", "a b", "a,b", "\"a\"", "a\\b", "한글", null, "x".repeat(4097)}) {
            assertThrows(IllegalArgumentException.class, () -> RefreshCookie.issue(bad, 60), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> RefreshCookie.issue(TOKEN, 0));
    }

    @Test
    void issuesExactlyTheVisibleAsciiCookieOctetsUpToTheLengthLimitForAtLeastOneSecond() {
        // 0x21 and 0x7e are the first and last visible characters; 0x20 (space) and 0x7f (DEL) are not.
        for (String edge : new String[]{"!", "~", "a!b~c", "x".repeat(RefreshCookie.MAX_VALUE_LENGTH)}) {
            assertEquals("refresh_token=" + edge + "; Path=/auth; Max-Age=1; HttpOnly; Secure; SameSite=Strict",
                    RefreshCookie.issue(edge, 1), edge);
        }
        for (String bad : new String[]{" ", "a\u0020b", "\u007f", "a\u007fb", "\u001f", "\u0080",
                "x".repeat(RefreshCookie.MAX_VALUE_LENGTH + 1)}) {
            assertThrows(IllegalArgumentException.class, () -> RefreshCookie.issue(bad, 1), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> RefreshCookie.issue(TOKEN, -1));
    }

    @Test
    void onlyAValueOfAtLeastTwoCharactersInQuotesIsUnquoted() {
        // Two characters: the empty quoted value, which is no token at all.
        assertEquals(Optional.empty(), RefreshCookie.read(List.of("refresh_token=\"\"")));
        assertEquals(Optional.of("a"), RefreshCookie.read(List.of("refresh_token=\"a\"")));
        // One quote alone is not a quoted value: it is passed on as it is (and no token matches it).
        assertEquals(Optional.of("\""), RefreshCookie.read(List.of("refresh_token=\"")));
        assertEquals(Optional.of("\"a"), RefreshCookie.read(List.of("refresh_token=\"a")));
        // A value starting with '=' has an empty name, never the cookie's.
        assertEquals(Optional.empty(), RefreshCookie.read(List.of("=refresh_token=" + TOKEN)));
    }

    @Test
    void theLengthLimitAppliesToTheUnquotedValue() {
        String max = "x".repeat(RefreshCookie.MAX_VALUE_LENGTH);
        assertEquals(Optional.of(max), RefreshCookie.read(List.of("refresh_token=\"" + max + "\"")));
        assertThrows(ApiException.class, () -> RefreshCookie.read(List.of("refresh_token=\"" + max + "x\"")));
    }

    @Test
    void readsTheCookieAmongOthersAcrossHeadersQuotedOrNot() {
        assertEquals(Optional.of(TOKEN), RefreshCookie.read(List.of("refresh_token=" + TOKEN)));
        assertEquals(Optional.of(TOKEN), RefreshCookie.read(List.of("theme=dark; refresh_token=" + TOKEN + "; lang=ko")));
        assertEquals(Optional.of(TOKEN), RefreshCookie.read(List.of("theme=dark", "lang=ko;refresh_token=" + TOKEN)));
        assertEquals(Optional.of(TOKEN), RefreshCookie.read(List.of("refresh_token=\"" + TOKEN + "\"")));
        assertEquals(Optional.of(TOKEN), RefreshCookie.read(List.of("  refresh_token = " + TOKEN + " ;")));
        assertEquals(Optional.of("first"), RefreshCookie.read(List.of("refresh_token=first; refresh_token=second")));
        // Names are case-sensitive and must match whole.
        assertEquals(Optional.empty(), RefreshCookie.read(List.of("Refresh_Token=" + TOKEN + "; xrefresh_token=" + TOKEN)));
        assertEquals(Optional.empty(), RefreshCookie.read(List.of("refresh_token=; other=1")));
        assertEquals(Optional.empty(), RefreshCookie.read(List.of("refresh_token", "garbage;;=;")));
        assertEquals(Optional.empty(), RefreshCookie.read(Arrays.asList(null, "")));
        assertEquals(Optional.empty(), RefreshCookie.read(null));
    }

    @Test
    void anOversizeCookieIsAValidationErrorOnRefreshToken() {
        ApiException e = assertThrows(ApiException.class,
                () -> RefreshCookie.read(List.of("refresh_token=" + "x".repeat(4097))));
        assertEquals(400, e.status());
        assertEquals("VALIDATION_FAILED", e.code());
        assertEquals("refreshToken", e.fieldErrors().get(0).field());
        assertEquals(Optional.of("x".repeat(4096)), RefreshCookie.read(List.of("refresh_token=" + "x".repeat(4096))));
    }

    @Test
    void theBodyWinsOverTheCookieAndTheCookieIsTheFallback() {
        List<String> cookie = List.of("refresh_token=" + TOKEN);
        JsonRequest both = JsonRequest.parse("{\"refreshToken\":\"from-body\"}", "application/json");
        assertEquals(new PresentedRefreshToken("from-body", RefreshTokenDelivery.BODY),
                PresentedRefreshToken.from(both, cookie));
        JsonRequest empty = JsonRequest.parse("{}", "application/json");
        assertEquals(new PresentedRefreshToken(TOKEN, RefreshTokenDelivery.COOKIE), PresentedRefreshToken.from(empty, cookie));
        assertEquals(List.of(), empty.errors());
    }

    @Test
    void neitherOrABadBodyFieldIsAValidationErrorOnRefreshToken() {
        JsonRequest neither = JsonRequest.parse("{}", "application/json");
        assertNull(PresentedRefreshToken.from(neither, List.of("other=1")));
        assertEquals("refreshToken", neither.errors().get(0).field());
        ApiException e = assertThrows(ApiException.class, neither::throwIfInvalid);
        assertEquals("VALIDATION_FAILED", e.code());
        // A body field that is there but unusable is the body's error, not a reason to use the cookie.
        JsonRequest number = JsonRequest.parse("{\"refreshToken\":42}", "application/json");
        assertNull(PresentedRefreshToken.from(number, List.of("refresh_token=" + TOKEN)));
        assertEquals("refreshToken", number.errors().get(0).field());
    }

    @Test
    void deliveryIsBodyUnlessTheLoginAsksForTheCookie() {
        assertEquals(RefreshTokenDelivery.BODY, RefreshTokenDelivery.from(JsonRequest.parse("{}", "application/json")));
        assertEquals(RefreshTokenDelivery.COOKIE, RefreshTokenDelivery.from(
                JsonRequest.parse("{\"refreshTokenDelivery\":\"COOKIE\"}", "application/json")));
        assertEquals(RefreshTokenDelivery.BODY, RefreshTokenDelivery.from(
                JsonRequest.parse("{\"refreshTokenDelivery\":\"BODY\"}", "application/json")));
        for (String bad : new String[]{"\"cookie\"", "\"BOTH\"", "1", "\"\""}) {
            JsonRequest body = JsonRequest.parse("{\"refreshTokenDelivery\":" + bad + "}", "application/json");
            // The error fails the request; the answer stays a delivery, never null.
            assertEquals(RefreshTokenDelivery.BODY, RefreshTokenDelivery.from(body), bad);
            assertEquals("refreshTokenDelivery", body.errors().get(0).field(), bad);
        }
    }
}
