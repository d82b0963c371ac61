package kr.tickets.booking;

/**
 * What a hold's timer (statemachines/booking.asl.json) does when the hold's time has run out,
 * by the hold's status then.
 */
public enum TimerDecision {
    /** Still PENDING (nobody paid): release the seat, the hold ends EXPIRED. */
    RELEASE,
    /** PAYING: a payment was started whose confirm never finished; run the payment steps (recovery). */
    RECOVER_PAYMENT,
    /** The hold ended already (booked, released, failed, expired): nothing to do. */
    END;

    public static TimerDecision at(HoldStatus status) {
        return switch (status) {
            case PENDING -> RELEASE;
            case PAYING -> RECOVER_PAYMENT;
            case CONFIRMED, FAILED, EXPIRED, RELEASED -> END;
        };
    }
}
