package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.LocalStack;
import org.junit.jupiter.api.Test;

/** Login, refresh rotation, logout, throttling and token checks over real HTTP. */
class AuthE2EIT {
    private final Http http = Http.client();

    @Test
    void loginIssuesABearerPairWithTheContractLifetimes() {
        Accounts.Account account = Accounts.create(http);
        JsonNode tokens = http.post("/auth/login", Accounts.login(account.email(), Accounts.PASSWORD)).json();
        assertEquals("Bearer", tokens.get("tokenType").asText());
        assertEquals(1800, tokens.get("accessTokenExpiresIn").asInt());
        assertEquals(1209600, tokens.get("refreshTokenExpiresIn").asInt());
        assertEquals(3, tokens.get("accessToken").asText().split("\\.").length);
        Http.Response me = http.get("/me", "Authorization", account.bearer());
        assertEquals(200, me.status(), me::toString);
        assertEquals(account.userId(), me.json().get("userId").asText());
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        Accounts.Account account = Accounts.create(http);
        Http.Response wrongPassword = http.post("/auth/login", Accounts.login(account.email(), "Wrong!pass1"));
        Http.Response unknown = http.post("/auth/login", Accounts.login(Accounts.email(), "Wrong!pass1"));
        assertProblem(wrongPassword, 401, "INVALID_CREDENTIALS");
        assertProblem(unknown, 401, "INVALID_CREDENTIALS");
        assertEquals(wrongPassword.json().get("detail"), unknown.json().get("detail"));
    }

    @Test
    void loginWithMissingFieldsIsAValidationError() {
        Http.Response response = http.post("/auth/login", Map.of("email", "a@b.co"));
        assertProblem(response, 400, "VALIDATION_FAILED");
        assertEquals("password", response.json().get("fieldErrors").get(0).get("field").asText());
        assertProblem(http.post("/auth/login", "not json"), 400, "MALFORMED_JSON");
    }

    @Test
    void repeatedFailuresLockTheAccountWithRetryAfter() {
        Accounts.Account account = Accounts.create(http);
        for (int i = 0; i < 5; i++) {
            assertProblem(new Http(LocalService.shared().baseUrl())
                    .post("/auth/login", Accounts.login(account.email(), "Wrong!pass" + i)), 401, "INVALID_CREDENTIALS");
        }
        // Locked for every client, even with the right password.
        Http.Response locked = http.post("/auth/login", Accounts.login(account.email(), Accounts.PASSWORD));
        assertProblem(locked, 429, "TOO_MANY_REQUESTS");
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter > 800 && retryAfter <= 900, "Retry-After " + retryAfter);
    }

    @Test
    void oneClientSprayingManyAccountsIsThrottled() {
        Http sprayer = Http.client();
        for (int i = 0; i < 20; i++) {
            assertProblem(sprayer.post("/auth/login", Accounts.login(Accounts.email(), "Guess!pass1")), 401,
                    "INVALID_CREDENTIALS");
        }
        Accounts.Account victim = Accounts.create(http);
        assertProblem(sprayer.post("/auth/login", Accounts.login(victim.email(), Accounts.PASSWORD)), 429,
                "TOO_MANY_REQUESTS");
        // Other clients are not affected.
        assertEquals(200, http.post("/auth/login", Accounts.login(victim.email(), Accounts.PASSWORD)).status());
    }

    @Test
    void refreshRotatesAndTheOldRefreshTokenStopsWorking() {
        Accounts.Account account = Accounts.create(http);
        Http.Response rotated = http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken()));
        assertEquals(200, rotated.status(), rotated::toString);
        String newRefresh = rotated.json().get("refreshToken").asText();
        assertNotEquals(account.refreshToken(), newRefresh);
        assertEquals(200, http.get("/me", "Authorization", "Bearer " + rotated.json().get("accessToken").asText())
                .status());
        assertProblem(http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken())), 401, "INVALID_TOKEN");
    }

    @Test
    void replayingARotatedRefreshTokenRevokesTheWholeFamily() {
        Accounts.Account account = Accounts.create(http);
        JsonNode second = http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken())).json();
        assertProblem(http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken())), 401, "INVALID_TOKEN");
        // The thief's replay also ends the legitimate holder's newer tokens.
        assertProblem(http.post("/auth/refresh", Map.of("refreshToken", second.get("refreshToken").asText())), 401,
                "INVALID_TOKEN");
        assertProblem(http.get("/me", "Authorization", "Bearer " + second.get("accessToken").asText()), 401,
                "UNAUTHENTICATED");
    }

    @Test
    void refreshRejectsAccessTokensAndGarbage() {
        Accounts.Account account = Accounts.create(http);
        assertProblem(http.post("/auth/refresh", Map.of("refreshToken", account.accessToken())), 401, "INVALID_TOKEN");
        assertProblem(http.post("/auth/refresh", Map.of("refreshToken", "abc.def.ghi")), 401, "INVALID_TOKEN");
        assertProblem(http.post("/auth/refresh", Map.of()), 400, "VALIDATION_FAILED");
    }

    @Test
    void logoutEndsBothTokens() {
        Accounts.Account account = Accounts.create(http);
        Http.Response out = http.post("/auth/logout", Map.of("refreshToken", account.refreshToken()),
                "Authorization", account.bearer());
        assertEquals(204, out.status(), out::toString);
        assertProblem(http.get("/me", "Authorization", account.bearer()), 401, "UNAUTHENTICATED");
        assertProblem(http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken())), 401, "INVALID_TOKEN");
    }

    @Test
    void logoutNeedsTheCallersOwnTokens() {
        Accounts.Account account = Accounts.create(http);
        Accounts.Account other = Accounts.create(http);
        assertProblem(http.post("/auth/logout", Map.of("refreshToken", account.refreshToken())), 401, "UNAUTHENTICATED");
        assertProblem(http.post("/auth/logout", Map.of("refreshToken", other.refreshToken()),
                "Authorization", account.bearer()), 401, "INVALID_TOKEN");
        // Nothing was revoked by the refused attempts.
        assertEquals(200, http.post("/auth/refresh", Map.of("refreshToken", other.refreshToken())).status());
    }

    @Test
    void meRejectsMissingMalformedForeignUnsignedAndExpiredTokens() {
        Accounts.Account account = Accounts.create(http);
        assertProblem(http.get("/me"), 401, "UNAUTHENTICATED");
        assertProblem(http.get("/me", "Authorization", account.accessToken()), 401, "UNAUTHENTICATED");
        assertProblem(http.get("/me", "Authorization", "Bearer not-a-token"), 401, "UNAUTHENTICATED");
        String[] parts = account.accessToken().split("\\.");
        String unsigned = b64("{\"alg\":\"none\"}") + "." + parts[1] + ".";
        assertProblem(http.get("/me", "Authorization", "Bearer " + unsigned), 401, "UNAUTHENTICATED");
        SecretKey foreign = Keys.hmacShaKeyFor("another-key-another-key-another-key-0123".getBytes(StandardCharsets.UTF_8));
        assertProblem(http.get("/me", "Authorization", "Bearer " + forge(account, foreign, Instant.now())), 401,
                "UNAUTHENTICATED");
        Instant halfAnHourAgo = Instant.now().minusSeconds(31 * 60);
        assertProblem(http.get("/me", "Authorization", "Bearer " + forge(account, realKey(), halfAnHourAgo)), 401,
                "UNAUTHENTICATED");
        // The same forgery with the real key and a current time is accepted: the checks above are specific.
        assertEquals(200, http.get("/me", "Authorization", "Bearer " + forge(account, realKey(), Instant.now()))
                .status());
    }

    private static String forge(Accounts.Account account, SecretKey key, Instant issuedAt) {
        String family = Http.JSON.convertValue(decode(account.accessToken().split("\\.")[1]), JsonNode.class)
                .get("fid").asText();
        return Jwts.builder().issuer("tickets").subject(account.userId()).id(UUID.randomUUID().toString())
                .claim("typ", "access").claim("fid", family).claim("role", "USER")
                .issuedAt(Date.from(issuedAt)).expiration(Date.from(issuedAt.plusSeconds(1800)))
                .signWith(key, Jwts.SIG.HS256).compact();
    }

    private static SecretKey realKey() {
        LocalStack stack = LocalService.shared().stack();
        String secret = AwsLocal.secrets(stack.endpoint()).getSecretValue(r -> r.secretId(
                stack.resources().physicalId("JwtSigningSecret"))).secretString();
        return Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode decode(String part) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
