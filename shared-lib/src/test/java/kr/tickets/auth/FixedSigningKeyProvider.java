package kr.tickets.auth;

import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;

/** A signing key from a fixed test secret instead of Secrets Manager. */
public final class FixedSigningKeyProvider extends SigningKeyProvider {
    public static final String SECRET = "test-signing-secret-of-at-least-32-bytes!";
    public static final String OTHER_SECRET = "another-signing-secret-that-is-32-bytes+";

    private final SecretKey key;

    public FixedSigningKeyProvider(String secret) {
        super(null, "test-secret");
        this.key = Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8));
    }

    public FixedSigningKeyProvider() {
        this(SECRET);
    }

    @Override
    public SecretKey key() {
        return key;
    }
}
