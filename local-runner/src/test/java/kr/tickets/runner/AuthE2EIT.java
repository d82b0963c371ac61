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
import kr.tickets.auth.AuthTableKeys;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.LocalStack;
import kr.tickets.users.UsersTableKeys;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Login, refresh rotation and its grace window, logout, throttling, role changes and token checks over real HTTP. */
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
    void anAttackersFailuresThrottleTheAttackerNotTheOwner() {
        Accounts.Account account = Accounts.create(http);
        Http attacker = Http.client();
        for (int i = 0; i < 5; i++) {
            assertProblem(attacker.post("/auth/login", Accounts.login(account.email(), "Wrong!pass" + i)), 401,
                    "INVALID_CREDENTIALS");
        }
        // The attacker's address is throttled for this account, even with the right password ...
        Http.Response locked = attacker.post("/auth/login", Accounts.login(account.email(), Accounts.PASSWORD));
        assertProblem(locked, 429, "TOO_MANY_REQUESTS");
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter > 800 && retryAfter <= 900, "Retry-After " + retryAfter);
        // ... while the owner, from another address, logs in at the same time.
        Http owner = Http.client();
        assertNotEquals(attacker.sourceAddress(), owner.sourceAddress());
        Http.Response ownerLogin = owner.post("/auth/login", Accounts.login(account.email(), Accounts.PASSWORD));
        assertEquals(200, ownerLogin.status(), ownerLogin::toString);
        assertProblem(attacker.post("/auth/login", Accounts.login(account.email(), Accounts.PASSWORD)), 429,
                "TOO_MANY_REQUESTS");
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
    void twoTabsRefreshingWithOneTokenWithinTheGraceWindowBothGetTheNewPair() {
        Accounts.Account account = Accounts.create(http);
        Http.Response tabOne = http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken()));
        Http.Response tabTwo = http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken()));
        assertEquals(200, tabOne.status(), tabOne::toString);
        assertEquals(200, tabTwo.status(), tabTwo::toString);
        assertEquals(tabOne.json().get("refreshToken"), tabTwo.json().get("refreshToken"));
        assertEquals(tabOne.json().get("accessToken"), tabTwo.json().get("accessToken"));
        assertNotEquals(account.refreshToken(), tabOne.json().get("refreshToken").asText());
        assertEquals(200, http.get("/me", "Authorization", "Bearer " + tabTwo.json().get("accessToken").asText())
                .status());
    }

    /** One test, as it waits out the 10-second grace window once for all its checks. */
    @Test
    void afterTheGraceWindowAReplayedRefreshTokenRevokesTheWholeFamily() throws InterruptedException {
        Accounts.Account account = Accounts.create(http);
        Accounts.Account other = Accounts.create(http);
        JsonNode second = http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken())).json();
        assertNotEquals(account.refreshToken(), second.get("refreshToken").asText());
        JsonNode otherSecond = http.post("/auth/refresh", Map.of("refreshToken", other.refreshToken())).json();
        Thread.sleep(11_000);
        assertProblem(http.post("/auth/refresh", Map.of("refreshToken", account.refreshToken())), 401, "INVALID_TOKEN");
        // The thief's replay also ends the legitimate holder's newer tokens.
        assertProblem(http.post("/auth/refresh", Map.of("refreshToken", second.get("refreshToken").asText())), 401,
                "INVALID_TOKEN");
        assertProblem(http.get("/me", "Authorization", "Bearer " + second.get("accessToken").asText()), 401,
                "UNAUTHENTICATED");
        // Waiting alone revokes nothing: the other session's newest token still rotates.
        assertEquals(200, http.post("/auth/refresh", Map.of("refreshToken", otherSecond.get("refreshToken").asText()))
                .status());
    }

    @Test
    void aRoleChangeCountsAtTheNextRequestWithTheSameAccessToken() {
        Accounts.Account account = Accounts.create(http);
        assertProblem(http.get("/admin/policies", "Authorization", account.bearer()), 403, "FORBIDDEN");
        // Promoted by the admin bootstrap, which needs the account's own password.
        LocalService.shared().function("UsersFunction").callStatic("kr.tickets.users.AdminBootstrap", "ensure",
                LocalService.shared().stack().functionEnvironments().get("UsersFunction"), account.email(),
                Accounts.PASSWORD, "관리자", account.phone());
        Http.Response asAdmin = http.get("/admin/policies", "Authorization", account.bearer());
        assertEquals(200, asAdmin.status(), asAdmin::toString);
        // No API demotes yet: the role is changed in the tables, as the repository writes it.
        setRole(account.userId(), "USER");
        assertProblem(http.get("/admin/policies", "Authorization", account.bearer()), 403, "FORBIDDEN");
        assertEquals(200, http.get("/me", "Authorization", account.bearer()).status());
    }

    private static void setRole(String userId, String role) {
        LocalStack stack = LocalService.shared().stack();
        DynamoDbClient dynamo = AwsLocal.dynamo(stack.endpoint());
        dynamo.updateItem(r -> r.tableName(stack.resources().physicalId("UsersTable"))
                .key(UsersTableKeys.user(userId))
                .updateExpression("SET #role = :role").expressionAttributeNames(Map.of("#role", "role"))
                .expressionAttributeValues(Map.of(":role", AttributeValue.fromS(role))));
        dynamo.updateItem(r -> r.tableName(stack.resources().physicalId("AuthTable"))
                .key(AuthTableKeys.role(userId))
                .updateExpression("SET #role = :role").expressionAttributeNames(Map.of("#role", "role"))
                .expressionAttributeValues(Map.of(":role", AttributeValue.fromS(role))));
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
