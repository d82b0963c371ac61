package kr.tickets.auth;

import static kr.tickets.common.ApiAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import kr.tickets.common.MutableClock;
import kr.tickets.users.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticatorTest {
    private static final String USER_ID = "user-1";

    private final MutableClock clock = MutableClock.at("2030-03-01T09:00:00Z");
    private final TokenService tokens = new TokenService(new FixedSigningKeyProvider(), clock);
    /** The user's current role, as the Auth table's role item holds it. */
    private final Map<String, Role> roles = new HashMap<>();
    private final InMemorySessionStore sessions = new InMemorySessionStore(id -> roles.getOrDefault(id, Role.USER));
    private final Authenticator authenticator = new Authenticator(tokens, sessions);

    /** A signed-in session, as login would start it. */
    private TokenPair session(Role role, String familyId) {
        roles.put(USER_ID, role);
        TokenService.Issued issued = tokens.issue(USER_ID, role, familyId);
        sessions.start(issued.grant(), clock.instant());
        return issued.pair();
    }

    private static void unauthenticated(Executable call) {
        assertFails(call, 401, "UNAUTHENTICATED");
    }

    @Test
    void validBearerAccessTokenAuthenticatesItsPrincipal() {
        TokenPair pair = session(Role.USER, "family-1");

        Principal principal = authenticator.authenticate("Bearer " + pair.accessToken());

        assertEquals(USER_ID, principal.userId());
        assertEquals(Role.USER, principal.role());
        assertEquals("family-1", principal.familyId());
    }

    @Test
    void missingAuthorizationHeaderIsUnauthenticated() {
        unauthenticated(() -> authenticator.authenticate(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Basic bWluamk6czNjcmV0IXBhc3M=", "Token abc", "Bearerabc",
            "Bearer not-a-token"})
    void nonBearerOrEmptyAuthorizationIsUnauthenticated(String header) {
        unauthenticated(() -> authenticator.authenticate(header));
    }

    @Test
    void accessTokenWithoutTheBearerSchemeIsUnauthenticated() {
        TokenPair pair = session(Role.USER, "family-1");
        unauthenticated(() -> authenticator.authenticate(pair.accessToken()));
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        TokenPair pair = session(Role.USER, "family-1");
        assertEquals(USER_ID, authenticator.authenticate("bearer " + pair.accessToken()).userId());
        assertEquals(USER_ID, authenticator.authenticate("BEARER " + pair.accessToken()).userId());
    }

    @Test
    void refreshTokenIsNotAcceptedAsBearer() {
        TokenPair pair = session(Role.USER, "family-1");
        unauthenticated(() -> authenticator.authenticate("Bearer " + pair.refreshToken()));
    }

    @Test
    void expiredAccessTokenIsUnauthenticated() {
        TokenPair pair = session(Role.USER, "family-1");
        clock.advance(TokenPolicy.ACCESS_TTL.plusSeconds(1));
        unauthenticated(() -> authenticator.authenticate("Bearer " + pair.accessToken()));
    }

    @Test
    void accessTokenStillWorksJustBeforeItExpires() {
        TokenPair pair = session(Role.USER, "family-1");
        clock.advance(TokenPolicy.ACCESS_TTL.minus(Duration.ofSeconds(1)));
        assertEquals(USER_ID, authenticator.authenticate("Bearer " + pair.accessToken()).userId());
    }

    @Test
    void deniedAccessTokenIsUnauthenticated() {
        TokenPair pair = session(Role.USER, "family-1");
        Principal principal = authenticator.authenticate("Bearer " + pair.accessToken());

        sessions.deny(principal.tokenId(), principal.expiresAt());

        unauthenticated(() -> authenticator.authenticate("Bearer " + pair.accessToken()));
    }

    @Test
    void accessTokenOfARevokedFamilyIsUnauthenticated() {
        TokenPair pair = session(Role.USER, "family-1");
        sessions.revokeFamily("family-1");
        unauthenticated(() -> authenticator.authenticate("Bearer " + pair.accessToken()));
    }

    @Test
    void validlySignedAccessTokenWithoutASessionIsUnauthenticated() {
        String access = tokens.issue(USER_ID, Role.ADMIN, "never-started").pair().accessToken();
        unauthenticated(() -> authenticator.authenticate("Bearer " + access));
    }

    @Test
    void requireAdminForbidsAUser() {
        TokenPair pair = session(Role.USER, "family-1");
        assertFails(() -> authenticator.require("Bearer " + pair.accessToken(), Role.ADMIN), 403, "FORBIDDEN");
    }

    @Test
    void requireAdminLetsAnAdminThrough() {
        TokenPair pair = session(Role.ADMIN, "family-1");
        assertEquals(Role.ADMIN, authenticator.require("Bearer " + pair.accessToken(), Role.ADMIN).role());
    }

    @Test
    void aDemotionCountsAtTheNextRequestWhateverTheTokenClaims() {
        TokenPair pair = session(Role.ADMIN, "family-1");
        roles.put(USER_ID, Role.USER);

        assertFails(() -> authenticator.require("Bearer " + pair.accessToken(), Role.ADMIN), 403, "FORBIDDEN");
        assertEquals(Role.USER, authenticator.authenticate("Bearer " + pair.accessToken()).role());
    }

    @Test
    void aPromotionCountsAtTheNextRequestWithoutANewLogin() {
        TokenPair pair = session(Role.USER, "family-1");
        roles.put(USER_ID, Role.ADMIN);

        assertEquals(Role.ADMIN, authenticator.require("Bearer " + pair.accessToken(), Role.ADMIN).role());
    }

    @Test
    void requireChecksAuthenticationBeforeTheRole() {
        unauthenticated(() -> authenticator.require(null, Role.ADMIN));
    }
}
