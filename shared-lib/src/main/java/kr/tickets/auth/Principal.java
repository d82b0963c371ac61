package kr.tickets.auth;

import java.time.Instant;
import kr.tickets.common.ApiException;
import kr.tickets.users.Role;

/** Who made an authenticated request, read from a verified, unrevoked access token. */
public record Principal(String userId, Role role, String tokenId, String familyId, Instant expiresAt) {

    public Principal withRole(Role current) {
        return new Principal(userId, current, tokenId, familyId, expiresAt);
    }

    /** 403 FORBIDDEN unless the caller has {@code required}; an ADMIN may do what a USER may. */
    public Principal require(Role required) {
        if (role != required && role != Role.ADMIN) {
            throw ApiException.forbidden();
        }
        return this;
    }
}
