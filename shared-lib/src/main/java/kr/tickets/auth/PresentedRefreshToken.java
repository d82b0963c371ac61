package kr.tickets.auth;

import java.util.List;
import java.util.Optional;
import kr.tickets.common.JsonRequest;

/**
 * The refresh token a refresh or logout presents, and how it came: the body's
 * {@code refreshToken} wins when present (JSON clients, unchanged); else the
 * {@link RefreshCookie}. The answer goes back the same way: a rotated cookie, or the body.
 */
public record PresentedRefreshToken(String token, RefreshTokenDelivery via) {
    /** The body's field, as before cookies. */
    public static final String FIELD = "refreshToken";
    private static final int MAX_LENGTH = 4096;

    /**
     * The token of this request, or null with an error recorded on {@code body} (call
     * {@link JsonRequest#throwIfInvalid()}): a body field that is not a usable string, or neither
     * a field nor a cookie.
     */
    public static PresentedRefreshToken from(JsonRequest body, List<String> cookieHeaders) {
        if (body.has(FIELD)) {
            String token = body.requiredString(FIELD, MAX_LENGTH);
            return token == null ? null : new PresentedRefreshToken(token, RefreshTokenDelivery.BODY);
        }
        Optional<String> cookie = RefreshCookie.read(cookieHeaders);
        if (cookie.isPresent()) {
            return new PresentedRefreshToken(cookie.get(), RefreshTokenDelivery.COOKIE);
        }
        body.reject(FIELD, "is required (in the body, or the " + RefreshCookie.NAME + " cookie)");
        return null;
    }
}
