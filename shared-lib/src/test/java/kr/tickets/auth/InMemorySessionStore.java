package kr.tickets.auth;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import kr.tickets.users.Role;

/**
 * The SessionStore port in memory, with the contract of the DynamoDB adapter: only the newest
 * refresh token of an ACTIVE family rotates; the one it replaced yields the same successor
 * within the grace window; presenting any other older one revokes the family. The current role
 * comes from {@code roleOf} (the Users repository in tests, as the Auth table's role item
 * mirrors the account in the adapter).
 */
public final class InMemorySessionStore implements SessionStore {
    private final Map<String, Family> families = new HashMap<>();
    private final Set<String> denied = new HashSet<>();
    private final Function<String, Role> roleOf;

    private static final class Family {
        Grant current;
        String previousTokenId;
        boolean active = true;

        Family(Grant current) {
            this.current = current;
        }
    }

    public InMemorySessionStore(Function<String, Role> roleOf) {
        this.roleOf = roleOf;
    }

    /** Every user is a USER. */
    public InMemorySessionStore() {
        this(userId -> Role.USER);
    }

    @Override
    public void start(Grant first, Instant now) {
        if (families.containsKey(first.familyId())) {
            throw new IllegalStateException("family " + first.familyId() + " already exists");
        }
        families.put(first.familyId(), new Family(first));
    }

    @Override
    public Rotation rotate(String presentedId, Grant next, Instant now) {
        Family family = families.get(next.familyId());
        if (family == null || !family.active) {
            return Rotation.of(Outcome.REVOKED);
        }
        boolean sameUser = family.current.userId().equals(next.userId());
        if (sameUser && family.current.refreshTokenId().equals(presentedId)) {
            family.previousTokenId = presentedId;
            family.current = next;
            return new Rotation(Outcome.ROTATED, next);
        }
        if (sameUser && presentedId.equals(family.previousTokenId)
                && now.isBefore(family.current.issuedAt().plus(GRACE))) {
            return new Rotation(Outcome.GRACE_REPLAY, family.current);
        }
        family.active = false;
        return Rotation.of(Outcome.REUSED);
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
            if (family.current.userId().equals(userId) && !id.equals(keepFamilyId)) {
                family.active = false;
            }
        });
    }

    @Override
    public void deny(String accessTokenId, Instant expiresAt) {
        denied.add(accessTokenId);
    }

    @Override
    public Optional<Role> currentRole(String accessTokenId, String familyId, String userId) {
        Family family = families.get(familyId);
        if (denied.contains(accessTokenId) || family == null || !family.active
                || !family.current.userId().equals(userId)) {
            return Optional.empty();
        }
        return Optional.of(roleOf.apply(userId));
    }

    public boolean isActive(String familyId) {
        Family family = families.get(familyId);
        return family != null && family.active;
    }

    public int familyCount() {
        return families.size();
    }
}
