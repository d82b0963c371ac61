package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** POST /auth/signup through the local API Gateway, the real handler and moto. */
class SignupE2EIT {
    private final Http http = Http.client();

    @Test
    void signupCreatesAUserWithANormalisedEmail() {
        String email = Accounts.email();
        String phone = Accounts.phone();
        Http.Response response = http.post("/auth/signup", Accounts.signup("  " + email.toUpperCase() + " ", phone));
        assertEquals(201, response.status(), response::toString);
        JsonNode body = response.json();
        assertNotNull(body.get("userId").asText());
        assertEquals("김민지", body.get("name").asText());
        assertEquals(email, body.get("email").asText());
        assertEquals(phone, body.get("phone").asText());
        assertEquals("USER", body.get("role").asText());
        assertFalse(body.has("password") || body.has("passwordHash"));
    }

    @Test
    void takenEmailIsRefusedWithEmailTaken() {
        String email = Accounts.email();
        assertEquals(201, http.post("/auth/signup", Accounts.signup(email, Accounts.phone())).status());
        assertProblem(http.post("/auth/signup", Accounts.signup(email.toUpperCase(), Accounts.phone())), 409, "EMAIL_TAKEN");
    }

    @Test
    void takenPhoneIsRefusedWithPhoneTakenAndClaimsNothing() {
        String phone = Accounts.phone();
        assertEquals(201, http.post("/auth/signup", Accounts.signup(Accounts.email(), phone)).status());
        String email = Accounts.email();
        assertProblem(http.post("/auth/signup", Accounts.signup(email, phone)), 409, "PHONE_TAKEN");
        // The refused request wrote nothing: its email is still free.
        assertEquals(201, http.post("/auth/signup", Accounts.signup(email, Accounts.phone())).status());
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        Http.Response response = http.post("/auth/signup",
                Map.of("name", " ", "email", "not-an-email", "password", "abcdefgh", "phone", "011-1234-5678"));
        assertProblem(response, 400, "VALIDATION_FAILED");
        Set<String> fields = new HashSet<>();
        response.json().get("fieldErrors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(Set.of("name", "email", "password", "phone"), fields);
    }

    @Test
    void passwordNeedsALetterADigitAndASpecialCharacter() {
        for (String weak : List.of("short1!", "onlyletters!", "12345678!", "letters123", "한글비밀번호1")) {
            Http.Response response = http.post("/auth/signup", Accounts.signup(Accounts.email(), Accounts.phone())
                    .entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                            e -> e.getKey().equals("password") ? weak : e.getValue())));
            assertProblem(response, 400, "VALIDATION_FAILED");
            assertEquals("password", response.json().get("fieldErrors").get(0).get("field").asText(), weak);
        }
    }

    @Test
    void missingFieldsAndWrongTypesAreValidationErrors() {
        Http.Response missing = http.post("/auth/signup", Map.of("email", Accounts.email()));
        assertProblem(missing, 400, "VALIDATION_FAILED");
        assertEquals(3, missing.json().get("fieldErrors").size());
        Http.Response wrongTypes = http.post("/auth/signup",
                Map.of("name", 7, "email", List.of("a"), "password", true, "phone", 1012345678));
        assertProblem(wrongTypes, 400, "VALIDATION_FAILED");
        assertEquals("must be a string", wrongTypes.json().get("fieldErrors").get(0).get("message").asText());
    }

    @Test
    void malformedJsonIsRefused() {
        assertProblem(http.post("/auth/signup", "{\"name\": "), 400, "MALFORMED_JSON");
        assertProblem(http.post("/auth/signup", "[1,2]"), 400, "MALFORMED_JSON");
        assertProblem(http.post("/auth/signup", "{\"a\":1,\"a\":2}"), 400, "MALFORMED_JSON");
        assertProblem(http.send("POST", "/auth/signup", null), 400, "MALFORMED_JSON");
    }

    @Test
    void oversizedBodyIsRefused() {
        String huge = "{\"name\":\"" + "가".repeat(20_000) + "\"}";
        assertProblem(http.post("/auth/signup", huge), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void nonJsonContentTypeIsRefused() {
        Map<String, Object> body = Accounts.signup(Accounts.email(), Accounts.phone());
        assertProblem(http.post("/auth/signup", body, "Content-Type", "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertEquals(201, http.post("/auth/signup", body, "Content-Type", "application/json; charset=utf-8").status());
    }

    @Test
    void concurrentSignupsWithOneEmailCreateOneAccount() throws Exception {
        String email = Accounts.email();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Response>> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return http.post("/auth/signup", Accounts.signup(email, Accounts.phone()));
            }));
        }
        start.countDown();
        int created = 0;
        for (Future<Http.Response> result : results) {
            Http.Response response = result.get();
            if (response.status() == 201) {
                created++;
            } else {
                assertProblem(response, 409, "EMAIL_TAKEN");
            }
        }
        pool.shutdown();
        assertEquals(1, created);
    }

    @Test
    void problemCarriesTheRequestTraceId() {
        Http.Response response = http.post("/auth/signup", Map.of());
        assertTrue(response.json().get("traceId").asText().length() > 10);
        assertEquals(response.header("x-amzn-RequestId"), response.json().get("traceId").asText());
    }
}
