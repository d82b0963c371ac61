package kr.tickets.users;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import kr.tickets.common.ApiException;

/**
 * The UserRepository port in memory, with the contract of the DynamoDB adapter: unique email
 * and phone (409 EMAIL_TAKEN / PHONE_TAKEN) and optimistic versioning (409 CONCURRENT_UPDATE).
 */
public final class InMemoryUserRepository implements UserRepository {
    private final Map<String, User> byId = new HashMap<>();
    private final Map<String, String> idByEmail = new HashMap<>();
    private final Map<String, String> idByPhone = new HashMap<>();
    private int writes;

    @Override
    public void create(User user) {
        if (idByEmail.containsKey(user.email())) {
            throw ApiException.conflict("EMAIL_TAKEN", "An account with this email already exists.");
        }
        if (idByPhone.containsKey(user.phone())) {
            throw ApiException.conflict("PHONE_TAKEN", "An account with this phone number already exists.");
        }
        byId.put(user.userId(), user);
        idByEmail.put(user.email(), user.userId());
        idByPhone.put(user.phone(), user.userId());
        writes++;
    }

    @Override
    public Optional<User> findById(String userId) {
        return Optional.ofNullable(byId.get(userId));
    }

    @Override
    public Optional<User> findByEmail(String normalizedEmail) {
        return Optional.ofNullable(idByEmail.get(normalizedEmail)).map(byId::get);
    }

    @Override
    public void update(User current, User updated) {
        User stored = byId.get(current.userId());
        if (stored == null || stored.version() != current.version()) {
            throw ApiException.conflict("CONCURRENT_UPDATE", "The profile changed meanwhile; read it and try again.");
        }
        boolean phoneMoved = !current.phone().equals(updated.phone());
        if (phoneMoved && idByPhone.containsKey(updated.phone())) {
            throw ApiException.conflict("PHONE_TAKEN", "An account with this phone number already exists.");
        }
        if (phoneMoved) {
            idByPhone.remove(current.phone());
            idByPhone.put(updated.phone(), updated.userId());
        }
        byId.put(updated.userId(), updated);
        writes++;
    }

    /** Removes an account, as if it had been deleted meanwhile. */
    public void delete(String userId) {
        User user = byId.remove(userId);
        if (user != null) {
            idByEmail.remove(user.email());
            idByPhone.remove(user.phone());
        }
    }

    /** How many successful creates and updates reached the store. */
    public int writes() {
        return writes;
    }
}
