package kr.tickets.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    private final SigningKeyProvider keys;
    private final Clock clock;

    public TokenService(SigningKeyProvider keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public Issued issue(String userId, Role role, String familyId) {
        Instant now = clock.instant();
        String accessId = UUID.randomUUID().toString();
        String refreshId = UUID.randomUUID().toString();
        String access = sign(userId, accessId, familyId, "access", now, TokenPolicy.ACCESS_TTL)
                .claim(ROLE, role.name()).compact();
        String refresh = sign(userId, refreshId, familyId, "refresh", now, TokenPolicy.REFRESH_TTL).compact();
        return new Issued(TokenPair.bearer(access, refresh), refreshId, now.plus(TokenPolicy.REFRESH_TTL));
    }

    private io.jsonwebtoken.JwtBuilder sign(String userId, String id, String familyId, String type, Instant now,
                                            Duration ttl) {
        return Jwts.builder()
                .issuer(TokenPolicy.ISSUER)
                .subject(userId)
                .id(id)
                .claim(TYPE, type)
                .claim(FAMILY, familyId)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
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
        return claims(token, "refresh").map(c -> new RefreshClaims(c.getSubject(), c.getId(),
                c.get(FAMILY, String.class)));
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

    public record Issued(TokenPair pair, String refreshTokenId, Instant refreshExpiresAt) {
    }

    public record RefreshClaims(String userId, String tokenId, String familyId) {
    }
}
