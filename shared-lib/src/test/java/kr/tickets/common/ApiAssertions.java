package kr.tickets.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

/** Checks of the {@link ApiException} a call must end in, shared by the unit tests. */
public final class ApiAssertions {
    private ApiAssertions() {
    }

    /** Asserts that {@code call} throws an ApiException with {@code status} and {@code code}, and returns it. */
    public static ApiException assertFails(Executable call, int status, String code) {
        ApiException e = assertThrows(ApiException.class, call);
        assertProblem(e, status, code);
        return e;
    }

    /** Asserts that {@code call} is refused with 400 VALIDATION_FAILED, and returns the exception. */
    public static ApiException assertValidationFailed(Executable call) {
        return assertFails(call, 400, "VALIDATION_FAILED");
    }

    public static void assertProblem(ApiException e, int status, String code) {
        assertEquals(status, e.status(), () -> "status of " + e.code());
        assertEquals(code, e.code(), "code");
    }

    /** {@code json} as a handler hands it over: parsed as an application/json body. */
    public static JsonRequest jsonBody(String json) {
        return JsonRequest.parse(json, "application/json");
    }
}
