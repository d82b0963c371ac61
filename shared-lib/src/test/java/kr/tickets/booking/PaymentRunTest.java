package kr.tickets.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import kr.tickets.booking.PaymentRun.Outcome;
import kr.tickets.booking.PaymentRun.Status;
import kr.tickets.booking.PaymentRun.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentRunTest {

    private static Verdict succeeded(String output) {
        return PaymentRun.of("SUCCEEDED", output, null).verdict();
    }

    @Test
    void aBookingConfirmedIsBooked() {
        assertEquals(Outcome.BOOKED, succeeded("""
                {"holdId": "h", "toss": {"outcome": "APPROVED"}, "booking": {"outcome": "CONFIRMED"}}""").outcome());
    }

    @Test
    void aCompensationThatFoundTheHoldBookedIsBooked() {
        assertEquals(Outcome.BOOKED, succeeded("""
                {"booking": {"outcome": "CONFLICT"}, "cancel": {"outcome": "BOOKED"}}""").outcome());
    }

    @Test
    void aReleaseFailedCarriesItsCodeAndMessage() {
        Verdict verdict = succeeded("""
                {"toss": {"outcome": "REJECTED", "code": "REJECT_CARD_PAYMENT"},
                 "release": {"outcome": "FAILED", "code": "REJECT_CARD_PAYMENT", "message": "한도 초과"}}""");

        assertEquals(new Verdict(Outcome.FAILED, "REJECT_CARD_PAYMENT", "한도 초과"), verdict);
    }

    @Test
    void aRefundAfterABookingFailureIsFailedWithItsCode() {
        assertEquals(new Verdict(Outcome.FAILED, HoldRules.BOOKING_FAILED, "refunded"), succeeded("""
                {"cancel": {"outcome": "CANCELLED"},
                 "release": {"outcome": "FAILED", "code": "BOOKING_FAILED", "message": "refunded"}}"""));
    }

    @Test
    void tossSessionExpiredIsExpired() {
        assertEquals(Outcome.EXPIRED, succeeded("""
                {"toss": {"outcome": "EXPIRED"}, "release": {"outcome": "EXPIRED", "code": "", "message": ""}}""")
                .outcome());
    }

    @ParameterizedTest(name = "a run that ended with {0} looks at the hold")
    @CsvSource(delimiter = '|', value = {
        "{\"toss\": {\"outcome\": \"NOT_PAYING\"}}",
        "{\"release\": {\"outcome\": \"ALREADY_ENDED\"}}",
        "{}",
        "not json"
    })
    void aRunThatFoundTheHoldEndedLooksAtTheHold(String output) {
        assertEquals(Outcome.HOLD_ENDED, succeeded(output).outcome());
    }

    @Test
    void aFailedRunAfterAFailedRefundIsRefundPending() {
        assertEquals(new Verdict(Outcome.FAILED, HoldRules.REFUND_PENDING, ""),
                PaymentRun.of("FAILED", null, "RefundFailed").verdict());
    }

    @ParameterizedTest(name = "status {0}, error {1}: processing")
    @CsvSource(nullValues = "null", value = {
        "FAILED, ReleaseFailed",
        "FAILED, States.Runtime",
        "TIMED_OUT, null",
        "ABORTED, null",
        "null, null"
    })
    void aRunWithoutAClearEndIsProcessing(String status, String error) {
        assertEquals(Outcome.PROCESSING, PaymentRun.of(status, "{\"booking\": {\"outcome\": \"CONFIRMED\"}}", error)
                .verdict().outcome(), "only a succeeded run's output counts");
    }

    @Test
    void statusesAreReadAsStepFunctionsSpellsThem() {
        assertEquals(Status.SUCCEEDED, PaymentRun.of("SUCCEEDED", "{}", null).status());
        assertEquals(Status.TIMED_OUT, PaymentRun.of("TIMED_OUT", null, null).status());
        assertEquals(Status.UNANSWERED, PaymentRun.of("ABORTED", null, null).status());
        assertEquals(Status.UNANSWERED, PaymentRun.unanswered().status());
    }
}
