package kr.tickets.users;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import kr.tickets.common.ApiException;
import kr.tickets.common.Ids;

/**
 * Sign-up and the profile (requirements §1.1, §1.2).
 *
 * <pre>{@code POST /auth/signup {"name":"김민지","email":"minji@example.com","password":"s3cret!pass","phone":"010-1234-5678"}}</pre>
 */
@Singleton
@Requires(beans = UserRepository.class)
public class UserService {
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Clock clock;

    public UserService(UserRepository users, PasswordHasher hasher, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
    }

    public Profile signup(SignupCommand command) {
        return create(command, Role.USER).profile();
    }

    /** Creates an account with the given role; used by signup and by the admin bootstrap. */
    public User create(SignupCommand command, Role role) {
        Instant now = clock.instant();
        User user = new User(Ids.newId(), command.name(), command.email(), command.phone(), role,
                hasher.hash(command.password()), now, now, 1);
        users.create(user);
        return user;
    }

    public Profile profile(String userId) {
        return existing(userId).profile();
    }

    /**
     * Applies a PATCH /me. A password change needs the current password (400
     * INVALID_CURRENT_PASSWORD otherwise) and reports itself so that other sessions can be ended.
     */
    public UpdateResult update(String userId, ProfileUpdate change) {
        User current = existing(userId);
        String hash = current.passwordHash();
        boolean passwordChanged = false;
        if (change.newPassword() != null) {
            if (!hasher.matches(change.currentPassword(), current.passwordHash())) {
                throw new ApiException(400, "INVALID_CURRENT_PASSWORD", "The current password is wrong.");
            }
            hash = hasher.hash(change.newPassword());
            passwordChanged = true;
        }
        User updated = current.withProfile(
                change.name() != null ? change.name() : current.name(),
                change.phone() != null ? change.phone() : current.phone(),
                hash, clock.instant());
        users.update(current, updated);
        return new UpdateResult(updated.profile(), passwordChanged);
    }

    /** The account whose password matches, or empty; takes the same time whether the email exists or not. */
    public Optional<User> authenticate(String normalizedEmail, String password) {
        Optional<User> user = users.findByEmail(normalizedEmail);
        if (user.isEmpty()) {
            hasher.matchesNothing(password);
            return Optional.empty();
        }
        return hasher.matches(password, user.get().passwordHash()) ? user : Optional.empty();
    }

    public Optional<User> findById(String userId) {
        return users.findById(userId);
    }

    public Optional<User> findByEmail(String normalizedEmail) {
        return users.findByEmail(normalizedEmail);
    }

    public User changeRole(User user, Role role) {
        User promoted = user.withRole(role, clock.instant());
        users.update(user, promoted);
        return promoted;
    }

    private User existing(String userId) {
        return users.findById(userId).orElseThrow(() -> ApiException.unauthenticated("The account no longer exists."));
    }

    public record UpdateResult(Profile profile, boolean passwordChanged) {
    }
}
