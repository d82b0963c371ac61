package kr.tickets.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserRulesTest {

    // --- email --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"minji@example.com", "min.ji+tickets@mail.example.co.kr", "MinJi@Example.COM",
            "a_b-c@sub-domain.example.org"})
    void wellFormedEmailIsAccepted(String email) {
        assertNull(UserRules.checkEmail(email));
    }

    @ParameterizedTest
    @ValueSource(strings = {"minji", "minji@", "@example.com", "minji@example", "min..ji@example.com",
            "minji@exa_mple.com", "minji @example.com", "minji@@example.com", "minji@-example.com",
            "minji@example..com", "minji@example.com."})
    void malformedEmailIsRejected(String email) {
        assertEquals("must be a valid email address", UserRules.checkEmail(email));
    }

    @Test
    void emailIsNormalisedToTrimmedLowerCase() {
        assertEquals("minji@example.com", UserRules.normalizeEmail("  MinJi@Example.COM \t"));
    }

    @Test
    void emailLowerCasingDoesNotDependOnTheDefaultLocale() {
        java.util.Locale previous = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(new java.util.Locale("tr", "TR"));
            // In Turkish, "I".toLowerCase() is a dotless ı; emails must not change with the server locale.
            assertEquals("imin@example.com", UserRules.normalizeEmail("IMIN@EXAMPLE.COM"));
        } finally {
            java.util.Locale.setDefault(previous);
        }
    }

    // --- password -----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"s3cret!pass", "abcdef1!", "Passw0rd#", "비밀번호1234!", "p4ss word!"})
    void passwordWithLetterDigitAndSpecialCharacterIsAccepted(String password) {
        assertNull(UserRules.checkPassword(password));
    }

    @Test
    void passwordShorterThanEightCharactersIsRejected() {
        assertEquals("must be at least 8 characters", UserRules.checkPassword("abcde1!"));
    }

    @Test
    void passwordOfExactlyEightCharactersIsAccepted() {
        assertEquals(UserRules.PASSWORD_MIN, "abcde12!".length());
        assertNull(UserRules.checkPassword("abcde12!"));
    }

    /**
     * No special character, no digit, no letter, and whitespace as the only non-alphanumeric
     * character (it does not count as the special character).
     */
    @ParameterizedTest
    @ValueSource(strings = {"password123", "password!!", "12345678!", "pass word 123"})
    void passwordWithoutALetterADigitAndASpecialCharacterIsRejected(String password) {
        assertEquals("must contain a letter, a digit and a special character", UserRules.checkPassword(password));
    }

    @Test
    void passwordOfExactly72BytesIsAccepted() {
        String password = "a1!" + "x".repeat(69);
        assertEquals(UserRules.PASSWORD_MAX_BYTES, password.getBytes(StandardCharsets.UTF_8).length);
        assertNull(UserRules.checkPassword(password));
    }

    @Test
    void passwordOver72BytesIsRejectedBecauseBcryptWouldTruncateIt() {
        String password = "a1!" + "x".repeat(70);
        assertEquals(73, password.getBytes(StandardCharsets.UTF_8).length);
        assertEquals("must be at most 72 bytes", UserRules.checkPassword(password));
    }

    @Test
    void byteLimitCountsUtf8BytesSoFewMultibyteCharactersCanExceedIt() {
        // 25 Hangul syllables (3 bytes each) + "1!" = 27 characters but 77 bytes.
        String password = "가".repeat(25) + "1!";
        assertEquals(27, password.length());
        assertNotNull(UserRules.checkPassword(password));
        assertEquals("must be at most 72 bytes", UserRules.checkPassword(password));
    }

    // --- phone --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"010-1234-5678", "010-0000-0000", "010-9999-9999"})
    void phoneOfTheForm010XXXXXXXXIsAccepted(String phone) {
        assertNull(UserRules.checkPhone(phone));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01012345678", "011-1234-5678", "010-123-5678", "010-1234-567", "010-12345-678",
            "010-1234-56789", "+82-10-1234-5678", " 010-1234-5678", "010-1234-5678\n", "010 1234 5678",
            "010-abcd-5678", "010-١٢٣٤-٥٦٧٨"})
    void phoneNotOfTheForm010XXXXXXXXIsRejected(String phone) {
        assertEquals("must look like 010-XXXX-XXXX", UserRules.checkPhone(phone));
    }

    // --- name ---------------------------------------------------------------------------

    @Test
    void nameOfOnlyWhitespaceIsRejected() {
        assertEquals("must not be blank", UserRules.checkName(" \u3000 "));
        assertNull(UserRules.checkName("김민지"));
    }

    @Test
    void passwordLengthCountsCharactersNotUtf16Units() {
        assertNotNull(UserRules.checkPassword("a\uD83D\uDE001!\uD83D\uDE00\uD83D\uDE00"));
    }
}
