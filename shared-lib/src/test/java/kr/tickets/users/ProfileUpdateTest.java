package kr.tickets.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kr.tickets.common.ApiException;
import kr.tickets.common.FieldError;
import kr.tickets.common.JsonRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileUpdateTest {

    private static ProfileUpdate patch(String json) {
        return ProfileUpdate.from(JsonRequest.parse(json, "application/json"));
    }

    private static ApiException rejected(String json) {
        ApiException e = assertThrows(ApiException.class, () -> patch(json));
        assertEquals(400, e.status());
        assertEquals("VALIDATION_FAILED", e.code());
        return e;
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

    @Test
    void newPasswordRequiresCurrentPassword() {
        ApiException e = rejected("{\"newPassword\":\"n3w!password\"}");
        assertEquals(List.of(new FieldError("currentPassword", "is required to change the password")), e.fieldErrors());
    }

    @Test
    void currentPasswordWithoutNewPasswordIsRejected() {
        ApiException e = rejected("{\"name\":\"민지\",\"currentPassword\":\"s3cret!pass\"}");
        assertEquals(List.of(new FieldError("newPassword", "is required with currentPassword")), e.fieldErrors());
    }

    @Test
    void weakNewPasswordIsRejected() {
        ApiException e = rejected("{\"currentPassword\":\"s3cret!pass\",\"newPassword\":\"password\"}");
        assertEquals(List.of(new FieldError("newPassword", "must contain a letter, a digit and a special character")),
                e.fieldErrors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\":null,\"phone\":null}", "{\"email\":\"new@example.com\"}"})
    void emptyPatchIsRejected(String json) {
        ApiException e = rejected(json);
        assertEquals(List.of(new FieldError("body", "must change at least one of name, phone, newPassword")),
                e.fieldErrors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"01098765432", "011-9876-5432", "010-9876-543", "010.9876.5432", "010-98765-432"})
    void invalidPhoneIsRejected(String phone) {
        ApiException e = rejected("{\"phone\":\"" + phone + "\"}");
        assertEquals(List.of(new FieldError("phone", "must look like 010-XXXX-XXXX")), e.fieldErrors());
    }

    @Test
    void blankNameIsRejected() {
        ApiException e = rejected("{\"name\":\"   \"}");
        assertEquals(List.of(new FieldError("name", "must not be blank")), e.fieldErrors());
    }

    @Test
    void everyInvalidFieldIsReportedTogether() {
        ApiException e = rejected("{\"name\":\"" + "가".repeat(51) + "\",\"phone\":\"123\",\"newPassword\":\"weak\"}");
        List<String> fields = e.fieldErrors().stream().map(FieldError::field).toList();
        assertTrue(fields.containsAll(List.of("name", "phone", "newPassword", "currentPassword")), fields::toString);
    }
}
