package kr.tickets.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import kr.tickets.users.Role;

/**
 * Signs and verifies JWTs (HS256). Access and refresh tokens carry a {@code typ} claim so one
 * can never stand in for the other, and a family id ({@code fid}) shared by every token that
 * descends from one login. Verification rejects unsigned ({@code alg: none}), foreign-key,
 * expired and malformed tokens alike.
 */
@Singleton
@Requires(beans = SigningKeyProvider.class)
public class TokenService {
    private static final String TYPE = "typ";
    private static final String FAMILY = "fid";
    private static final String ROLE = "role";
    /** When the login happened (OIDC's name); the refresh cap counts from it. */
    private static final String AUTH_TIME = "auth_time";

    private final SigningKeyProvider keys;
    private final Clock clock;

    public TokenService(SigningKeyProvider keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** A login's first pair: a new family member whose absolute cap is 14 days from now. */
    public Issued issue(String userId, Role role, String familyId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return sign(new Grant(userId, role, familyId, newId(), newId(), now, now, now.plus(TokenPolicy.REFRESH_TTL)));
    }

    /**
     * The successor of a presented refresh token: new token ids, and a refresh expiry of
     * min(now + 14 days, login + 14 days), so rotating never extends a login.
     */
    public Issued successor(RefreshClaims presented, Role role) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant cap = presented.loginExpiresAt();
        Instant normal = now.plus(TokenPolicy.REFRESH_TTL);
        return sign(new Grant(presented.userId(), role, presented.familyId(), newId(), newId(), presented.authTime(),
                now, normal.isBefore(cap) ? normal : cap));
    }

    /** Signs a grant; the same grant always gives the same two tokens. */
    public Issued sign(Grant grant) {
        String access = builder(grant, grant.accessTokenId(), "access", grant.accessExpiresAt())
                .claim(ROLE, grant.role().name()).compact();
        String refresh = builder(grant, grant.refreshTokenId(), "refresh", grant.refreshExpiresAt()).compact();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return new Issued(new TokenPair(access, refresh, "Bearer", secondsLeft(now, grant.accessExpiresAt()),
                secondsLeft(now, grant.refreshExpiresAt())), grant);
    }

    private static long secondsLeft(Instant now, Instant end) {
        return Math.max(0, Duration.between(now, end).toSeconds());
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private io.jsonwebtoken.JwtBuilder builder(Grant grant, String id, String type, Instant expiresAt) {
        return Jwts.builder()
                .issuer(TokenPolicy.ISSUER)
                .subject(grant.userId())
                .id(id)
                .claim(TYPE, type)
                .claim(FAMILY, grant.familyId())
                .claim(AUTH_TIME, grant.authTime().getEpochSecond())
                .issuedAt(Date.from(grant.issuedAt()))
                .expiration(Date.from(expiresAt))
                .signWith(keys.key(), Jwts.SIG.HS256);
    }

    /** The access token's principal, or empty when the token is not a valid access token. */
    public java.util.Optional<Principal> verifyAccess(String token) {
        return claims(token, "access").flatMap(c -> {
            try {
                return java.util.Optional.of(new Principal(c.getSubject(), Role.valueOf(c.get(ROLE, String.class)),
                        c.getId(), c.get(FAMILY, String.class), c.getExpiration().toInstant()));
            } catch (IllegalArgumentException | NullPointerException badRole) {
                return java.util.Optional.empty();
            }
        });
    }

    /** The refresh token's claims, or empty when it is not a valid refresh token. */
    public java.util.Optional<RefreshClaims> verifyRefresh(String token) {
        return claims(token, "refresh").map(c -> {
            Instant expiresAt = c.getExpiration().toInstant();
            Number authTime = c.get(AUTH_TIME, Number.class);
            // A token from before auth_time existed is capped at its own expiry.
            Instant login = authTime == null ? expiresAt.minus(TokenPolicy.REFRESH_TTL)
                    : Instant.ofEpochSecond(authTime.longValue());
            Instant cap = authTime == null ? expiresAt : login.plus(TokenPolicy.REFRESH_TTL);
            return new RefreshClaims(c.getSubject(), c.getId(), c.get(FAMILY, String.class), login, cap);
        });
    }

    private java.util.Optional<Claims> claims(String token, String type) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            return java.util.Optional.empty();
        }
        try {
            Claims claims = Jwts.parser()
                    .verifyWith(keys.key())
                    .requireIssuer(TokenPolicy.ISSUER)
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
            if (!type.equals(claims.get(TYPE, String.class)) || claims.getSubject() == null
                    || claims.getId() == null || claims.get(FAMILY, String.class) == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(claims);
        } catch (JwtException | IllegalArgumentException invalid) {
            return java.util.Optional.empty();
        }
    }

    public record Issued(TokenPair pair, Grant grant) {
        public String refreshTokenId() {
            return grant.refreshTokenId();
        }

        public Instant refreshExpiresAt() {
            return grant.refreshExpiresAt();
        }
    }

    /** @param loginExpiresAt the family's absolute end: login + 14 days */
    public record RefreshClaims(String userId, String tokenId, String familyId, Instant authTime,
                                Instant loginExpiresAt) {
    }
}
