package kr.tickets.auth;

/** The login and refresh response of the contract. */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long accessTokenExpiresIn,
                        long refreshTokenExpiresIn) {
    public static TokenPair bearer(String access, String refresh) {
        return new TokenPair(access, refresh, "Bearer", TokenPolicy.ACCESS_TTL.toSeconds(),
                TokenPolicy.REFRESH_TTL.toSeconds());
    }
}
