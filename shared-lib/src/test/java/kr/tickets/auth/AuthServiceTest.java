package kr.tickets.auth;

import static kr.tickets.common.ApiAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import kr.tickets.common.ApiException;
import kr.tickets.common.MutableClock;
import kr.tickets.users.InMemoryUserRepository;
import kr.tickets.users.PasswordHasher;
import kr.tickets.users.Role;
import kr.tickets.users.User;
import kr.tickets.users.SignupCommand;
import kr.tickets.users.UserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthServiceTest {
    private static final String EMAIL = "minji@example.com";
    private static final String PASSWORD = "s3cret!pass";
    private static final String ADDRESS = "203.0.113.7";

    private final MutableClock clock = MutableClock.at("2030-03-01T09:00:00Z");
    private final InMemoryUserRepository repository = new InMemoryUserRepository();
    private final UserService users = new UserService(repository, new PasswordHasher(4), clock);
    private final TokenService tokens = new TokenService(new FixedSigningKeyProvider(), clock);
    private final InMemorySessionStore sessions = new InMemorySessionStore(
            id -> repository.findById(id).map(User::role).orElse(Role.USER));
    private final InMemoryLoginThrottle throttle = new InMemoryLoginThrottle();
    private final AuthService auth = new AuthService(users, tokens, sessions, throttle, clock);
    private final Authenticator authenticator = new Authenticator(tokens, sessions);

    private String minjiId;

    @BeforeEach
    void signUpMinji() {
        minjiId = users.signup(new SignupCommand("김민지", EMAIL, PASSWORD, "010-1234-5678")).userId();
    }

    private TokenPair login() {
        return auth.login(EMAIL, PASSWORD, ADDRESS);
    }

    private static String bearer(TokenPair pair) {
        return "Bearer " + pair.accessToken();
    }

    // --- login -----------------------------------------------------------------------------

    @Test
    void loginReturnsABearerPairWithTheContractLifetimes() {
        TokenPair pair = login();

        assertEquals("Bearer", pair.tokenType());
        assertEquals(1800, pair.accessTokenExpiresIn());
        assertEquals(1_209_600, pair.refreshTokenExpiresIn());
        Principal principal = authenticator.authenticate(bearer(pair));
        assertEquals(minjiId, principal.userId());
        assertEquals(Role.USER, principal.role());
    }

    @Test
    void loginStartsOneSessionFamilySharedByBothTokens() {
        TokenPair pair = login();

        Principal principal = tokens.verifyAccess(pair.accessToken()).orElseThrow();
        TokenService.RefreshClaims refresh = tokens.verifyRefresh(pair.refreshToken()).orElseThrow();
        assertEquals(principal.familyId(), refresh.familyId());
        assertTrue(sessions.isActive(principal.familyId()));
    }

    @Test
    void eachLoginStartsItsOwnFamily() {
        String first = tokens.verifyAccess(login().accessToken()).orElseThrow().familyId();
        String second = tokens.verifyAccess(login().accessToken()).orElseThrow().familyId();
        assertNotEquals(first, second);
    }

    @Test
    void loginEmailIsCaseAndWhitespaceInsensitive() {
        TokenPair pair = auth.login("  MinJi@Example.COM ", PASSWORD, ADDRESS);
        assertEquals(minjiId, authenticator.authenticate(bearer(pair)).userId());
    }

    @Test
    void wrongPasswordIsRejectedAsInvalidCredentials() {
        assertFails(() -> auth.login(EMAIL, "wrong!pass1", ADDRESS), 401, "INVALID_CREDENTIALS");
        assertEquals(0, sessions.familyCount());
    }

    @Test
    void unknownEmailIsRejectedAsInvalidCredentials() {
        assertFails(() -> auth.login("nobody@example.com", PASSWORD, ADDRESS), 401, "INVALID_CREDENTIALS");
    }

    @Test
    void unknownEmailAndWrongPasswordAreIndistinguishable() {
        ApiException wrongPassword = assertThrows(ApiException.class, () -> auth.login(EMAIL, "wrong!pass1", ADDRESS));
        ApiException unknownEmail = assertThrows(ApiException.class,
                () -> auth.login("nobody@example.com", "wrong!pass1", ADDRESS));
        assertEquals(wrongPassword.status(), unknownEmail.status());
        assertEquals(wrongPassword.code(), unknownEmail.code());
        assertEquals(wrongPassword.getMessage(), unknownEmail.getMessage());
        assertEquals(wrongPassword.headers(), unknownEmail.headers());
    }

    // --- throttling ------------------------------------------------------------------------

    private void failLogins(String email, int times, String address) {
        for (int i = 0; i < times; i++) {
            assertFails(() -> auth.login(email, "wrong!pass1", address), 401, "INVALID_CREDENTIALS");
        }
    }

    @Test
    void tooManyFailuresLockTheAccountAtThatAddressWithRetryAfter() {
        failLogins(EMAIL, ThrottlePolicy.ACCOUNT_AT_CLIENT.maxFailures(), ADDRESS);

        ApiException e = assertFails(() -> auth.login(EMAIL, "wrong!pass1", ADDRESS), 429, "TOO_MANY_REQUESTS");

        assertEquals(Long.toString(ThrottlePolicy.ACCOUNT_AT_CLIENT.lock().toSeconds()), e.headers().get("Retry-After"));
    }

    @Test
    void lockedAccountAndAddressIsRefusedEvenWithTheRightPassword() {
        failLogins(EMAIL, ThrottlePolicy.ACCOUNT_AT_CLIENT.maxFailures(), ADDRESS);

        assertFails(this::login, 429, "TOO_MANY_REQUESTS");
        assertEquals(0, sessions.familyCount());
    }

    @Test
    void oneFailureFewerThanTheLimitDoesNotLock() {
        failLogins(EMAIL, ThrottlePolicy.ACCOUNT_AT_CLIENT.maxFailures() - 1, ADDRESS);
        assertDoesNotThrow(this::login);
    }

    @Test
    void retryAfterCountsDownWithTheLock() {
        failLogins(EMAIL, ThrottlePolicy.ACCOUNT_AT_CLIENT.maxFailures(), ADDRESS);
        clock.advance(Duration.ofMinutes(10));

        ApiException e = assertFails(this::login, 429, "TOO_MANY_REQUESTS");

        assertEquals("300", e.headers().get("Retry-After"));
    }

    @Test
    void accountLockEndsAfterTheLockPeriod() {
        failLogins(EMAIL, ThrottlePolicy.ACCOUNT_AT_CLIENT.maxFailures(), ADDRESS);
        clock.advance(ThrottlePolicy.ACCOUNT_AT_CLIENT.lock().plusSeconds(1));

        assertDoesNotThrow(this::login);
    }

    @Test
    void anAttackersFailuresNeverLockTheOwnerOut() {
        String attacker = "198.51.100.66";
        failLogins(EMAIL, ThrottlePolicy.ACCOUNT_AT_CLIENT.maxFailures(), attacker);

        // The attacker is locked out of this account, even with the right password ...
        assertFails(() -> auth.login(EMAIL, PASSWORD, attacker), 429, "TOO_MANY_REQUESTS");
        // ... the owner, from any other address, is not.
        assertEquals(minjiId, authenticator.authenticate(bearer(auth.login(EMAIL, PASSWORD, "192.0.2.99"))).userId());
    }

    @Test
    void failuresSpreadOverManyAddressesLockNoAddressAndNotTheAccount() {
        for (int i = 0; i < 50; i++) {
            failLogins(EMAIL, 1, "198.51.100." + i);
        }
        assertDoesNotThrow(() -> auth.login(EMAIL, PASSWORD, "198.51.100.1"));
    }

    @Test
    void ownSuccessfulLoginsDoNotResetTheClientAddressCount() {
        users.signup(new SignupCommand("이서준", "seojun@example.com", "an0ther!pw", "010-2222-3333"));
        for (int i = 0; i < ThrottlePolicy.CLIENT.maxFailures() - 1; i++) {
            failLogins("victim" + i + "@example.com", 1, ADDRESS);
            auth.login("seojun@example.com", "an0ther!pw", ADDRESS);
        }
        failLogins("one-more@example.com", 1, ADDRESS);

        assertFails(this::login, 429, "TOO_MANY_REQUESTS");
    }

    @Test
    void successfulLoginClearsTheAccountsFailureCount() {
        failLogins(EMAIL, ThrottlePolicy.ACCOUNT_AT_CLIENT.maxFailures() - 1, ADDRESS);
        login();
        failLogins(EMAIL, ThrottlePolicy.ACCOUNT_AT_CLIENT.maxFailures() - 1, ADDRESS);

        assertDoesNotThrow(this::login);
    }

    @Test
    void failuresOfOneAccountDoNotLockAnother() {
        users.signup(new SignupCommand("이서준", "seojun@example.com", "an0ther!pw", "010-2222-3333"));
        failLogins(EMAIL, ThrottlePolicy.ACCOUNT_AT_CLIENT.maxFailures(), ADDRESS);

        assertDoesNotThrow(() -> auth.login("seojun@example.com", "an0ther!pw", "192.0.2.1"));
    }

    @Test
    void oneClientAddressSprayingManyAccountsIsLocked() {
        for (int i = 0; i < ThrottlePolicy.CLIENT.maxFailures(); i++) {
            failLogins("victim" + i + "@example.com", 1, ADDRESS);
        }

        ApiException e = assertFails(this::login, 429, "TOO_MANY_REQUESTS");
        assertEquals(Long.toString(ThrottlePolicy.CLIENT.lock().toSeconds()), e.headers().get("Retry-After"));
        // The account itself is not locked: from another address it still logs in.
        assertDoesNotThrow(() -> auth.login(EMAIL, PASSWORD, "192.0.2.1"));
    }

    // --- refresh ---------------------------------------------------------------------------

    @Test
    void refreshIssuesANewWorkingPair() {
        TokenPair first = login();
        clock.advance(Duration.ofMinutes(20));

        TokenPair second = auth.refresh(first.refreshToken());

        assertNotEquals(first.refreshToken(), second.refreshToken());
        assertEquals("Bearer", second.tokenType());
        assertEquals(minjiId, authenticator.authenticate(bearer(second)).userId());
    }

    @Test
    void refreshedPairStaysInTheSameFamily() {
        TokenPair first = login();
        TokenPair second = auth.refresh(first.refreshToken());
        assertEquals(tokens.verifyAccess(first.accessToken()).orElseThrow().familyId(),
                tokens.verifyAccess(second.accessToken()).orElseThrow().familyId());
    }

    @Test
    void rotatedRefreshTokenIsRejectedAfterwards() {
        TokenPair first = login();
        auth.refresh(first.refreshToken());

        clock.advance(SessionStore.GRACE);
        assertFails(() -> auth.refresh(first.refreshToken()), 401, "INVALID_TOKEN");
    }

    @Test
    void replayingARotatedRefreshTokenRevokesTheWholeFamily() {
        TokenPair first = login();
        TokenPair second = auth.refresh(first.refreshToken());

        clock.advance(SessionStore.GRACE);
        assertFails(() -> auth.refresh(first.refreshToken()), 401, "INVALID_TOKEN");

        // Even the newest refresh token, held by whoever rotated first, no longer works ...
        assertFails(() -> auth.refresh(second.refreshToken()), 401, "INVALID_TOKEN");
        // ... and neither do the family's access tokens.
        assertFails(() -> authenticator.authenticate(bearer(second)), 401, "UNAUTHENTICATED");
    }

    @Test
    void replayInOneFamilyLeavesOtherSessionsAlone() {
        TokenPair phone = login();
        TokenPair laptop = login();
        auth.refresh(laptop.refreshToken());
        clock.advance(SessionStore.GRACE);
        assertFails(() -> auth.refresh(laptop.refreshToken()), 401, "INVALID_TOKEN");

        assertDoesNotThrow(() -> auth.refresh(phone.refreshToken()));
    }

    @Test
    void twoTabsRefreshingWithTheSameTokenWithinTheGraceWindowGetTheSamePair() {
        TokenPair first = login();
        clock.advance(Duration.ofMinutes(29));
        TokenPair tabOne = auth.refresh(first.refreshToken());
        clock.advance(SessionStore.GRACE.minusSeconds(1));

        TokenPair tabTwo = auth.refresh(first.refreshToken());

        assertEquals(tabOne.accessToken(), tabTwo.accessToken());
        assertEquals(tabOne.refreshToken(), tabTwo.refreshToken());
        assertEquals(minjiId, authenticator.authenticate(bearer(tabTwo)).userId());
        // The family goes on: the shared successor rotates normally.
        assertDoesNotThrow(() -> auth.refresh(tabTwo.refreshToken()));
    }

    @Test
    void onlyTheTokenTheLastRotationReplacedHasAGraceWindow() {
        TokenPair first = login();
        TokenPair second = auth.refresh(first.refreshToken());
        auth.refresh(second.refreshToken());

        assertFails(() -> auth.refresh(first.refreshToken()), 401, "INVALID_TOKEN");
        assertFalse(sessions.isActive(tokens.verifyAccess(first.accessToken()).orElseThrow().familyId()));
    }

    @Test
    void refreshingNeverExtendsALoginPastFourteenDays() {
        TokenPair pair = login();
        Instant loginEnds = clock.instant().plus(TokenPolicy.REFRESH_TTL);
        for (int day = 0; day < 13; day++) {
            clock.advance(Duration.ofDays(1));
            pair = auth.refresh(pair.refreshToken());
            assertEquals(loginEnds, clock.instant().plusSeconds(pair.refreshTokenExpiresIn()));
        }
        String last = pair.refreshToken();
        clock.advance(Duration.ofDays(1).plusSeconds(1));

        assertFails(() -> auth.refresh(last), 401, "INVALID_TOKEN");
    }

    @Test
    void accessTokenCannotBeUsedToRefresh() {
        TokenPair pair = login();
        assertFails(() -> auth.refresh(pair.accessToken()), 401, "INVALID_TOKEN");
    }

    @Test
    void expiredRefreshTokenIsRejected() {
        TokenPair pair = login();
        clock.advance(TokenPolicy.REFRESH_TTL.plusSeconds(1));
        assertFails(() -> auth.refresh(pair.refreshToken()), 401, "INVALID_TOKEN");
    }

    @Test
    void refreshForADeletedAccountIsRejected() {
        TokenPair pair = login();
        repository.delete(minjiId);
        assertFails(() -> auth.refresh(pair.refreshToken()), 401, "INVALID_TOKEN");
    }

    @Test
    void refreshPicksUpAChangedRole() {
        TokenPair pair = login();
        users.changeRole(repository.findById(minjiId).orElseThrow(), Role.ADMIN);

        TokenPair refreshed = auth.refresh(pair.refreshToken());

        assertEquals(Role.ADMIN, authenticator.authenticate(bearer(refreshed)).role());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"garbage", "a.b.c"})
    void garbageRefreshTokenIsRejected(String token) {
        assertFails(() -> auth.refresh(token), 401, "INVALID_TOKEN");
    }

    // --- logout ----------------------------------------------------------------------------

    @Test
    void logoutMakesTheAccessTokenFail() {
        TokenPair pair = login();
        Principal principal = authenticator.authenticate(bearer(pair));

        auth.logout(principal, pair.refreshToken());

        assertFails(() -> authenticator.authenticate(bearer(pair)), 401, "UNAUTHENTICATED");
    }

    @Test
    void logoutDeniesTheAccessTokenItselfBesidesEndingItsSession() {
        TokenPair pair = login();
        Principal principal = authenticator.authenticate(bearer(pair));
        Principal otherSession = authenticator.authenticate(bearer(login()));

        auth.logout(principal, pair.refreshToken());

        // Read against a family that is still live, so only the token's own denial can refuse it.
        assertEquals(Optional.empty(), sessions.currentRole(principal.tokenId(), otherSession.familyId(), minjiId));
        assertEquals(Optional.of(Role.USER),
                sessions.currentRole(otherSession.tokenId(), otherSession.familyId(), minjiId));
    }

    @Test
    void logoutMakesTheRefreshTokenFail() {
        TokenPair pair = login();
        auth.logout(authenticator.authenticate(bearer(pair)), pair.refreshToken());

        assertFails(() -> auth.refresh(pair.refreshToken()), 401, "INVALID_TOKEN");
    }

    @Test
    void logoutEndsOnlyThatSession() {
        TokenPair phone = login();
        TokenPair laptop = login();

        auth.logout(authenticator.authenticate(bearer(laptop)), laptop.refreshToken());

        assertEquals(minjiId, authenticator.authenticate(bearer(phone)).userId());
        assertDoesNotThrow(() -> auth.refresh(phone.refreshToken()));
    }

    @Test
    void logoutWithAnotherUsersRefreshTokenIsRejectedAndRevokesNothing() {
        users.signup(new SignupCommand("이서준", "seojun@example.com", "an0ther!pw", "010-2222-3333"));
        TokenPair seojun = auth.login("seojun@example.com", "an0ther!pw", ADDRESS);
        TokenPair minji = login();

        assertFails(() -> auth.logout(authenticator.authenticate(bearer(minji)), seojun.refreshToken()),
                401, "INVALID_TOKEN");

        assertDoesNotThrow(() -> authenticator.authenticate(bearer(seojun)));
        assertDoesNotThrow(() -> authenticator.authenticate(bearer(minji)));
    }

    @Test
    void logoutWithAnAccessTokenInPlaceOfTheRefreshTokenIsRejected() {
        TokenPair pair = login();
        Principal principal = authenticator.authenticate(bearer(pair));
        assertFails(() -> auth.logout(principal, pair.accessToken()), 401, "INVALID_TOKEN");
        assertDoesNotThrow(() -> authenticator.authenticate(bearer(pair)));
    }

    // --- roles and other sessions ------------------------------------------------------

    @Test
    void userIsForbiddenFromAdminOnlyActions() {
        TokenPair pair = login();
        Principal principal = authenticator.authenticate(bearer(pair));
        assertFails(() -> principal.require(Role.ADMIN), 403, "FORBIDDEN");
        assertFails(() -> authenticator.require(bearer(pair), Role.ADMIN), 403, "FORBIDDEN");
    }

    @Test
    void aDemotedAdminIsForbiddenAtTheNextRequest() {
        User minji = users.changeRole(repository.findById(minjiId).orElseThrow(), Role.ADMIN);
        String admin = bearer(login());
        assertEquals(minjiId, authenticator.require(admin, Role.ADMIN).userId());

        users.changeRole(minji, Role.USER);

        assertFails(() -> authenticator.require(admin, Role.ADMIN), 403, "FORBIDDEN");
        assertEquals(minjiId, authenticator.authenticate(admin).userId());
    }

    @Test
    void promotedAdminPassesTheAdminCheckAfterLoggingInAgain() {
        users.changeRole(repository.findById(minjiId).orElseThrow(), Role.ADMIN);
        assertEquals(minjiId, authenticator.require(bearer(login()), Role.ADMIN).userId());
    }

    @Test
    void endOtherSessionsKeepsTheCurrentOneAndEndsTheRest() {
        TokenPair phone = login();
        TokenPair laptop = login();
        Principal current = authenticator.authenticate(bearer(laptop));

        auth.endOtherSessions(current);

        assertEquals(minjiId, authenticator.authenticate(bearer(laptop)).userId());
        assertFails(() -> authenticator.authenticate(bearer(phone)), 401, "UNAUTHENTICATED");
        assertFails(() -> auth.refresh(phone.refreshToken()), 401, "INVALID_TOKEN");
    }

    @Test
    void logoutWithTheRefreshTokenOfAnotherOwnSessionIsRefusedAndEndsNothing() {
        TokenPair first = login();
        TokenPair second = login();
        assertFails(() -> auth.logout(authenticator.authenticate(bearer(first)), second.refreshToken()),
                401, "INVALID_TOKEN");
        assertEquals(minjiId, authenticator.authenticate(bearer(second)).userId());
        assertEquals(minjiId, authenticator.authenticate(bearer(first)).userId());
    }

    @Test
    void overlongPasswordAtLoginIsInvalidCredentialsAndCounted() {
        for (int i = 0; i < ThrottlePolicy.ACCOUNT_AT_CLIENT.maxFailures(); i++) {
            assertFails(() -> auth.login(EMAIL, "가".repeat(30) + "1!", ADDRESS), 401, "INVALID_CREDENTIALS");
        }
        assertFails(() -> auth.login(EMAIL, PASSWORD, ADDRESS), 429, "TOO_MANY_REQUESTS");
    }
}
