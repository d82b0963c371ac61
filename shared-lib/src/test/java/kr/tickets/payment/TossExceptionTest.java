package kr.tickets.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TossExceptionTest {
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(403, "REJECT_CARD_PAYMENT", TossException.Kind.REJECTED),
                Arguments.of(403, "REJECT_CARD_COMPANY", TossException.Kind.REJECTED),
                Arguments.of(403, "FDS_ERROR", TossException.Kind.REJECTED),
                Arguments.of(400, "PROVIDER_ERROR", TossException.Kind.TRANSIENT),
                Arguments.of(500, "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING", TossException.Kind.TRANSIENT),
                Arguments.of(502, "SOMETHING_NEW", TossException.Kind.TRANSIENT),
                Arguments.of(0, "TIMEOUT", TossException.Kind.TRANSIENT),
                Arguments.of(0, "NETWORK_ERROR", TossException.Kind.TRANSIENT),
                Arguments.of(404, "NOT_FOUND_PAYMENT_SESSION", TossException.Kind.SESSION_EXPIRED),
                Arguments.of(400, "ALREADY_PROCESSED_PAYMENT", TossException.Kind.ALREADY_PROCESSED),
                Arguments.of(401, "UNAUTHORIZED_KEY", TossException.Kind.MISCONFIGURED),
                Arguments.of(400, "INVALID_REQUEST", TossException.Kind.INVALID),
                Arguments.of(400, "DUPLICATED_ORDER_ID", TossException.Kind.INVALID));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void eachTossFailureIsClassifiedForTheSaga(int status, String code, TossException.Kind kind) {
        assertEquals(kind, new TossException(status, code, "").kind());
    }
}
