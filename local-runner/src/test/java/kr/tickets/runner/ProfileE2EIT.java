package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET and PATCH /me over real HTTP (requirements §1.2). */
class ProfileE2EIT {
    private final Http http = Http.client();

    @Test
    void meShowsNameEmailAndPhone() {
        Accounts.Account account = Accounts.create(http);
        JsonNode me = http.get("/me", "Authorization", account.bearer()).json();
        assertEquals(account.userId(), me.get("userId").asText());
        assertEquals("김민지", me.get("name").asText());
        assertEquals(account.email(), me.get("email").asText());
        assertEquals(account.phone(), me.get("phone").asText());
        assertEquals("USER", me.get("role").asText());
    }

    @Test
    void nameAndPhoneCanBeChangedAndTheOldPhoneIsFreed() {
        Accounts.Account account = Accounts.create(http);
        String newPhone = Accounts.phone();
        Http.Response updated = http.patch("/me", Map.of("name", "이서준", "phone", newPhone),
                "Authorization", account.bearer());
        assertEquals(200, updated.status(), updated::toString);
        assertEquals("이서준", updated.json().get("name").asText());
        assertEquals(newPhone, http.get("/me", "Authorization", account.bearer()).json().get("phone").asText());
        assertEquals(201, http.post("/auth/signup", Accounts.signup(Accounts.email(), account.phone())).status());
    }

    @Test
    void phoneOfAnotherAccountIsRefused() {
        Accounts.Account account = Accounts.create(http);
        Accounts.Account other = Accounts.create(http);
        assertProblem(http.patch("/me", Map.of("name", "바뀌면안됨", "phone", other.phone()),
                "Authorization", account.bearer()), 409, "PHONE_TAKEN");
        JsonNode me = http.get("/me", "Authorization", account.bearer()).json();
        assertEquals("김민지", me.get("name").asText());
        assertEquals(account.phone(), me.get("phone").asText());
    }

    @Test
    void invalidPatchesAreRefused() {
        Accounts.Account account = Accounts.create(http);
        assertProblem(http.patch("/me", Map.of(), "Authorization", account.bearer()), 400, "VALIDATION_FAILED");
        assertProblem(http.patch("/me", Map.of("phone", "02-123-4567"), "Authorization", account.bearer()), 400,
                "VALIDATION_FAILED");
        assertProblem(http.patch("/me", Map.of("newPassword", "New!pass123"), "Authorization", account.bearer()), 400,
                "VALIDATION_FAILED");
        assertProblem(http.patch("/me", Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "weak"),
                "Authorization", account.bearer()), 400, "VALIDATION_FAILED");
        assertProblem(http.patch("/me", "{", "Authorization", account.bearer()), 400, "MALFORMED_JSON");
        assertProblem(http.patch("/me", Map.of("name", "x")), 401, "UNAUTHENTICATED");
    }

    @Test
    void passwordChangeNeedsTheCurrentPassword() {
        Accounts.Account account = Accounts.create(http);
        assertProblem(http.patch("/me", Map.of("currentPassword", "Wrong!pass1", "newPassword", "New!pass123"),
                "Authorization", account.bearer()), 400, "INVALID_CURRENT_PASSWORD");
        // Unchanged: the old password still logs in.
        assertEquals(200, http.post("/auth/login", Accounts.login(account.email(), Accounts.PASSWORD)).status());
    }

    @Test
    void passwordChangeEndsOtherSessionsButKeepsThisOne() {
        Accounts.Account account = Accounts.create(http);
        Accounts.Account otherDevice = Accounts.login(http, account.email(), Accounts.PASSWORD, account.userId(),
                account.phone());
        Http.Response changed = http.patch("/me",
                Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "New!pass123"),
                "Authorization", account.bearer());
        assertEquals(200, changed.status(), changed::toString);
        assertProblem(http.post("/auth/login", Accounts.login(account.email(), Accounts.PASSWORD)), 401,
                "INVALID_CREDENTIALS");
        assertEquals(200, http.post("/auth/login", Accounts.login(account.email(), "New!pass123")).status());
        assertEquals(200, http.get("/me", "Authorization", account.bearer()).status());
        assertProblem(http.get("/me", "Authorization", otherDevice.bearer()), 401, "UNAUTHENTICATED");
        assertProblem(http.post("/auth/refresh", Map.of("refreshToken", otherDevice.refreshToken())), 401,
                "INVALID_TOKEN");
    }

    @Test
    void bootstrappedAdminHasTheAdminRole() {
        Http.Response tokens = http.post("/auth/login",
                Accounts.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD));
        assertEquals(200, tokens.status(), tokens::toString);
        JsonNode me = http.get("/me", "Authorization", "Bearer " + tokens.json().get("accessToken").asText()).json();
        assertEquals("ADMIN", me.get("role").asText());
    }
}
