package kr.tickets.users;

import java.time.Instant;

/** A stored account. {@code version} guards concurrent profile updates. */
public record User(String userId, String name, String email, String phone, Role role, String passwordHash,
                   Instant createdAt, Instant updatedAt, long version) {

    public Profile profile() {
        return new Profile(userId, name, email, phone, role.name());
    }

    public User withProfile(String newName, String newPhone, String newPasswordHash, Instant now) {
        return new User(userId, newName, email, newPhone, role, newPasswordHash, createdAt, now, version + 1);
    }

    public User withRole(Role newRole, Instant now) {
        return new User(userId, name, email, phone, newRole, passwordHash, createdAt, now, version + 1);
    }
}
