package kr.tickets.users;

import static kr.tickets.common.ApiAssertions.assertValidationFailed;
import static kr.tickets.common.ApiAssertions.jsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kr.tickets.common.ApiException;
import kr.tickets.common.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignupCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static SignupCommand signup(String json) {
        return SignupCommand.from(jsonBody(json));
    }

    private static ApiException rejected(String json) {
        return assertValidationFailed(() -> signup(json));
    }

    /** The fields of a valid sign-up, with {@code field} set to {@code value}. */
    private static Map<String, String> validWith(String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "김민지");
        fields.put("email", "minji@example.com");
        fields.put("password", "s3cret!pass");
        fields.put("phone", "010-1234-5678");
        fields.put(field, value);
        return fields;
    }

    private static String json(Map<String, String> fields) {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, String> byField(ApiException e) {
        return e.fieldErrors().stream().collect(Collectors.toMap(FieldError::field, FieldError::message));
    }

    @Test
    void validSignupIsReadWithEveryField() {
        SignupCommand command = signup("""
                {"name":"김민지","email":"minji@example.com","password":"s3cret!pass","phone":"010-1234-5678"}
                """);
        assertEquals(new SignupCommand("김민지", "minji@example.com", "s3cret!pass", "010-1234-5678"), command);
    }

    static Stream<Arguments> normalisedFields() {
        return Stream.of(
                arguments("email", "  MinJi@Example.COM ", "minji@example.com"), // trimmed and lower-cased
                arguments("name", "  김민지 ", "김민지"), // stripped of surrounding whitespace
                arguments("password", " s3cret!pass ", " s3cret!pass ")); // kept exactly as typed
    }

    @ParameterizedTest(name = "{0} ''{1}'' is read as ''{2}''")
    @MethodSource("normalisedFields")
    void fieldIsReadAsItsRuleSays(String field, String sent, String read) {
        Map<String, String> expected = validWith(field, read);
        assertEquals(new SignupCommand(expected.get("name"), expected.get("email"), expected.get("password"),
                expected.get("phone")), signup(json(validWith(field, sent))));
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                arguments("email", "minji@example", "must be a valid email address"),
                arguments("password", "secret123", "must contain a letter, a digit and a special character"),
                arguments("password", "a1!" + "x".repeat(70), "must be at most 72 bytes"),
                arguments("phone", "01012345678", "must look like 010-XXXX-XXXX"));
    }

    @ParameterizedTest(name = "{0} ''{1}'': {2}")
    @MethodSource("invalidFields")
    void invalidFieldIsTheOnlyError(String field, String sent, String message) {
        ApiException e = rejected(json(validWith(field, sent)));
        assertEquals(List.of(new FieldError(field, message)), e.fieldErrors());
    }

    @Test
    void everyInvalidFieldIsReportedTogether() {
        ApiException e = rejected("""
                {"name":"   ","email":"not-an-email","password":"short","phone":"123"}
                """);
        Map<String, String> errors = byField(e);
        assertEquals(4, e.fieldErrors().size(), e.fieldErrors()::toString);
        assertEquals("must not be blank", errors.get("name"));
        assertEquals("must be a valid email address", errors.get("email"));
        assertEquals("must be at least 8 characters", errors.get("password"));
        assertEquals("must look like 010-XXXX-XXXX", errors.get("phone"));
    }

    @Test
    void everyMissingFieldIsReportedTogether() {
        ApiException e = rejected("{}");
        assertEquals(List.of(new FieldError("name", "is required"), new FieldError("email", "is required"),
                new FieldError("password", "is required"), new FieldError("phone", "is required")), e.fieldErrors());
    }

    @Test
    void wrongTypesAreReportedAsFieldErrorsNotAsACrash() {
        ApiException e = rejected("""
                {"name":"김민지","email":"minji@example.com","password":12345678,"phone":1012345678}
                """);
        assertEquals(List.of(new FieldError("password", "must be a string"), new FieldError("phone", "must be a string")),
                e.fieldErrors());
    }
}
