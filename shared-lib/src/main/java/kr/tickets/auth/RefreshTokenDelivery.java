package kr.tickets.auth;

import kr.tickets.common.JsonRequest;

/**
 * How a login's refresh token travels: in the JSON body (API clients, today's contract) or in
 * an {@code HttpOnly} cookie a browser app's scripts cannot read ({@link RefreshCookie}), as
 * OWASP recommends for browser apps.
 */
public enum RefreshTokenDelivery {
    BODY, COOKIE;

    /** The login body's field naming the delivery. */
    public static final String FIELD = "refreshTokenDelivery";

    /** The body's {@code refreshTokenDelivery}, BODY when absent; an error is recorded for any other value. */
    public static RefreshTokenDelivery from(JsonRequest body) {
        if (!body.has(FIELD)) {
            return BODY;
        }
        String value = body.optionalString(FIELD, 16);
        for (RefreshTokenDelivery delivery : values()) {
            if (delivery.name().equals(value)) {
                return delivery;
            }
        }
        if (value != null) {
            body.reject(FIELD, "must be BODY or COOKIE");
        }
        return BODY;
    }
}
