package kr.tickets.auth;

import java.time.Instant;

/**
 * Refresh-token families and the access-token deny list. A family is every refresh token
 * descending from one login; only its newest token is valid.
 */
public interface SessionStore {
    void start(String familyId, String userId, String refreshTokenId, Instant expiresAt, Instant now);

    /**
     * Replaces the family's current refresh token {@code presentedId} by {@code nextId}, atomically.
     * A presented token that is not the current one is a replay: the whole family is revoked.
     */
    Rotation rotate(String familyId, String userId, String presentedId, String nextId, Instant nextExpiresAt);

    void revokeFamily(String familyId);

    /** Ends every session of the user but {@code keepFamilyId} (after a password change). */
    void revokeOtherFamilies(String userId, String keepFamilyId);

    /** Makes one access token unusable until it would have expired anyway. */
    void deny(String accessTokenId, Instant expiresAt);

    /** True when the access token was denied or its family revoked. */
    boolean isRevoked(String accessTokenId, String familyId);

    enum Rotation {
        ROTATED,
        /** A rotated token came back: the family is now revoked. */
        REUSED,
        /** The family was already revoked or never existed. */
        REVOKED
    }
}
