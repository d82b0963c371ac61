package kr.tickets.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kr.tickets.common.ApiException;
import kr.tickets.common.FieldError;
import kr.tickets.common.JsonRequest;
import org.junit.jupiter.api.Test;

class SignupCommandTest {

    private static SignupCommand signup(String json) {
        return SignupCommand.from(JsonRequest.parse(json, "application/json"));
    }

    private static ApiException rejected(String json) {
        ApiException e = assertThrows(ApiException.class, () -> signup(json));
        assertEquals(400, e.status());
        assertEquals("VALIDATION_FAILED", e.code());
        return e;
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

    @Test
    void emailIsStoredTrimmedAndLowerCased() {
        SignupCommand command = signup("""
                {"name":"김민지","email":"  MinJi@Example.COM ","password":"s3cret!pass","phone":"010-1234-5678"}
                """);
        assertEquals("minji@example.com", command.email());
    }

    @Test
    void nameIsStrippedOfSurroundingWhitespace() {
        SignupCommand command = signup("""
                {"name":"  김민지 ","email":"minji@example.com","password":"s3cret!pass","phone":"010-1234-5678"}
                """);
        assertEquals("김민지", command.name());
    }

    @Test
    void passwordIsKeptExactlyAsTyped() {
        SignupCommand command = signup("""
                {"name":"김민지","email":"minji@example.com","password":" s3cret!pass ","phone":"010-1234-5678"}
                """);
        assertEquals(" s3cret!pass ", command.password());
    }

    @Test
    void malformedEmailIsRejected() {
        ApiException e = rejected("""
                {"name":"김민지","email":"minji@example","password":"s3cret!pass","phone":"010-1234-5678"}
                """);
        assertEquals(List.of(new FieldError("email", "must be a valid email address")), e.fieldErrors());
    }

    @Test
    void passwordWithoutSpecialCharacterIsRejected() {
        ApiException e = rejected("""
                {"name":"김민지","email":"minji@example.com","password":"secret123","phone":"010-1234-5678"}
                """);
        assertEquals(List.of(new FieldError("password", "must contain a letter, a digit and a special character")),
                e.fieldErrors());
    }

    @Test
    void passwordOver72BytesIsRejected() {
        ApiException e = rejected("{\"name\":\"김민지\",\"email\":\"minji@example.com\",\"password\":\"a1!"
                + "x".repeat(70) + "\",\"phone\":\"010-1234-5678\"}");
        assertEquals(List.of(new FieldError("password", "must be at most 72 bytes")), e.fieldErrors());
    }

    @Test
    void phoneWithoutDashesIsRejected() {
        ApiException e = rejected("""
                {"name":"김민지","email":"minji@example.com","password":"s3cret!pass","phone":"01012345678"}
                """);
        assertEquals(List.of(new FieldError("phone", "must look like 010-XXXX-XXXX")), e.fieldErrors());
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
