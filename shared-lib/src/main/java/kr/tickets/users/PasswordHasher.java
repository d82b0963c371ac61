package kr.tickets.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;

/** bcrypt (cost from PASSWORD_HASH_COST). Passwords are never logged or stored in clear. */
@Singleton
public class PasswordHasher {
    private final int cost;
    /** Checked against when the account does not exist, so both answers take the same time. */
    private final byte[] decoy;

    public PasswordHasher(@Value("${password.hash.cost:10}") int cost) {
        this.cost = cost;
        this.decoy = BCrypt.withDefaults().hash(cost, "decoy-password-1!".toCharArray());
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean matches(String password, String hash) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > UserRules.PASSWORD_MAX_BYTES) {
            // No stored password is that long (sign-up refuses it); the library would throw instead.
            return matchesNothing(password);
        }
        return BCrypt.verifyer().verify(bytes, hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the time of a real check and fails, for unknown accounts. */
    public boolean matchesNothing(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        BCrypt.verifyer().verify(java.util.Arrays.copyOf(bytes, Math.min(bytes.length, UserRules.PASSWORD_MAX_BYTES)),
                decoy);
        return false;
    }
}
