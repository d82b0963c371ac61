package kr.tickets.auth;

/**
 * A login or refresh answer whose refresh token went into the {@link RefreshCookie}: the
 * contract's TokenPair without {@code refreshToken}, so no script ever sees it.
 */
public record AccessTokens(String accessToken, String tokenType, long accessTokenExpiresIn,
                           long refreshTokenExpiresIn) {
    public static AccessTokens of(TokenPair pair) {
        return new AccessTokens(pair.accessToken(), pair.tokenType(), pair.accessTokenExpiresIn(),
                pair.refreshTokenExpiresIn());
    }
}
