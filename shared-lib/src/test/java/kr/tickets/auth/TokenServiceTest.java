package kr.tickets.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import kr.tickets.common.MutableClock;
import kr.tickets.users.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenServiceTest {
    private static final String USER_ID = "0190a5c4-0000-7000-8000-000000000001";
    private static final String FAMILY_ID = "0190a5c4-0000-7000-8000-0000000000ff";

    private final MutableClock clock = MutableClock.at("2030-03-01T09:00:00Z");
    private final FixedSigningKeyProvider keys = new FixedSigningKeyProvider();
    private final TokenService tokens = new TokenService(keys, clock);

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    /** Valid access-token claims for the current clock, as JSON. */
    private String accessClaimsJson(String role) {
        long now = clock.instant().getEpochSecond();
        return "{\"iss\":\"tickets\",\"sub\":\"" + USER_ID + "\",\"jti\":\"forged-1\",\"typ\":\"access\",\"fid\":\""
                + FAMILY_ID + "\",\"iat\":" + now + ",\"exp\":" + (now + 1800) + ",\"role\":\"" + role + "\"}";
    }

    // --- access tokens ---------------------------------------------------------------------

    @Test
    void accessTokenVerifiesToItsPrincipal() {
        TokenService.Issued issued = tokens.issue(USER_ID, Role.ADMIN, FAMILY_ID);

        Principal principal = tokens.verifyAccess(issued.pair().accessToken()).orElseThrow();

        assertEquals(USER_ID, principal.userId());
        assertEquals(Role.ADMIN, principal.role());
        assertEquals(FAMILY_ID, principal.familyId());
        assertEquals(clock.instant().plus(TokenPolicy.ACCESS_TTL), principal.expiresAt());
        assertTrue(principal.tokenId() != null && !principal.tokenId().isBlank());
    }

    @Test
    void issuedPairIsBearerWithTheContractLifetimes() {
        TokenPair pair = tokens.issue(USER_ID, Role.USER, FAMILY_ID).pair();
        assertEquals("Bearer", pair.tokenType());
        assertEquals(1800, pair.accessTokenExpiresIn());
        assertEquals(1_209_600, pair.refreshTokenExpiresIn());
    }

    @Test
    void everyIssuedTokenHasItsOwnId() {
        TokenService.Issued first = tokens.issue(USER_ID, Role.USER, FAMILY_ID);
        TokenService.Issued second = tokens.issue(USER_ID, Role.USER, FAMILY_ID);
        assertNotEquals(first.refreshTokenId(), second.refreshTokenId());
        assertNotEquals(tokens.verifyAccess(first.pair().accessToken()).orElseThrow().tokenId(),
                tokens.verifyAccess(second.pair().accessToken()).orElseThrow().tokenId());
    }

    // --- both kinds: lifetime and type --------------------------------------------------------

    /** The two kinds of token a login issues, with the lifetime the contract gives each. */
    enum Kind {
        ACCESS(Duration.ofMinutes(30), TokenPolicy.ACCESS_TTL, TokenPair::accessToken, TokenService::verifyAccess),
        REFRESH(Duration.ofDays(14), TokenPolicy.REFRESH_TTL, TokenPair::refreshToken, TokenService::verifyRefresh);

        final Duration contractLifetime;
        final Duration ttl;
        final Function<TokenPair, String> token;
        final BiFunction<TokenService, String, Optional<?>> verify;

        Kind(Duration contractLifetime, Duration ttl, Function<TokenPair, String> token,
             BiFunction<TokenService, String, Optional<?>> verify) {
            this.contractLifetime = contractLifetime;
            this.ttl = ttl;
            this.token = token;
            this.verify = verify;
        }

        Kind other() {
            return this == ACCESS ? REFRESH : ACCESS;
        }
    }

    private String issue(Kind kind) {
        return kind.token.apply(tokens.issue(USER_ID, Role.USER, FAMILY_ID).pair());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void tokenIsValidUntilTheLastSecondOfItsLifetime(Kind kind) {
        String token = issue(kind);
        clock.advance(kind.contractLifetime.minusSeconds(1));
        assertTrue(kind.verify.apply(tokens, token).isPresent());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void expiredTokenIsRejected(Kind kind) {
        String token = issue(kind);
        clock.advance(kind.ttl.plusSeconds(1));
        assertEquals(Optional.empty(), kind.verify.apply(tokens, token));
    }

    /** A refresh token cannot be used as an access token, nor an access token as a refresh token. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void tokenIsNotAcceptedAsTheOtherKind(Kind kind) {
        String token = issue(kind);
        assertEquals(Optional.empty(), kind.other().verify.apply(tokens, token));
    }

    // --- refresh tokens --------------------------------------------------------------------

    @Test
    void refreshTokenVerifiesToItsClaims() {
        TokenService.Issued issued = tokens.issue(USER_ID, Role.USER, FAMILY_ID);

        TokenService.RefreshClaims claims = tokens.verifyRefresh(issued.pair().refreshToken()).orElseThrow();

        assertEquals(new TokenService.RefreshClaims(USER_ID, issued.refreshTokenId(), FAMILY_ID, clock.instant(),
                clock.instant().plus(TokenPolicy.REFRESH_TTL)), claims);
        assertEquals(clock.instant().plus(TokenPolicy.REFRESH_TTL), issued.refreshExpiresAt());
    }

    @Test
    void successorNeverOutlivesTheLoginItDescendsFrom() {
        TokenService.Issued login = tokens.issue(USER_ID, Role.USER, FAMILY_ID);
        Instant loginEnds = clock.instant().plus(TokenPolicy.REFRESH_TTL);
        clock.advance(Duration.ofDays(10));

        TokenService.Issued next = tokens.successor(tokens.verifyRefresh(login.pair().refreshToken()).orElseThrow(),
                Role.USER);

        assertEquals(loginEnds, next.refreshExpiresAt());
        assertEquals(Duration.ofDays(4).toSeconds(), next.pair().refreshTokenExpiresIn());
        // The cap travels in the successor's own claims, through any number of rotations.
        clock.advance(Duration.ofDays(3));
        TokenService.Issued third = tokens.successor(tokens.verifyRefresh(next.pair().refreshToken()).orElseThrow(),
                Role.USER);
        assertEquals(loginEnds, third.refreshExpiresAt());
        assertEquals(loginEnds, tokens.verifyRefresh(third.pair().refreshToken()).orElseThrow().loginExpiresAt());
    }

    @Test
    void accessTokenEndsWithTheLoginWhenLessThanHalfAnHourIsLeft() {
        TokenService.Issued login = tokens.issue(USER_ID, Role.USER, FAMILY_ID);
        clock.advance(TokenPolicy.REFRESH_TTL.minus(Duration.ofMinutes(10)));

        TokenService.Issued next = tokens.successor(tokens.verifyRefresh(login.pair().refreshToken()).orElseThrow(),
                Role.USER);

        assertEquals(600, next.pair().accessTokenExpiresIn());
        assertEquals(clock.instant().plus(Duration.ofMinutes(10)),
                tokens.verifyAccess(next.pair().accessToken()).orElseThrow().expiresAt());
    }

    @Test
    void signingTheSameGrantAgainGivesTheSameTokens() {
        TokenService.Issued first = tokens.issue(USER_ID, Role.ADMIN, FAMILY_ID);
        clock.advance(Duration.ofSeconds(5));

        TokenService.Issued again = tokens.sign(first.grant());

        assertEquals(first.pair().accessToken(), again.pair().accessToken());
        assertEquals(first.pair().refreshToken(), again.pair().refreshToken());
    }

    // --- forgeries -------------------------------------------------------------------------

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        TokenService foreign = new TokenService(new FixedSigningKeyProvider(FixedSigningKeyProvider.OTHER_SECRET), clock);
        TokenPair pair = foreign.issue(USER_ID, Role.ADMIN, FAMILY_ID).pair();

        assertEquals(Optional.empty(), tokens.verifyAccess(pair.accessToken()));
        assertEquals(Optional.empty(), tokens.verifyRefresh(pair.refreshToken()));
    }

    @Test
    void unsignedAlgNoneTokenIsRejected() {
        String token = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(accessClaimsJson("ADMIN")) + ".";
        assertEquals(Optional.empty(), tokens.verifyAccess(token));
    }

    @Test
    void algNoneHeaderOnARealTokenIsRejected() {
        String[] parts = tokens.issue(USER_ID, Role.USER, FAMILY_ID).pair().accessToken().split("\\.");
        String token = b64("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2];
        assertEquals(Optional.empty(), tokens.verifyAccess(token));
        assertEquals(Optional.empty(), tokens.verifyAccess(b64("{\"alg\":\"none\"}") + "." + parts[1] + "."));
    }

    @Test
    void tokenWithItsSignatureStrippedIsRejected() {
        String[] parts = tokens.issue(USER_ID, Role.USER, FAMILY_ID).pair().accessToken().split("\\.");
        assertEquals(Optional.empty(), tokens.verifyAccess(parts[0] + "." + parts[1] + "."));
    }

    @Test
    void tamperedPayloadIsRejected() {
        String[] parts = tokens.issue(USER_ID, Role.USER, FAMILY_ID).pair().accessToken().split("\\.");
        String payload = unb64(parts[1]);
        String elevated = payload.replace("\"role\":\"USER\"", "\"role\":\"ADMIN\"");
        assertNotEquals(payload, elevated, "the test must actually change the role claim");

        String tampered = parts[0] + "." + b64(elevated) + "." + parts[2];

        assertEquals(Optional.empty(), tokens.verifyAccess(tampered));
    }

    @Test
    void payloadWithExtendedExpiryIsRejected() {
        String[] parts = tokens.issue(USER_ID, Role.USER, FAMILY_ID).pair().accessToken().split("\\.");
        String payload = unb64(parts[1]);
        long exp = clock.instant().plus(TokenPolicy.ACCESS_TTL).getEpochSecond();
        String extended = payload.replace("\"exp\":" + exp, "\"exp\":" + (exp + 86_400));
        assertNotEquals(payload, extended, "the test must actually change the exp claim");
        clock.advance(Duration.ofHours(1));

        assertEquals(Optional.empty(), tokens.verifyAccess(parts[0] + "." + b64(extended) + "." + parts[2]));
    }

    @Test
    void tokenFromAnotherIssuerIsRejectedEvenWithTheRightKey() {
        Instant now = clock.instant();
        String token = Jwts.builder().issuer("someone-else").subject(USER_ID).id("t-1")
                .claim("typ", "access").claim("fid", FAMILY_ID).claim("role", "USER")
                .issuedAt(Date.from(now)).expiration(Date.from(now.plus(TokenPolicy.ACCESS_TTL)))
                .signWith(keys.key(), Jwts.SIG.HS256).compact();
        assertEquals(Optional.empty(), tokens.verifyAccess(token));
    }

    @Test
    void signedTokenWithoutTypeOrFamilyIsRejected() {
        Instant now = clock.instant();
        String noType = Jwts.builder().issuer(TokenPolicy.ISSUER).subject(USER_ID).id("t-1")
                .claim("fid", FAMILY_ID).claim("role", "USER")
                .expiration(Date.from(now.plus(TokenPolicy.ACCESS_TTL)))
                .signWith(keys.key(), Jwts.SIG.HS256).compact();
        String noFamily = Jwts.builder().issuer(TokenPolicy.ISSUER).subject(USER_ID).id("t-2")
                .claim("typ", "access").claim("role", "USER")
                .expiration(Date.from(now.plus(TokenPolicy.ACCESS_TTL)))
                .signWith(keys.key(), Jwts.SIG.HS256).compact();
        assertEquals(Optional.empty(), tokens.verifyAccess(noType));
        assertEquals(Optional.empty(), tokens.verifyAccess(noFamily));
    }

    @Test
    void signedAccessTokenWithUnknownRoleIsRejected() {
        Instant now = clock.instant();
        String token = Jwts.builder().issuer(TokenPolicy.ISSUER).subject(USER_ID).id("t-1")
                .claim("typ", "access").claim("fid", FAMILY_ID).claim("role", "SUPERUSER")
                .expiration(Date.from(now.plus(TokenPolicy.ACCESS_TTL)))
                .signWith(keys.key(), Jwts.SIG.HS256).compact();
        assertEquals(Optional.empty(), tokens.verifyAccess(token));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..", "Bearer x.y.z",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0"})
    void garbageIsRejected(String token) {
        assertEquals(Optional.empty(), tokens.verifyAccess(token));
        assertEquals(Optional.empty(), tokens.verifyRefresh(token));
    }

    @Test
    void aRotatedRefreshTokenKeepsItsLoginTimeAndCapFromAuthTime() {
        Instant login = clock.instant();
        clock.advance(Duration.ofDays(3));
        Instant now = clock.instant();
        // A successor: issued now, expiring earlier than login + 14 days would, so only auth_time gives the cap.
        Grant grant = new Grant(USER_ID, Role.USER, FAMILY_ID, "a-1", "r-1", login, now, now.plus(Duration.ofDays(1)));

        TokenService.RefreshClaims claims = tokens.verifyRefresh(tokens.sign(grant).pair().refreshToken()).orElseThrow();

        assertEquals(login, claims.authTime());
        assertEquals(login.plus(TokenPolicy.REFRESH_TTL), claims.loginExpiresAt());
    }

    @Test
    void aRefreshTokenFromBeforeAuthTimeIsCappedAtItsOwnExpiry() {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(Duration.ofDays(2));
        String legacy = Jwts.builder().issuer(TokenPolicy.ISSUER).subject(USER_ID).id("r-1")
                .claim("typ", "refresh").claim("fid", FAMILY_ID)
                .issuedAt(Date.from(now)).expiration(Date.from(expiresAt))
                .signWith(keys.key(), Jwts.SIG.HS256).compact();

        TokenService.RefreshClaims claims = tokens.verifyRefresh(legacy).orElseThrow();

        assertEquals(expiresAt.minus(TokenPolicy.REFRESH_TTL), claims.authTime());
        assertEquals(expiresAt, claims.loginExpiresAt());
    }

    @Test
    void aValidTokenOfExactly4096CharactersIsStillRead() {
        Instant now = clock.instant();
        String token = "";
        // Base64url cannot give every length from one claim, so a second claim's length is varied too.
        for (int pad = 2000; pad < 3100 && token.length() != 4096; pad++) {
            for (int extra = 0; extra < 3 && token.length() != 4096; extra++) {
                token = Jwts.builder().issuer(TokenPolicy.ISSUER).subject(USER_ID).id("t-1")
                        .claim("typ", "access").claim("fid", FAMILY_ID).claim("role", "USER")
                        .claim("pad", "p".repeat(pad)).claim("x", "x".repeat(extra))
                        .expiration(Date.from(now.plus(TokenPolicy.ACCESS_TTL)))
                        .signWith(keys.key(), Jwts.SIG.HS256).compact();
            }
        }

        assertEquals(4096, token.length());
        assertEquals(USER_ID, tokens.verifyAccess(token).orElseThrow().userId());
    }

    @Test
    void oversizedTokenIsRejectedWithoutParsing() {
        assertEquals(Optional.empty(), tokens.verifyAccess("a".repeat(5000)));
    }
}
