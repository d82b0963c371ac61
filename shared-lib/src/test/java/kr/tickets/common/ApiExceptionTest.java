package kr.tickets.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiExceptionTest {

    @Test
    void tooManyRequestsCarriesRetryAfterInSeconds() {
        ApiException e = ApiException.tooManyRequests(900);
        assertEquals(429, e.status());
        assertEquals("TOO_MANY_REQUESTS", e.code());
        assertEquals(Map.of("Retry-After", "900"), e.headers());
    }

    @Test
    void retryAfterIsNeverBelowOneSecond() {
        assertEquals("1", ApiException.tooManyRequests(0).headers().get("Retry-After"));
        assertEquals("1", ApiException.tooManyRequests(-5).headers().get("Retry-After"));
    }

    @Test
    void validationFailureIs400WithItsFieldErrors() {
        ApiException e = ApiException.validation("email", "must be a valid email address");
        assertEquals(400, e.status());
        assertEquals("VALIDATION_FAILED", e.code());
        assertEquals(List.of(new FieldError("email", "must be a valid email address")), e.fieldErrors());
    }

    @Test
    void fieldErrorsCannotBeChangedAfterTheExceptionIsBuilt() {
        java.util.ArrayList<FieldError> errors = new java.util.ArrayList<>(List.of(new FieldError("a", "bad")));
        ApiException e = ApiException.validation(errors);
        errors.add(new FieldError("b", "bad"));
        assertEquals(1, e.fieldErrors().size());
    }

    @Test
    void problemNamesItsTypeAfterTheCodeAndOmitsEmptyFieldErrors() {
        Problem problem = Problem.of(new ApiException(409, "EMAIL_TAKEN", "taken"), "trace-1");
        assertEquals("https://tickets.example/problems/email-taken", problem.type());
        assertEquals("Conflict", problem.title());
        assertEquals(409, problem.status());
        assertEquals("EMAIL_TAKEN", problem.code());
        assertEquals("taken", problem.detail());
        assertEquals("trace-1", problem.traceId());
        assertNull(problem.fieldErrors());
    }

    @Test
    void problemOfValidationFailureListsTheFields() {
        Problem problem = Problem.of(ApiException.validation("phone", "must look like 010-XXXX-XXXX"), null);
        assertEquals("Bad Request", problem.title());
        assertEquals(List.of(new FieldError("phone", "must look like 010-XXXX-XXXX")), problem.fieldErrors());
    }
}
