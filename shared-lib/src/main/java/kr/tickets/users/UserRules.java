package kr.tickets.users;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The account rules of requirements §1.1: email format, a password of at least 8 characters
 * with a letter, a digit and a special character, and a 010-XXXX-XXXX phone number.
 * Each check returns null when the value is fine, or the message for the field error.
 */
public final class UserRules {
    public static final int NAME_MAX = 50;
    public static final int EMAIL_MAX = 254;
    public static final int PASSWORD_MIN = 8;
    /** bcrypt reads at most 72 bytes; a longer password would be silently truncated. */
    public static final int PASSWORD_MAX_BYTES = 72;

    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Pattern PHONE = Pattern.compile("^010-\\d{4}-\\d{4}$");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    private static final Pattern DIGIT = Pattern.compile("\\p{Nd}");
    private static final Pattern SPECIAL = Pattern.compile("[^\\p{L}\\p{Nd}\\s]");

    private UserRules() {
    }

    /** Emails are compared case-insensitively, so they are stored lower-cased. */
    public static String normalizeEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public static String checkEmail(String email) {
        return EMAIL.matcher(email).matches() && !email.contains("..") ? null : "must be a valid email address";
    }

    public static String checkPhone(String phone) {
        return PHONE.matcher(phone).matches() ? null : "must look like 010-XXXX-XXXX";
    }

    public static String checkName(String name) {
        return name.strip().isEmpty() ? "must not be blank" : null;
    }

    public static String checkPassword(String password) {
        if (password.codePointCount(0, password.length()) < PASSWORD_MIN) {
            return "must be at least " + PASSWORD_MIN + " characters";
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            return "must be at most " + PASSWORD_MAX_BYTES + " bytes";
        }
        if (!LETTER.matcher(password).find() || !DIGIT.matcher(password).find()
                || !SPECIAL.matcher(password).find()) {
            return "must contain a letter, a digit and a special character";
        }
        return null;
    }
}
