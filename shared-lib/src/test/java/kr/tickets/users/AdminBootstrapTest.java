package kr.tickets.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kr.tickets.common.MutableClock;
import org.junit.jupiter.api.Test;

class AdminBootstrapTest {
    private static final String EMAIL = "admin@tickets.local";
    private static final String PASSWORD = "Admin!2345";

    private final InMemoryUserRepository repository = new InMemoryUserRepository();
    private final UserService users = new UserService(repository, new PasswordHasher(4),
            MutableClock.at("2030-03-01T09:00:00Z"));

    private String ensure(String password) {
        return AdminBootstrap.ensureWith(users, EMAIL, password, "관리자", "010-0000-0000");
    }

    @Test
    void createsTheAdminWhenNoAccountHasTheEmail() {
        String id = ensure(PASSWORD);

        User admin = repository.findById(id).orElseThrow();
        assertEquals(Role.ADMIN, admin.role());
        assertTrue(users.authenticate(EMAIL, PASSWORD).isPresent());
    }

    @Test
    void promotesAnExistingAccountWhenGivenItsPassword() {
        String id = users.signup(new SignupCommand("김민지", EMAIL, PASSWORD, "010-1234-5678")).userId();

        assertEquals(id, ensure(PASSWORD));

        assertEquals(Role.ADMIN, repository.findById(id).orElseThrow().role());
    }

    @Test
    void refusesToPromoteAnExistingAccountOnItsEmailAlone() {
        String id = users.signup(new SignupCommand("누군가", EMAIL, "s0meone!else", "010-1234-5678")).userId();
        User before = repository.findById(id).orElseThrow();

        AdminBootstrap.Refused refused = assertThrows(AdminBootstrap.Refused.class, () -> ensure(PASSWORD));

        assertTrue(refused.getMessage().contains("not promoted"), refused.getMessage());
        assertEquals(before, repository.findById(id).orElseThrow());
    }

    @Test
    void runningItAgainKeepsTheSameAdmin() {
        String first = ensure(PASSWORD);
        assertEquals(first, ensure(PASSWORD));
        assertEquals(Role.ADMIN, repository.findById(first).orElseThrow().role());
    }

    @Test
    void anExistingAdminIsNotConfirmedWithAWrongPassword() {
        ensure(PASSWORD);
        assertThrows(AdminBootstrap.Refused.class, () -> ensure("Wrong!2345"));
    }
}
