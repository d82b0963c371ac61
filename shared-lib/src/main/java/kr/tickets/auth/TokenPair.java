package kr.tickets.auth;

/**
 * The login and refresh response of the contract. The lifetimes are the seconds left: 1800 and
 * 1209600 at login; a refresh late in a login gets less, as the login's 14 days run out.
 */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long accessTokenExpiresIn,
                        long refreshTokenExpiresIn) {
}
