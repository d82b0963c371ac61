package kr.tickets.users;

import static kr.tickets.common.ApiAssertions.assertValidationFailed;
import static kr.tickets.common.ApiAssertions.jsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import kr.tickets.common.ApiException;
import kr.tickets.common.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileUpdateTest {

    private static ProfileUpdate patch(String json) {
        return ProfileUpdate.from(jsonBody(json));
    }

    private static ApiException rejected(String json) {
        return assertValidationFailed(() -> patch(json));
    }

    @Test
    void nameAloneCanBeChangedAndIsStripped() {
        assertEquals(new ProfileUpdate("민지", null, null, null), patch("{\"name\":\"  민지 \"}"));
    }

    @Test
    void phoneAloneCanBeChanged() {
        assertEquals(new ProfileUpdate(null, "010-9876-5432", null, null), patch("{\"phone\":\"010-9876-5432\"}"));
    }

    @Test
    void passwordChangeWithCurrentPasswordIsAccepted() {
        assertEquals(new ProfileUpdate(null, null, "s3cret!pass", "n3w!password"),
                patch("{\"currentPassword\":\"s3cret!pass\",\"newPassword\":\"n3w!password\"}"));
    }

    /** Patches with exactly one thing wrong: the body, the field and the one error expected. */
    static Stream<Arguments> invalidPatches() {
        Stream<Arguments> passwordAndName = Stream.of(
                arguments("{\"newPassword\":\"n3w!password\"}",
                        "currentPassword", "is required to change the password"),
                arguments("{\"name\":\"민지\",\"currentPassword\":\"s3cret!pass\"}",
                        "newPassword", "is required with currentPassword"),
                arguments("{\"currentPassword\":\"s3cret!pass\",\"newPassword\":\"password\"}",
                        "newPassword", "must contain a letter, a digit and a special character"),
                arguments("{\"name\":\"   \"}", "name", "must not be blank"));
        // Nothing to change: no field, only nulls, or only a field that cannot be changed.
        Stream<Arguments> emptyPatches = Stream.of(
                        "{}", "{\"name\":null,\"phone\":null}", "{\"email\":\"new@example.com\"}")
                .map(json -> arguments(json, "body", "must change at least one of name, phone, newPassword"));
        Stream<Arguments> invalidPhones = Stream.of("01098765432", "011-9876-5432", "010-9876-543", "010.9876.5432",
                        "010-98765-432")
                .map(phone -> arguments("{\"phone\":\"" + phone + "\"}", "phone", "must look like 010-XXXX-XXXX"));
        return Stream.of(passwordAndName, emptyPatches, invalidPhones).flatMap(cases -> cases);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("invalidPatches")
    void invalidPatchIsRejectedWithItsOneFieldError(String json, String field, String message) {
        ApiException e = rejected(json);
        assertEquals(List.of(new FieldError(field, message)), e.fieldErrors());
    }

    @Test
    void everyInvalidFieldIsReportedTogether() {
        ApiException e = rejected("{\"name\":\"" + "가".repeat(51) + "\",\"phone\":\"123\",\"newPassword\":\"weak\"}");
        List<String> fields = e.fieldErrors().stream().map(FieldError::field).toList();
        assertTrue(fields.containsAll(List.of("name", "phone", "newPassword", "currentPassword")), fields::toString);
    }
}
