package kr.tickets.users;

import java.util.Optional;

/** Where accounts live. Uniqueness of email and phone is the store's job, atomically. */
public interface UserRepository {
    /** Creates the account; throws 409 EMAIL_TAKEN or PHONE_TAKEN, writing nothing, when either is used. */
    void create(User user);

    Optional<User> findById(String userId);

    Optional<User> findByEmail(String normalizedEmail);

    /**
     * Replaces {@code current} by {@code updated} if nobody changed it meanwhile (same version);
     * moves the phone's uniqueness claim when it changed. 409 PHONE_TAKEN or CONCURRENT_UPDATE.
     */
    void update(User current, User updated);
}
