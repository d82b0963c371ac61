package kr.tickets.users;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(4);

    @Test
    void hashVerifiesAgainstTheSamePassword() {
        assertTrue(hasher.matches("s3cret!pass", hasher.hash("s3cret!pass")));
    }

    @Test
    void wrongPasswordDoesNotVerify() {
        String hash = hasher.hash("s3cret!pass");
        assertFalse(hasher.matches("s3cret!pasS", hash));
        assertFalse(hasher.matches("s3cret!pas", hash));
        assertFalse(hasher.matches("", hash));
    }

    @Test
    void hashIsNotThePasswordAndDoesNotContainIt() {
        String hash = hasher.hash("s3cret!pass");
        assertNotEquals("s3cret!pass", hash);
        assertFalse(hash.contains("s3cret"));
    }

    @Test
    void hashIsBcryptWithTheConfiguredCost() {
        assertTrue(hasher.hash("s3cret!pass").startsWith("$2a$04$"));
        assertTrue(new PasswordHasher(5).hash("s3cret!pass").startsWith("$2a$05$"));
    }

    @Test
    void samePasswordHashesDifferentlyEachTimeBecauseOfTheSalt() {
        String first = hasher.hash("s3cret!pass");
        String second = hasher.hash("s3cret!pass");
        assertNotEquals(first, second);
        assertTrue(hasher.matches("s3cret!pass", first));
        assertTrue(hasher.matches("s3cret!pass", second));
    }

    @Test
    void nonAsciiPasswordRoundTrips() {
        String hash = hasher.hash("비밀번호1234!");
        assertTrue(hasher.matches("비밀번호1234!", hash));
        assertFalse(hasher.matches("비밀번호1234?", hash));
    }

    @Test
    void longestAllowedPasswordOf72BytesRoundTrips() {
        String password = "a1!" + "x".repeat(69);
        String hash = hasher.hash(password);
        assertTrue(hasher.matches(password, hash));
        assertFalse(hasher.matches("a1!" + "x".repeat(68) + "y", hash));
    }

    @Test
    void unknownAccountCheckNeverSucceeds() {
        assertFalse(hasher.matchesNothing("decoy-password-1!"));
        assertFalse(hasher.matchesNothing("s3cret!pass"));
    }

    @Test
    void passwordLongerThanBcryptReadsIsAMismatchNotAnError() {
        String hash = hasher.hash("s3cret!pass");
        assertFalse(hasher.matches("가".repeat(25) + "1!", hash));
        assertFalse(hasher.matchesNothing("a".repeat(100)));
    }
}
