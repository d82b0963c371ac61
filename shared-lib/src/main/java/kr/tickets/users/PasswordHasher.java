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
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Spends the time of a real check and fails, for unknown accounts. */
    public boolean matchesNothing(String password) {
        BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), decoy);
        return false;
    }
}
