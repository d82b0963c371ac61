package kr.tickets.auth;

import java.util.List;
import java.util.Optional;
import kr.tickets.common.ApiException;

/**
 * The refresh token's cookie for browser apps: {@code refresh_token}, sent only to
 * {@code /auth} (refresh and logout), never readable by scripts ({@code HttpOnly}), never over
 * plain HTTP but on localhost ({@code Secure}), never on a cross-site request
 * ({@code SameSite=Strict}); it lives as long as the refresh token it carries. Together with
 * the JSON-only bodies of {@code /auth/refresh} and {@code /auth/logout} (a cross-site form
 * cannot send {@code application/json}) this is the CSRF defence.
 */
public final class RefreshCookie {
    public static final String NAME = "refresh_token";
    public static final String PATH = "/auth";
    /** As the body's refreshToken: far above a real token, far below a header's limits. */
    public static final int MAX_VALUE_LENGTH = 4096;
    private static final String ATTRIBUTES = "; Path=" + PATH + "; Max-Age=%d; HttpOnly; Secure; SameSite=Strict";

    private RefreshCookie() {
    }

    /** The Set-Cookie value carrying {@code token} for {@code maxAgeSeconds} (the token's own seconds left). */
    public static String issue(String token, long maxAgeSeconds) {
        if (token == null || token.isEmpty() || !cookieOctets(token) || token.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("not a cookie value");
        }
        if (maxAgeSeconds <= 0) {
            throw new IllegalArgumentException("a refresh cookie must live: " + maxAgeSeconds);
        }
        return NAME + "=" + token + String.format(java.util.Locale.ROOT, ATTRIBUTES, maxAgeSeconds);
    }

    /** The Set-Cookie value that makes the browser drop the cookie (same name, path and attributes). */
    public static String clear() {
        return NAME + "=" + String.format(java.util.Locale.ROOT, ATTRIBUTES, 0);
    }

    /**
     * The refresh token in the request's Cookie headers (RFC 6265 {@code name=value} pairs split
     * by {@code ;}, any number of headers, other cookies ignored, a value in double quotes
     * unquoted), or empty when there is none or it is empty. When the browser sends the name
     * twice the first wins (RFC 6265 orders the longer path first).
     *
     * @throws ApiException 400 VALIDATION_FAILED naming {@code refreshToken} when the value is
     *                      longer than {@link #MAX_VALUE_LENGTH}
     */
    public static Optional<String> read(List<String> cookieHeaders) {
        if (cookieHeaders == null) {
            return Optional.empty();
        }
        for (String header : cookieHeaders) {
            if (header == null) {
                continue;
            }
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq < 0 || !pair.substring(0, eq).trim().equals(NAME)) {
                    continue;
                }
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (value.length() > MAX_VALUE_LENGTH) {
                    throw ApiException.validation("refreshToken",
                            "the " + NAME + " cookie must be at most " + MAX_VALUE_LENGTH + " characters");
                }
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** RFC 6265 cookie-octet: visible ASCII except quote, comma, semicolon and backslash. */
    private static boolean cookieOctets(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
