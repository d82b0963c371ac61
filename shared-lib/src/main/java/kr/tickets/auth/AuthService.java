package kr.tickets.auth;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kr.tickets.common.ApiException;
import kr.tickets.common.Ids;
import kr.tickets.users.User;
import kr.tickets.users.UserRules;
import kr.tickets.users.UserService;

/**
 * Login, token refresh with rotation, and logout.
 *
 * <pre>{@code POST /auth/login {"email":"minji@example.com","password":"s3cret!pass"}}</pre>
 */
@Singleton
@Requires(beans = {UserService.class, TokenService.class, SessionStore.class, LoginThrottle.class})
public class AuthService {
    private final UserService users;
    private final TokenService tokens;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final Clock clock;

    public AuthService(UserService users, TokenService tokens, SessionStore sessions, LoginThrottle throttle,
                       Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.sessions = sessions;
        this.throttle = throttle;
        this.clock = clock;
    }

    /**
     * Issues a token pair. An unknown email and a wrong password get the same 401. Failures are
     * counted per (account, client address) and per client address, never per account alone:
     * an attacker's guesses lock out the attacker's address, not the owner (README, "Login
     * throttling"). A locked key gets 429 with Retry-After.
     */
    public TokenPair login(String email, String password, String clientAddress) {
        Instant now = clock.instant();
        String normalizedEmail = UserRules.normalizeEmail(email);
        String clientKey = AuthTableKeys.clientThrottleKey(clientAddress);
        String accountAtClientKey = AuthTableKeys.accountAtClientThrottleKey(normalizedEmail, clientAddress);
        Optional<Duration> locked = throttle.lockedFor(List.of(accountAtClientKey, clientKey), now);
        if (locked.isPresent()) {
            throw ApiException.tooManyRequests(locked.get().toSeconds());
        }
        Optional<User> user = users.authenticate(normalizedEmail, password);
        if (user.isEmpty()) {
            throttle.recordFailure(accountAtClientKey, ThrottlePolicy.ACCOUNT_AT_CLIENT, now);
            throttle.recordFailure(clientKey, ThrottlePolicy.CLIENT, now);
            throw new ApiException(401, "INVALID_CREDENTIALS", "The email or the password is wrong.");
        }
        // The client's own count stays: logging into one's own account must not reset a sprayer's tally.
        throttle.reset(accountAtClientKey);
        TokenService.Issued issued = tokens.issue(user.get().userId(), user.get().role(), Ids.newId());
        sessions.start(issued.grant(), now);
        return issued.pair();
    }

    /**
     * Exchanges a refresh token for a new pair whose refresh token expires no later than 14
     * days after the login. The old token stops working; presenting it again revokes every
     * token of its family (someone else may hold a copy), unless it comes back within
     * {@link SessionStore#GRACE} of its rotation: then it gets the same new pair (two tabs
     * refreshing at once).
     */
    public TokenPair refresh(String refreshToken) {
        TokenService.RefreshClaims claims = tokens.verifyRefresh(refreshToken).orElseThrow(AuthService::invalidToken);
        User user = users.findById(claims.userId()).orElseThrow(AuthService::invalidToken);
        TokenService.Issued issued = tokens.successor(claims, user.role());
        SessionStore.Rotation rotation = sessions.rotate(claims.tokenId(), issued.grant(), clock.instant());
        return switch (rotation.outcome()) {
            case ROTATED -> issued.pair();
            case GRACE_REPLAY -> tokens.sign(rotation.successor()).pair();
            case REUSED, REVOKED -> throw invalidToken();
        };
    }

    /**
     * Ends the caller's session: the refresh token's family is revoked and this access token
     * denied. Both tokens must come from the same login.
     */
    public void logout(Principal principal, String refreshToken) {
        TokenService.RefreshClaims claims = tokens.verifyRefresh(refreshToken).orElseThrow(AuthService::invalidToken);
        if (!claims.userId().equals(principal.userId()) || !claims.familyId().equals(principal.familyId())) {
            throw invalidToken();
        }
        sessions.revokeFamily(claims.familyId());
        sessions.deny(principal.tokenId(), principal.expiresAt());
    }

    /** After a password change every other session ends; the one that changed it stays. */
    public void endOtherSessions(Principal principal) {
        sessions.revokeOtherFamilies(principal.userId(), principal.familyId());
    }

    private static ApiException invalidToken() {
        return new ApiException(401, "INVALID_TOKEN", "The refresh token is invalid, expired or already used.");
    }
}
