package kr.tickets.common;

import static kr.tickets.common.ApiAssertions.assertProblem;
import static kr.tickets.common.ApiAssertions.assertValidationFailed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRequestTest {
    private static final String JSON = "application/json";

    private static ApiException rejected(String body, String contentType) {
        return assertThrows(ApiException.class, () -> JsonRequest.parse(body, contentType));
    }

    /** A JSON object whose UTF-8 encoding is exactly {@code bytes} long. */
    private static String objectOfBytes(int bytes) {
        String prefix = "{\"pad\":\"";
        String suffix = "\"}";
        String body = prefix + "x".repeat(bytes - prefix.length() - suffix.length()) + suffix;
        assertEquals(bytes, body.getBytes(StandardCharsets.UTF_8).length);
        return body;
    }

    // --- body, size, media type, syntax ---------------------------------------------------

    @Test
    void malformedJsonIsRejectedAs400MalformedJson() {
        assertProblem(rejected("{\"email\": ", JSON), 400, "MALFORMED_JSON");
    }

    @Test
    void trailingGarbageAfterTheObjectIsMalformed() {
        assertProblem(rejected("{\"a\":\"b\"} {\"c\":\"d\"}", JSON), 400, "MALFORMED_JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2,3]", "\"just a string\"", "42", "true", "null"})
    void rootThatIsNotAnObjectIsRejected(String body) {
        assertProblem(rejected(body, JSON), 400, "MALFORMED_JSON");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\t"})
    void missingOrBlankBodyIsRejected(String body) {
        assertProblem(rejected(body, JSON), 400, "MALFORMED_JSON");
    }

    @Test
    void bodyOverTheSizeLimitIsRejectedAs413() {
        assertProblem(rejected(objectOfBytes(JsonRequest.MAX_BODY_BYTES + 1), JSON), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void bodyOfExactlyTheSizeLimitIsAccepted() {
        JsonRequest body = JsonRequest.parse(objectOfBytes(JsonRequest.MAX_BODY_BYTES), JSON);
        assertTrue(body.has("pad"));
    }

    @Test
    void sizeLimitCountsUtf8BytesNotCharacters() {
        // 6,000 Hangul syllables are 6,000 chars but 18,000 UTF-8 bytes.
        String body = "{\"name\":\"" + "가".repeat(6000) + "\"}";
        assertTrue(body.length() < JsonRequest.MAX_BODY_BYTES);
        assertProblem(rejected(body, JSON), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void missingContentTypeIsRejectedAs415() {
        assertProblem(rejected("{\"a\":\"b\"}", null), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/jsonp", "text/json", ""})
    void nonJsonContentTypeIsRejectedAs415(String contentType) {
        assertProblem(rejected("{\"a\":\"b\"}", contentType), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8",
            " application/json ", "application/merge-patch+json"})
    void jsonContentTypesAreAccepted(String contentType) {
        JsonRequest body = JsonRequest.parse("{\"a\":\"b\"}", contentType);
        assertEquals("b", body.requiredString("a", 10));
    }

    @Test
    void duplicateKeysAreRejectedRatherThanSilentlyKeepingOne() {
        ApiException e = rejected("{\"role\":\"USER\",\"role\":\"ADMIN\"}", JSON);
        assertProblem(e, 400, "MALFORMED_JSON");
    }

    // --- typed fields -----------------------------------------------------------------------

    @Test
    void numberWhereAStringIsExpectedIsAFieldError() {
        JsonRequest body = JsonRequest.parse("{\"email\": 42}", JSON);
        assertNull(body.requiredString("email", 254));
        assertEquals(List.of(new FieldError("email", "must be a string")), body.errors());

        ApiException e = assertValidationFailed(body::throwIfInvalid);
        assertEquals(List.of(new FieldError("email", "must be a string")), e.fieldErrors());
    }

    static Stream<Arguments> invalidRequiredStrings() {
        return Stream.of(
                // an object, an array or a boolean where a string is expected
                arguments("{\"email\": {\"nested\": 1}}", "email", 254, "must be a string"),
                arguments("{\"email\": [\"a@b.co\"]}", "email", 254, "must be a string"),
                arguments("{\"email\": true}", "email", 254, "must be a string"),
                // missing, and an explicit null, which counts as missing
                arguments("{}", "email", 254, "is required"),
                arguments("{\"email\": null}", "email", 254, "is required"),
                arguments("{\"name\": \"   \"}", "name", 50, "must not be blank"),
                arguments("{\"name\": \"" + "a".repeat(51) + "\"}", "name", 50, "must be at most 50 characters"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {3}")
    @MethodSource("invalidRequiredStrings")
    void invalidRequiredStringIsAFieldError(String json, String field, int maxLength, String message) {
        JsonRequest body = JsonRequest.parse(json, JSON);
        assertNull(body.requiredString(field, maxLength));
        assertEquals(List.of(new FieldError(field, message)), body.errors());
    }

    @Test
    void stringOfExactlyItsMaximumIsAccepted() {
        JsonRequest body = JsonRequest.parse("{\"name\": \"" + "a".repeat(50) + "\"}", JSON);
        assertEquals("a".repeat(50), body.requiredString("name", 50));
        assertTrue(body.errors().isEmpty());
    }

    @Test
    void lengthCountsCharactersNotUtf16UnitsAsTheOpenApiMaxLengthDoes() {
        // 50 emoji are 50 characters (code points), 100 UTF-16 units.
        String emoji = "\uD83C\uDFAD".repeat(50);
        JsonRequest body = JsonRequest.parse("{\"name\": \"" + emoji + "\"}", JSON);
        assertEquals(emoji, body.requiredString("name", 50));
        assertTrue(body.errors().isEmpty());

        JsonRequest tooLong = JsonRequest.parse("{\"name\": \"" + emoji + "\uD83C\uDFAD\"}", JSON);
        assertNull(tooLong.requiredString("name", 50));
        assertEquals(List.of(new FieldError("name", "must be at most 50 characters")), tooLong.errors());
    }

    @Test
    void absentOptionalFieldIsNullWithoutError() {
        JsonRequest body = JsonRequest.parse("{}", JSON);
        assertNull(body.optionalString("phone", 13));
        assertTrue(body.errors().isEmpty());
        body.throwIfInvalid();
    }

    @Test
    void presentButInvalidOptionalFieldIsAFieldError() {
        JsonRequest body = JsonRequest.parse("{\"phone\": 1012345678}", JSON);
        assertNull(body.optionalString("phone", 13));
        assertEquals(List.of(new FieldError("phone", "must be a string")), body.errors());
    }

    @Test
    void everyInvalidFieldIsReportedInOneException() {
        JsonRequest body = JsonRequest.parse("{\"a\": 1, \"b\": \" \"}", JSON);
        body.requiredString("a", 10);
        body.requiredString("b", 10);
        body.requiredString("c", 10);
        body.reject("d", "is wrong");

        ApiException e = assertValidationFailed(body::throwIfInvalid);
        assertEquals(List.of("a", "b", "c", "d"), e.fieldErrors().stream().map(FieldError::field).toList());
    }

    @Test
    void validBodyDoesNotThrow() {
        JsonRequest body = JsonRequest.parse("{\"email\": \"minji@example.com\"}", JSON);
        assertEquals("minji@example.com", body.requiredString("email", 254));
        body.throwIfInvalid();
        assertTrue(body.errors().isEmpty());
    }
}
