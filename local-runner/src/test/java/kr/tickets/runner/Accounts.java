package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Fresh accounts for end-to-end tests, and the problem+json assertion they all use. */
final class Accounts {
    static final String PASSWORD = "s3cret!pass";
    /** Phone numbers are unique per account: a counter from a random start over all 10^8 numbers. */
    private static final AtomicInteger PHONES = new AtomicInteger(1 + (int) (Math.random() * 50_000_000));

    private Accounts() {
    }

    static String email() {
        return "u-" + UUID.randomUUID() + "@example.com";
    }

    static String phone() {
        int n = PHONES.incrementAndGet();
        return String.format("010-%04d-%04d", n / 10_000, n % 10_000);
    }

    static Map<String, Object> signup(String email, String phone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "김민지");
        body.put("email", email);
        body.put("password", PASSWORD);
        body.put("phone", phone);
        return body;
    }

    static Map<String, Object> login(String email, String password) {
        return Map.of("email", email, "password", password);
    }

    /** Signs up a new user and logs in. */
    static Account create(Http http) {
        String email = email();
        String phone = phone();
        Http.Response created = http.post("/auth/signup", signup(email, phone));
        assertEquals(201, created.status(), created::toString);
        return login(http, email, PASSWORD, created.json().get("userId").asText(), phone);
    }

    static Account login(Http http, String email, String password, String userId, String phone) {
        Http.Response tokens = http.post("/auth/login", login(email, password));
        assertEquals(200, tokens.status(), tokens::toString);
        return new Account(userId, email, phone, tokens.json().get("accessToken").asText(),
                tokens.json().get("refreshToken").asText());
    }

    static void assertProblem(Http.Response response, int status, String code) {
        assertEquals(status, response.status(), response::toString);
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"), response::toString);
        assertEquals(code, response.code(), response::toString);
        assertEquals(status, response.json().get("status").asInt());
        assertNotNull(response.json().get("title"));
        assertTrue(response.json().get("type").asText().startsWith("https://"));
    }

    record Account(String userId, String email, String phone, String accessToken, String refreshToken) {
        String bearer() {
            return "Bearer " + accessToken;
        }
    }
}
