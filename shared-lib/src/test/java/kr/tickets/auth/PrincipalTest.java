package kr.tickets.auth;

import static kr.tickets.common.ApiAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import kr.tickets.users.Role;
import org.junit.jupiter.api.Test;

class PrincipalTest {
    private static Principal as(Role role) {
        return new Principal("u-1", role, "t-1", "f-1", Instant.parse("2030-03-01T09:30:00Z"));
    }

    @Test
    void userCannotActAsAdmin() {
        assertFails(() -> as(Role.USER).require(Role.ADMIN), 403, "FORBIDDEN");
    }

    @Test
    void adminPassesTheAdminCheck() {
        Principal admin = as(Role.ADMIN);
        assertSame(admin, admin.require(Role.ADMIN));
    }

    @Test
    void userPassesTheUserCheck() {
        Principal user = as(Role.USER);
        assertSame(user, user.require(Role.USER));
    }

    @Test
    void adminPassesTheUserCheck() {
        Principal admin = as(Role.ADMIN);
        assertSame(admin, admin.require(Role.USER));
    }
}
