package kr.tickets.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimerDecisionTest {

    @ParameterizedTest(name = "a {0} hold when its time ran out: {1}")
    @CsvSource({
        "PENDING, RELEASE",
        "PAYING, RECOVER_PAYMENT",
        "CONFIRMED, END",
        "FAILED, END",
        "EXPIRED, END",
        "RELEASED, END"
    })
    void theTimerDecidesByTheHoldsStatus(HoldStatus status, TimerDecision expected) {
        assertEquals(expected, TimerDecision.at(status));
    }
}
