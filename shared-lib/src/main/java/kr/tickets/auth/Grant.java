package kr.tickets.auth;

import java.time.Instant;
import kr.tickets.users.Role;

/**
 * Everything one token pair says. HS256 is deterministic, so signing the same grant again gives
 * byte-identical tokens: that is how a refresh inside the grace window hands a second tab the
 * pair the first tab already got (see {@link AuthService#refresh}).
 *
 * @param authTime         when the login that started the family happened (the absolute cap counts from it)
 * @param issuedAt         whole seconds, as JWTs carry them
 * @param refreshExpiresAt never later than {@code authTime + }{@link TokenPolicy#REFRESH_TTL}
 */
public record Grant(String userId, Role role, String familyId, String accessTokenId, String refreshTokenId,
                    Instant authTime, Instant issuedAt, Instant refreshExpiresAt) {

    /** The access token lives 30 minutes, but never past the end of the login it comes from. */
    public Instant accessExpiresAt() {
        Instant normal = issuedAt.plus(TokenPolicy.ACCESS_TTL);
        return normal.isBefore(refreshExpiresAt) ? normal : refreshExpiresAt;
    }
}
