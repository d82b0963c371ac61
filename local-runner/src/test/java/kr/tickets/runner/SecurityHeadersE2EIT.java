package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cache-Control on token and account answers, nosniff on every answer, over real HTTP. */
class SecurityHeadersE2EIT {
    private final Http http = Http.client();

    private static void nosniff(Http.Response response) {
        assertEquals("nosniff", response.header("X-Content-Type-Options"), response::toString);
    }

    private static void noStore(Http.Response response) {
        assertEquals("no-store", response.header("Cache-Control"), response::toString);
        nosniff(response);
    }

    @Test
    void tokenAndAccountAnswersAreNotStored() {
        String email = Accounts.email();
        Http.Response signup = http.post("/auth/signup", Accounts.signup(email, Accounts.phone()));
        assertEquals(201, signup.status(), signup::toString);
        noStore(signup);
        Http.Response login = http.post("/auth/login", Accounts.login(email, Accounts.PASSWORD));
        assertEquals(200, login.status(), login::toString);
        noStore(login);
        String bearer = "Bearer " + login.json().get("accessToken").asText();
        Http.Response refresh = http.post("/auth/refresh",
                Map.of("refreshToken", login.json().get("refreshToken").asText()));
        assertEquals(200, refresh.status(), refresh::toString);
        noStore(refresh);
        Http.Response me = http.get("/me", "Authorization", bearer);
        assertEquals(200, me.status(), me::toString);
        noStore(me);
        Http.Response patched = http.patch("/me", Map.of("name", "김서연"), "Authorization", bearer);
        assertEquals(200, patched.status(), patched::toString);
        noStore(patched);
        // Errors of these routes too.
        Http.Response wrong = http.post("/auth/login", Accounts.login(email, "Wrong!pass1"));
        assertProblem(wrong, 401, "INVALID_CREDENTIALS");
        noStore(wrong);
    }

    @Test
    void everyAnswerCarriesNosniffIncludingErrorsAndTheGatewaysOwn() {
        Http.Response health = http.get("/health");
        assertEquals(200, health.status(), health::toString);
        nosniff(health);
        Http.Response list = http.get("/performances?size=1");
        assertEquals(200, list.status(), list::toString);
        nosniff(list);
        // Public catalog reads may be cached; only the users function says no-store.
        assertFalse(String.valueOf(list.header("Cache-Control")).contains("no-store"), list::toString);
        Http.Response unauthenticated = http.get("/me");
        assertProblem(unauthenticated, 401, "UNAUTHENTICATED");
        nosniff(unauthenticated);
        Http.Response badCursor = http.get("/performances?cursor=forged");
        assertProblem(badCursor, 400, "VALIDATION_FAILED");
        nosniff(badCursor);
        Http.Response noRoute = http.get("/no-such-route");
        assertProblem(noRoute, 404, "NOT_FOUND");
        nosniff(noRoute);
        Http.Response wrongMethod = http.send("DELETE", "/health", null);
        assertProblem(wrongMethod, 405, "METHOD_NOT_ALLOWED");
        nosniff(wrongMethod);
    }
}
