package kr.tickets.auth;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import kr.tickets.common.ApiException;
import kr.tickets.ops.LogKeys;
import kr.tickets.users.Role;
import org.slf4j.MDC;

/**
 * The check every authenticated route makes: a valid access token signed with our key, not
 * denied by a logout and from a family that was not revoked, and the user's role as it is now
 * (not the token's claim). One consistent BatchGetItem of the Auth table, so every function
 * can use it.
 */
@Singleton
@Requires(beans = {TokenService.class, SessionStore.class})
public class Authenticator {
    private final TokenService tokens;
    private final SessionStore sessions;

    public Authenticator(TokenService tokens, SessionStore sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    /** The caller behind {@code Authorization: Bearer <token>}; 401 UNAUTHENTICATED otherwise. */
    public Principal authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthenticated("Send Authorization: Bearer <access token>.");
        }
        Principal principal = tokens.verifyAccess(authorizationHeader.substring(7).trim())
                .orElseThrow(() -> ApiException.unauthenticated("The access token is invalid or expired."));
        Role current = sessions.currentRole(principal.tokenId(), principal.familyId(), principal.userId())
                .orElseThrow(() -> ApiException.unauthenticated("The access token was revoked."));
        // Every later log line of this request names its caller.
        MDC.put(LogKeys.USER_ID, principal.userId());
        // The token's role claim may be up to 30 minutes old; a promotion or demotion counts at once.
        return principal.withRole(current);
    }

    /** As {@link #authenticate}, then 403 FORBIDDEN unless the caller has {@code role}. */
    public Principal require(String authorizationHeader, Role role) {
        return authenticate(authorizationHeader).require(role);
    }
}
