package kr.tickets.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import kr.tickets.users.Role;

/**
 * Refresh-token families, the access-token deny list and each user's current role. A family is
 * every refresh token descending from one login; only its newest token is valid, except the one
 * it replaced, for a few seconds (two tabs refreshing at once).
 */
public interface SessionStore {
    /** How long the refresh token a rotation replaced still yields the same successor. */
    Duration GRACE = Duration.ofSeconds(10);

    /** Starts the family of a login, whose first pair is {@code first}. */
    void start(Grant first, Instant now);

    /**
     * Replaces the family's current refresh token {@code presentedId} by {@code next}'s, atomically.
     * The token it replaced, presented again within {@link #GRACE}, gets the same successor back
     * ({@link Outcome#GRACE_REPLAY}); any other token that is not the current one is a replay and
     * revokes the whole family.
     */
    Rotation rotate(String presentedId, Grant next, Instant now);

    void revokeFamily(String familyId);

    /** Ends every session of the user but {@code keepFamilyId} (after a password change). */
    void revokeOtherFamilies(String userId, String keepFamilyId);

    /** Makes one access token unusable until it would have expired anyway. */
    void deny(String accessTokenId, Instant expiresAt);

    /**
     * The user's current role if the access token is neither denied nor from a revoked family
     * (one consistent read of the three); empty otherwise. A user no role change ever touched is
     * a USER.
     */
    Optional<Role> currentRole(String accessTokenId, String familyId, String userId);

    enum Outcome {
        ROTATED,
        /** The token the last rotation replaced, within the grace window: the same successor again. */
        GRACE_REPLAY,
        /** A rotated token came back: the family is now revoked. */
        REUSED,
        /** The family was already revoked or never existed. */
        REVOKED
    }

    /** @param successor the pair to hand out: {@code next} when ROTATED, the earlier successor on GRACE_REPLAY */
    record Rotation(Outcome outcome, Grant successor) {
        public static Rotation of(Outcome outcome) {
            return new Rotation(outcome, null);
        }
    }
}
