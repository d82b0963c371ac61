package kr.tickets.users;

import static kr.tickets.common.ApiAssertions.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import kr.tickets.common.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserServiceTest {
    private static final SignupCommand MINJI =
            new SignupCommand("김민지", "minji@example.com", "s3cret!pass", "010-1234-5678");

    private final MutableClock clock = MutableClock.at("2030-03-01T09:00:00Z");
    private final InMemoryUserRepository repository = new InMemoryUserRepository();
    private final PasswordHasher hasher = new PasswordHasher(4);
    private final UserService users = new UserService(repository, hasher, clock);

    private String minjiId;

    @BeforeEach
    void signUpMinji() {
        minjiId = users.signup(MINJI).userId();
    }

    private User stored() {
        return repository.findById(minjiId).orElseThrow();
    }

    @Test
    void signupCreatesAnAccountWithRoleUser() {
        Profile profile = users.profile(minjiId);
        assertEquals(new Profile(minjiId, "김민지", "minji@example.com", "010-1234-5678", "USER"), profile);
        assertEquals(Role.USER, stored().role());
    }

    @Test
    void signupStoresAHashNotThePassword() {
        User user = stored();
        assertNotEquals("s3cret!pass", user.passwordHash());
        assertTrue(hasher.matches("s3cret!pass", user.passwordHash()));
    }

    @Test
    void signupStampsCreationTimeFromTheClockAndStartsAtVersionOne() {
        User user = stored();
        assertEquals(Instant.parse("2030-03-01T09:00:00Z"), user.createdAt());
        assertEquals(user.createdAt(), user.updatedAt());
        assertEquals(1, user.version());
    }

    @Test
    void eachSignupGetsItsOwnId() {
        String other = users.signup(new SignupCommand("이서준", "seojun@example.com", "an0ther!pw", "010-2222-3333"))
                .userId();
        assertNotEquals(minjiId, other);
    }

    @Test
    void takenEmailIsRefusedByTheStoreAndNothingIsAdded() {
        int writes = repository.writes();
        assertFails(() -> users.signup(
                new SignupCommand("다른사람", "minji@example.com", "an0ther!pw", "010-2222-3333")), 409, "EMAIL_TAKEN");
        assertEquals(writes, repository.writes());
    }

    @Test
    void updateWithWrongCurrentPasswordIsRejectedAndNothingChanges() {
        User before = stored();
        int writes = repository.writes();
        clock.advance(Duration.ofMinutes(5));

        assertFails(() -> users.update(minjiId,
                        new ProfileUpdate("새이름", "010-9999-8888", "wrong!pass1", "n3w!password")),
                400, "INVALID_CURRENT_PASSWORD");

        assertEquals(before, stored());
        assertEquals(writes, repository.writes());
        assertTrue(hasher.matches("s3cret!pass", stored().passwordHash()));
    }

    @Test
    void updateWithRightCurrentPasswordChangesThePassword() {
        UserService.UpdateResult result = users.update(minjiId,
                new ProfileUpdate(null, null, "s3cret!pass", "n3w!password"));

        assertTrue(result.passwordChanged());
        assertTrue(hasher.matches("n3w!password", stored().passwordHash()));
        assertFalse(hasher.matches("s3cret!pass", stored().passwordHash()));
        assertTrue(users.authenticate("minji@example.com", "n3w!password").isPresent());
        assertTrue(users.authenticate("minji@example.com", "s3cret!pass").isEmpty());
    }

    @Test
    void updateOfNameAndPhoneKeepsThePasswordAndBumpsTheVersion() {
        User before = stored();
        clock.advance(Duration.ofMinutes(5));

        UserService.UpdateResult result = users.update(minjiId, new ProfileUpdate("민지", "010-9999-8888", null, null));

        assertFalse(result.passwordChanged());
        assertEquals(new Profile(minjiId, "민지", "minji@example.com", "010-9999-8888", "USER"), result.profile());
        User after = stored();
        assertEquals(before.passwordHash(), after.passwordHash());
        assertEquals(before.version() + 1, after.version());
        assertEquals(before.createdAt(), after.createdAt());
        assertEquals(clock.instant(), after.updatedAt());
    }

    @Test
    void absentFieldsOfAnUpdateStayAsTheyWere() {
        users.update(minjiId, new ProfileUpdate(null, "010-9999-8888", null, null));
        assertEquals("김민지", stored().name());
        assertEquals("010-9999-8888", stored().phone());
        assertEquals("minji@example.com", stored().email());
        assertEquals(Role.USER, stored().role());
    }

    @Test
    void updateOfADeletedAccountIsUnauthenticated() {
        repository.delete(minjiId);
        assertFails(() -> users.update(minjiId, new ProfileUpdate("민지", null, null, null)), 401, "UNAUTHENTICATED");
    }

    @Test
    void authenticateFindsTheAccountOnlyWithItsPassword() {
        assertEquals(minjiId, users.authenticate("minji@example.com", "s3cret!pass").orElseThrow().userId());
        assertTrue(users.authenticate("minji@example.com", "wrong!pass1").isEmpty());
        assertTrue(users.authenticate("nobody@example.com", "s3cret!pass").isEmpty());
    }

    @Test
    void changeRolePromotesAndIsStored() {
        User promoted = users.changeRole(stored(), Role.ADMIN);
        assertEquals(Role.ADMIN, promoted.role());
        assertEquals(Role.ADMIN, stored().role());
        assertEquals(2, stored().version());
    }

    @Test
    void createWithAdminRoleIsOnlyForTheBootstrap() {
        User admin = users.create(new SignupCommand("관리자", "admin@example.com", "adm1n!pass", "010-0000-0000"),
                Role.ADMIN);
        assertEquals(Role.ADMIN, repository.findById(admin.userId()).orElseThrow().role());
        // whereas the public signup always gives USER
        assertEquals("USER", users.signup(
                new SignupCommand("이서준", "seojun@example.com", "an0ther!pw", "010-2222-3333")).role());
    }
}
