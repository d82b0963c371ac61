package kr.tickets.auth;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The SessionStore port in memory, with the contract of the DynamoDB adapter: only the newest
 * refresh token of an ACTIVE family rotates; presenting an older one revokes the family.
 */
public final class InMemorySessionStore implements SessionStore {
    private final Map<String, Family> families = new HashMap<>();
    private final Set<String> denied = new HashSet<>();

    private static final class Family {
        final String userId;
        String currentTokenId;
        boolean active = true;

        Family(String userId, String currentTokenId) {
            this.userId = userId;
            this.currentTokenId = currentTokenId;
        }
    }

    @Override
    public void start(String familyId, String userId, String refreshTokenId, Instant expiresAt, Instant now) {
        if (families.containsKey(familyId)) {
            throw new IllegalStateException("family " + familyId + " already exists");
        }
        families.put(familyId, new Family(userId, refreshTokenId));
    }

    @Override
    public Rotation rotate(String familyId, String userId, String presentedId, String nextId, Instant nextExpiresAt) {
        Family family = families.get(familyId);
        if (family == null || !family.active) {
            return Rotation.REVOKED;
        }
        if (!family.currentTokenId.equals(presentedId) || !family.userId.equals(userId)) {
            family.active = false;
            return Rotation.REUSED;
        }
        family.currentTokenId = nextId;
        return Rotation.ROTATED;
    }

    @Override
    public void revokeFamily(String familyId) {
        Family family = families.get(familyId);
        if (family != null) {
            family.active = false;
        }
    }

    @Override
    public void revokeOtherFamilies(String userId, String keepFamilyId) {
        families.forEach((id, family) -> {
            if (family.userId.equals(userId) && !id.equals(keepFamilyId)) {
                family.active = false;
            }
        });
    }

    @Override
    public void deny(String accessTokenId, Instant expiresAt) {
        denied.add(accessTokenId);
    }

    @Override
    public boolean isRevoked(String accessTokenId, String familyId) {
        Family family = families.get(familyId);
        return denied.contains(accessTokenId) || family == null || !family.active;
    }

    public boolean isActive(String familyId) {
        Family family = families.get(familyId);
        return family != null && family.active;
    }

    public int familyCount() {
        return families.size();
    }
}
